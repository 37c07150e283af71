"""Helpers for the tests and scripts that run ``licscreen serve`` and look at it in a real browser:
Debian's Chromium driven by Playwright (never ``playwright install``: it downloads a browser).

xterm.js draws on a canvas and textual.js keeps its terminal out of ``window``: the screen is
read through the DevTools protocol (``Runtime.queryObjects``), from the object that holds the
terminal and its websocket (docs/web.md, "Tests").
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import licscreen

CHROMIUM_ENV = "LICSCREEN_CHROMIUM"  # a browser elsewhere than Debian's
CHROMIUM = ("chromium-headless-shell", "chromium")
# Root needs --no-sandbox; the rest keeps the browser from calling home (the network is closed).
FLAGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
         "--disable-default-apps", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--disable-extensions", "--metrics-recording-only", "--mute-audio"]
VIEWPORT = {"width": 1100, "height": 720}
START_S = 30.0  # a server or an app starting on a busy machine
SRC = Path(licscreen.__file__).resolve().parents[1]  # the licscreen these tests import


def chromium_path() -> str | None:
    """Debian's Chromium (its headless shell, else the full browser), or the one named by
    LICSCREEN_CHROMIUM; None when there is none."""
    named = os.environ.get(CHROMIUM_ENV)
    if named:
        return named
    for name in CHROMIUM:
        found = shutil.which(name)
        if found:
            return found
    return None


def launch(playwright: Any) -> Any:
    path = chromium_path()
    if path is None:  # .ci/run installs it: without one the browser tests fail, never skip
        raise RuntimeError("no Chromium: apt-get install chromium-headless-shell "
                           f"(or name one in {CHROMIUM_ENV})")
    return playwright.chromium.launch(executable_path=path, args=FLAGS, headless=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Served:
    """A running ``licscreen serve``."""

    process: subprocess.Popen[str]
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def apps(self) -> set[int]:
        """The app processes it runs now (its children: each tab's app is one)."""
        return children(self.process.pid)

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 15.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise


def serve_command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "licscreen", "serve", "--db", str(db), *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}


def start_server(db: Path, *args: str, port: int | None = None) -> Served:
    """``licscreen serve --db DB ARGS`` on a free port, once it listens."""
    port = port or free_port()
    process = subprocess.Popen([*serve_command(db, "--port", str(port), *args)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=environment())
    served = Served(process, port)
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"licscreen serve ended: {process.stderr.read()}")  # type: ignore[union-attr]
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return served
        time.sleep(0.05)
    served.stop(signal.SIGKILL)
    raise RuntimeError("licscreen serve did not listen")


@contextmanager
def serving(db: Path, *args: str) -> Iterator[Served]:
    served = start_server(db, *args)
    try:
        yield served
    finally:
        if served.process.poll() is None:
            served.stop()


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux: /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(condition: Callable[[], Any], timeout: float = START_S,
               what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


FIND_TERMINAL = """function () {
    const found = this.find(o => o && o.terminal && o.fitAddon && o.socket);
    if (found) { window.__licscreenTerminal = found; }
    return Boolean(found);
}"""
READ_SCREEN = """() => {
    const terminal = window.__licscreenTerminal.terminal;
    const buffer = terminal.buffer.active;
    const lines = [];
    for (let y = 0; y < terminal.rows; y++) {
        const line = buffer.getLine(buffer.viewportY + y);
        lines.push(line ? line.translateToString(true) : "");
    }
    return lines.join("\\n");
}"""


def _find_terminal(page: Any) -> bool:
    """Point window.__licscreenTerminal at textual.js's terminal object, once it is made."""
    cdp = page.context.new_cdp_session(page)
    try:
        prototype = cdp.send("Runtime.evaluate", {"expression": "Object.prototype"})
        objects = cdp.send("Runtime.queryObjects", {
            "prototypeObjectId": prototype["result"]["objectId"], "objectGroup": "licscreen"})
        found = cdp.send("Runtime.callFunctionOn", {
            "objectId": objects["objects"]["objectId"], "functionDeclaration": FIND_TERMINAL,
            "returnByValue": True})
        cdp.send("Runtime.releaseObjectGroup", {"objectGroup": "licscreen"})
        return bool(found["result"].get("value"))
    finally:
        cdp.detach()


def screen(page: Any) -> str:
    """The lines the terminal in ``page`` shows now."""
    if not page.evaluate("() => Boolean(window.__licscreenTerminal)"):
        wait_until(lambda: _find_terminal(page), what="the page's terminal")
    text: str = page.evaluate(READ_SCREEN)
    return text


def wait_for_text(page: Any, *texts: str, timeout: float = START_S) -> str:
    """The screen, once it shows every one of ``texts``."""
    return wait_until(lambda: (lambda shown: shown if all(t in shown for t in texts) else "")(
        screen(page)), timeout, what=" and ".join(map(repr, texts)))


LICENCE_LIST = ("System licences", "User licences")


def open_app(browser: Any, url: str, *, requests: list[str] | None = None,
             shows: tuple[str, ...] = LICENCE_LIST) -> Any:
    """A new tab on ``url``, once the app's licence list (``shows``) is on screen; every URL
    the page asks for goes into ``requests``."""
    page = browser.new_page(viewport=VIEWPORT)
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url))
        page.on("websocket", lambda websocket: requests.append(websocket.url))
    page.goto(url)
    wait_for_text(page, *shows)
    return page


def press(page: Any, *keys: str) -> None:
    """Keys to the app: they reach it through xterm.js's focused textarea."""
    page.focus("textarea.xterm-helper-textarea")
    for key in keys:
        page.keyboard.press(key)
