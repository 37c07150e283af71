"""``licscreen serve``: the app in a browser, one app per tab on the same store (docs/web.md).

The web server (``licscreen.web.server``, the ``web`` extra: textual-serve) is imported only
here, when the command runs; each tab's app is ``python -m licscreen.web.session``.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from licscreen import i18n
from licscreen.cli.common import CliError, db_option, db_path
from licscreen.cli.i18n import lang_option
from licscreen.cli.params import Count
from licscreen.i18n import N_, _

LOOPBACK = "127.0.0.1"
EXTRA = "pip install 'licscreen[web]'"


@click.command()
@click.option("--host", default=LOOPBACK, show_default=True, metavar="ADDRESS",
              help=N_("The address to listen on. Another than this machine's own (loopback) "
                      "needs --public-url: put a proxy with TLS and authentication in front "
                      "(docs/web.md)."))
@click.option("--port", type=Count(1, 65535), default=8000, show_default=True,
              help=N_("The port to listen on."))
@click.option("--public-url", metavar="URL", default=None,
              help=N_("The address browsers open (behind a proxy: its https address)."))
@click.option("--read-only", is_flag=True,
              help=N_("Open the store read-only for every session (a wall display)."))
@db_option
@lang_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, public_url: str | None, read_only: bool,
          db: Path | None) -> None:
    """Serve the app to web browsers: each browser tab gets its own app on the same store,
    until the tab is closed. Stop with Ctrl+C. No authentication: see docs/web.md."""
    path = db_path(ctx, db)
    local = is_loopback(host)
    if not local and public_url is None:
        raise CliError(_("--host {host}: not this machine's own address; give --public-url, the "
                         "address browsers open through your proxy (docs/web.md)").format(
            host=host))
    url = checked_url(public_url) if public_url else f"http://{url_host(host)}:{port}"
    try:
        from licscreen.web.server import PageChanged, WebServer
    except ImportError:
        raise CliError(_("licscreen serve needs the web extra: {command}").format(
            command=EXTRA)) from None
    check_store(path, read_only=read_only)
    argv = [sys.executable, "-m", "licscreen.web.session", "--db", str(path),
            "--lang", i18n.language(), *(["--read-only"] if read_only else [])]

    def ready() -> None:
        from licscreen.present.text import clean  # a path may hold anything but a NUL

        click.echo(clean(_("Serving {path} at {url}{mode} (Ctrl+C to stop)").format(
            path=path, url=url, mode=_(", read-only") if read_only else ""), one_line=True))
        if not local:
            click.echo(_("No authentication: anyone who reaches {host}:{port} controls the "
                         "app; only a proxy in front may give access (docs/web.md)").format(
                host=host, port=port), err=True)

    try:
        server = WebServer(argv, host=host, port=port, public_url=url, ready=ready)
        server.serve()
    except PageChanged as error:
        raise CliError(f"{error}; {EXTRA}") from None
    except OSError as error:  # the address taken, or not this machine's
        raise CliError(_("cannot listen on {host}:{port}: {reason}").format(
            host=host, port=port, reason=error.strerror or error)) from None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def checked_url(url: str) -> str:
    """An http(s) address with a host and no user, query or fragment, without its final /."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a bad port raises here)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname \
            or parts.username is not None or parts.query or parts.fragment:
        raise CliError(_("--public-url {url}: not an http:// or https:// address of a host "
                         "(no user, query or fragment)").format(url=url))
    return url.rstrip("/")


def check_store(path: Path, *, read_only: bool) -> None:
    """The store every session opens, opened once now: a bad one is one line before the
    server starts. With no store there, one holding the demo is made, as the app does (not
    for --read-only); an older store is upgraded here, not by the first sessions at once."""
    from licscreen.store import Store, StoreError, create_store, store_exists

    try:
        if store_exists(path):
            Store.open(path, read_only=read_only or None).close()
        elif read_only:
            raise CliError(_("{path}: no store there (create one with 'licscreen init')").format(
                path=path))
        else:
            create_store(path, demo=True, force=True).close()
    except StoreError as error:
        raise CliError(str(error)) from None
