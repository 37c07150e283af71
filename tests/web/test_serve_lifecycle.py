"""``licscreen serve``'s processes: stopping the server ends its apps, an app that does not quit
is killed, and ``--read-only`` serves a store no session can change."""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from textual_serve.download_manager import DownloadManager

from licscreen.web.server import QUIT_GRACE_S, Session
from tests.kit.browser import (
    alive,
    environment,
    open_app,
    press,
    serving,
    wait_for_text,
    wait_until,
)
from tests.kit.files import dump_hash


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_stopping_the_server_ends_its_apps_within_seconds(demo_path, browser, pages, signum):
    with serving(demo_path) as served:
        pages.append(page := open_app(browser, served.url))
        apps = served.apps()
        assert len(apps) == 1
        started = time.monotonic()
        assert served.stop(signum) == 0
        took = time.monotonic() - started
        assert not any(alive(pid) for pid in apps)
        assert took < QUIT_GRACE_S + 5, took  # not aiohttp's minute for open connections
        wait_until(lambda: page.locator("body.-closed").count(), timeout=10,
                   what="the page to say the session ended")
        assert "Session ended" in page.inner_text(".closed-dialog")


def test_read_only_serves_a_store_no_session_changes(demo_path, browser, pages):
    before = dump_hash(demo_path)
    with serving(demo_path, "--read-only") as served:
        pages.append(page := open_app(browser, served.url))
        press(page, "4")
        wait_for_text(page, "System messages", "Description")
        press(page, "a")  # add an event
        wait_for_text(page, "The store is read-only (served with", "events cannot be changed")
    assert dump_hash(demo_path) == before


def test_a_tab_whose_app_cannot_start_says_the_session_ended(demo_path, browser, pages):
    with serving(demo_path) as served:
        demo_path.unlink()  # gone since the server checked it
        pages.append(page := browser.new_page())
        page.goto(served.url)
        wait_until(lambda: page.locator("body.-closed").count(), timeout=15,
                   what="the page to say the session ended")
        served.stop()
    assert f"licscreen: {demo_path}: no store there" in served.process.stdout.read()  # type: ignore[union-attr]
    assert not served.apps()


def run_session(argv: list[str], *, resize: bool) -> tuple[int | None, float]:
    """Start ``argv`` as a tab's app would be, ask it to quit (a resize first: a tab
    closed while its app starts), and say how it ended and how long stopping took."""
    async def noop(*_args: object) -> None:
        return None

    async def run() -> tuple[int | None, float]:
        session = Session(argv, write_bytes=noop, write_str=noop, close=noop,
                          download_manager=DownloadManager())
        await session.start(80, 24)
        if resize:
            await session.set_terminal_size(100, 30)
        started = time.monotonic()
        await session.stop()
        assert session._process is not None
        return session._process.returncode, time.monotonic() - started

    with ThreadPoolExecutor(1) as thread:  # Playwright's loop runs in this one
        return thread.submit(asyncio.run, run()).result()


STUCK = ("import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
         "print('__GANGLION__', flush=True); time.sleep(120)")


def test_an_app_that_does_not_quit_is_killed():
    code, took = run_session([sys.executable, "-c", STUCK], resize=False)
    assert code == -signal.SIGKILL
    assert took < QUIT_GRACE_S + 2, took


def test_a_tab_closed_while_its_app_starts_leaves_no_process(demo_path, monkeypatch):
    """The Textual bug textual-serve leaves running at full CPU (docs/web.md): a resize and a
    quit in the app's first half second. Whether it quits or is killed, it is gone."""
    for name, value in environment().items():
        monkeypatch.setenv(name, value)
    argv = [sys.executable, "-m", "licscreen.web.session", "--db", str(demo_path),
            "--lang", "en"]
    code, took = run_session(argv, resize=True)
    assert code is not None
    assert took < QUIT_GRACE_S + 2, took
