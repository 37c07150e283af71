"""``licscreen serve`` in a real browser (Debian's Chromium): the page, the keys, a tab per app,
and the websocket's origin check. One server for the module; each test opens its own tabs."""

from __future__ import annotations

import http.client
import shutil
from base64 import b64encode

import pytest

from tests.kit.browser import (
    open_app,
    press,
    screen,
    start_server,
    wait_for_text,
    wait_until,
)


@pytest.fixture(scope="module")
def served(demo_template, tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "demo.db"
    shutil.copyfile(demo_template, db)
    server = start_server(db)
    yield server
    assert server.stop() == 0


def test_the_page_shows_the_licence_list_asking_nothing_of_other_machines(served, browser,
                                                                           pages):
    requests: list[str] = []
    pages.append(page := open_app(browser, served.url, requests=requests))
    shown = screen(page)
    assert "SuperOffice Server" in shown and "Sales Premium" in shown
    assert any(url.endswith("/ws?" + url.split("?", 1)[-1]) for url in requests
               if url.startswith("ws:"))  # the app came over this server's websocket
    assert any("/fonts/RobotoMono" in url for url in requests)  # its own fonts
    elsewhere = [url for url in requests
                 if not url.startswith((served.url + "/", f"ws://127.0.0.1:{served.port}/"))]
    assert elsewhere == []


def box(shown: str, title: str) -> list[str]:
    """The lines inside the box titled ``title``, without its borders."""
    lines = shown.splitlines()
    start = next(i for i, line in enumerate(lines) if f"╭─ {title}" in line)
    inside = []
    for line in lines[start + 1:]:
        if line.lstrip().startswith("╰"):
            break
        inside.append(line.strip().strip("│").strip())
    return inside


def described(page) -> str:
    """The title of the event the Description box shows."""
    return box(screen(page), "Description")[0].split("  ")[0]


def test_keys_reach_the_app_and_the_description_follows_the_cursor(served, browser, pages):
    pages.append(page := open_app(browser, served.url))
    press(page, "4")  # the Status tab
    shown = wait_for_text(page, "System messages", " events ─", "Description")  # rows loaded
    rows = box(shown, "System messages")[1:]  # under the column titles

    def describes(row: str) -> str:  # the Description box on ``row``'s event (once loaded)
        title = described(page)
        return title if row.startswith(title[:15]) else ""

    first = wait_until(lambda: describes(rows[0]), what="the first row's description")
    press(page, "j")  # down a row (vim's key; the arrow works too)
    wait_until(lambda: describes(rows[1]), what="the description of the next row")
    press(page, "ArrowUp")
    wait_until(lambda: described(page) == first, what="the first row's description again")


def test_each_tab_runs_its_own_app_and_closing_it_ends_that_app(served, browser, pages):
    wait_until(lambda: not served.apps(), what="the earlier tests' apps to end")
    pages.append(first := open_app(browser, served.url))
    pages.append(second := open_app(browser, served.url))
    apps = wait_until(lambda: (lambda found: found if len(found) == 2 else None)(served.apps()),
                      what="two apps")
    first.close()
    left = wait_until(lambda: (lambda found: found if len(found) == 1 else None)(
        served.apps()), timeout=10, what="the closed tab's app to end")
    assert left < apps
    press(second, "2")  # the other tab's app goes on
    wait_for_text(second, "DocuFlow", "Licences")


def upgrade(port: int, origin: str | None) -> int:
    """The status of a websocket handshake on /ws sent with ``origin``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": b64encode(b"licscreen-tests!").decode()}
    if origin is not None:
        headers["Origin"] = origin
    try:
        conn.request("GET", "/ws?width=80&height=24", headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


@pytest.mark.parametrize("origin", ["http://evil.example", "http://localhost:{port}",
                                    "https://127.0.0.1:{port}", "http://127.0.0.1:1", "null",
                                    None])
def test_a_websocket_from_another_origin_is_refused(served, origin):
    """A page elsewhere (any site the administrator visits) cannot drive the app, and no app
    is started for it."""
    wait_until(lambda: not served.apps(), what="the earlier tests' apps to end")
    given = origin.format(port=served.port) if origin else None
    assert upgrade(served.port, given) == 403
    assert not served.apps()


def test_a_websocket_from_the_page_s_own_origin_is_accepted(served):
    assert upgrade(served.port, served.url) == 101
    wait_until(served.apps, what="its app to start")
    wait_until(lambda: not served.apps(), timeout=10, what="its app to end with the socket")
