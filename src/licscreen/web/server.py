"""textual-serve's server with its four gaps closed (docs/web.md, "What licscreen adds").

1. The page loads nothing from the internet: its Google Fonts link becomes an ``@font-face`` on
   the Roboto Mono files textual-serve ships (:func:`page_template`).
2. The websocket answers 403 to any origin but this server's (:meth:`WebServer.handle_websocket`).
3. An app asked to quit that is still there :data:`QUIT_GRACE_S` later is killed, and the app is
   started without a shell, so the process killed is the app (:class:`Session`).
4. SIGTERM and Ctrl+C end the server and every app within seconds (:meth:`WebServer.on_shutdown`).

This uses textual-serve's internals (``AppService``, ``_make_app``, ``_process_messages``):
the extra pins textual-serve below 1.2, and ``tests/web`` fail when they change.
"""

from __future__ import annotations

import asyncio
import logging
import re
import shlex
import signal
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("licscreen.web")

QUIT_GRACE_S = 3.0  # an app asked to quit, still running after this, is killed
PAGE = "app_index.html"
FONTS = {"normal": "RobotoMono-VariableFont_wght.ttf",
         "italic": "RobotoMono-Italic-VariableFont_wght.ttf"}
GOOGLE_FONTS = re.compile(r"<link\s[^>]*https://fonts\.googleapis\.com[^>]*>", re.S)
REMOTE_LOAD = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
DEFAULT_PORTS = {"http": 80, "https": 443}


class PageChanged(RuntimeError):
    """textual-serve's page is not the one licscreen knows how to keep off the internet."""


def page_template(templates: Path, statics: Path) -> str:
    """textual-serve's page, its web-font link replaced by the fonts it ships; a
    :class:`PageChanged` when the link (or a font) is not where it was, or another load from
    elsewhere is left."""
    page = (templates / PAGE).read_text(encoding="utf-8")
    missing = [name for name in FONTS.values() if not (statics / "fonts" / name).is_file()]
    if len(GOOGLE_FONTS.findall(page)) != 1 or missing:
        raise PageChanged(f"textual-serve's {PAGE} or its fonts changed: the page would load "
                          "its font from the internet")
    faces = "".join(
        f'@font-face {{ font-family: "Roboto Mono"; font-style: {style}; font-weight: 100 700; '
        f'src: url("{{{{ config.static.url }}}}fonts/{name}") format("truetype"); }}\n'
        for style, name in FONTS.items())
    page = GOOGLE_FONTS.sub(lambda _match: f"<style>\n{faces}</style>", page)
    if REMOTE_LOAD.search(page):
        raise PageChanged(f"textual-serve's {PAGE} loads something from elsewhere")
    return page


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` as a browser sends it in ``Origin`` (the default port left out),
    or None for something that is no http(s) origin."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), parts.hostname
    if scheme not in DEFAULT_PORTS or not host:
        return None
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{host}" if port in (None, DEFAULT_PORTS[scheme]) else \
        f"{scheme}://{host}:{port}"


class Session(AppService):
    """One browser tab's app: started without a shell, killed when it does not quit."""

    def __init__(self, argv: list[str], **kwargs: object) -> None:
        super().__init__(shlex.join(argv), **kwargs)  # type: ignore[arg-type]
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24) -> \
            asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=environment)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Relay the app's output until it ends; then its page says the session ended (an app
        that could not start, too: its one line goes to the server's log)."""
        await super().run()
        await self.remote_close()

    async def stop(self) -> None:
        """Ask the app to quit; kill it when it has not after :data:`QUIT_GRACE_S`."""
        task, process = self._task, self._process
        if task is None or process is None:
            return
        self._task = None
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        await self.send_meta({"type": "quit"})
        try:
            await asyncio.wait_for(asyncio.shield(process.wait()), QUIT_GRACE_S)
        except TimeoutError:
            log.warning("an app did not quit within %.0f s: killed", QUIT_GRACE_S)
            process.kill()
            await process.wait()
        await task  # its output read to the end


class WebServer(Server):
    """Serves the app command ``argv``, one process per browser tab (see the module)."""

    def __init__(self, argv: list[str], *, host: str, port: int, public_url: str,
                 ready: Callable[[], None] = lambda: None) -> None:
        super().__init__(shlex.join(argv), host=host, port=port, title="licscreen",
                         public_url=public_url)
        self.argv = argv
        self.origin = origin_of(self.public_url)
        self.page = page_template(self.templates_path, self.statics_path)
        self.ready = ready
        self.sessions: set[asyncio.Task[object]] = set()

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="licscreen serve: %(message)s")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({PAGE: self.page}))
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Says nothing: :meth:`serve` says where it listens once it does."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Every open session ends now (each app asked to quit, killed if it does not),
        rather than after aiohttp's minute of waiting for open connections."""
        for task in self.sessions:
            task.cancel()
        await asyncio.gather(*self.sessions, return_exceptions=True)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """The session of one tab, for a page of this server only: a page elsewhere that
        opens this websocket (any site the administrator visits) gets 403."""
        if origin_of(request.headers.get("Origin", "")) != self.origin:
            raise web.HTTPForbidden(text="licscreen serve: this page's origin may not connect")
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)
        try:
            return await self._session(request)
        finally:
            self.sessions.discard(task)

    async def _session(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        session: Session | None = None
        try:
            await websocket.prepare(request)
            session = Session(self.argv, write_bytes=websocket.send_bytes,
                              write_str=websocket.send_str, close=websocket.close,
                              download_manager=self.download_manager)
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            pass  # the server stops
        except Exception as error:  # a tab's failure ends its session, never the server
            log.warning("a session failed: %s", error)
        finally:
            if session is not None:
                await session.stop()
            await websocket.close()
        return websocket

    def serve(self, debug: bool = False) -> None:
        """Serve until SIGTERM or Ctrl+C; raises OSError when the address is not free."""
        self.initialize_logging()
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        runner = web.AppRunner(await self._make_app(), handle_signals=False,
                               shutdown_timeout=QUIT_GRACE_S + 1)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
            self.ready()  # listening: now it may say so
            await stop.wait()
        finally:
            await runner.cleanup()  # on_shutdown: every session ends
