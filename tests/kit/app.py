"""Helpers for the tests that drive the app with Pilot: wait for it, and read what it shows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled

from licscreen.store import Store, create_store
from tests.kit.clock import FROZEN, frozen_clock

if TYPE_CHECKING:
    from licscreen.tui.events.messages import SystemMessages
    from licscreen.tui.users.pane import UsersPane


async def settle(pilot: Pilot) -> None:
    """Let workers finish and their messages land.

    An exclusive worker cancelled by a newer one (a reload overtaken by the next) makes
    ``wait_for_complete`` raise: that is the app working as meant, so it is waited past.
    """
    for _ in range(3):
        with suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def rendered(widget: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def screen_text(app: App) -> str:
    """Every line the screen shows now, modals and the screen below them included, without
    styles."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def system_messages(pilot: Pilot) -> SystemMessages:
    """The Status tab's System messages, opened with the tab's key and loaded."""
    from licscreen.tui.events.messages import SystemMessages

    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    return pilot.app.query_one(SystemMessages)


async def users_tab(pilot: Pilot) -> UsersPane:
    """The Users tab, its list loaded and focused."""
    from licscreen.tui.users.pane import UsersPane

    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    pane = pilot.app.query_one(UsersPane)
    pane.table.focus()
    return pane


async def export_to(pilot: Pilot, path: Path) -> bytes:
    """``w`` on the focused list, ``path`` typed, Enter: the file written."""
    from textual.widgets import Input

    from licscreen.tui.widgets.export import ExportScreen

    await pilot.press("w")
    assert isinstance(pilot.app.screen, ExportScreen)
    pilot.app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, ExportScreen)
    return path.read_bytes()


def notices(app: App) -> list[str]:
    """The notifications shown, oldest first."""
    return [str(n.message) for n in app._notifications]


@contextmanager
def snapshot_app_in(tmp_path: Path, monkeypatch: object) -> Iterator[App]:
    """The app on a fresh demo store at FROZEN, for SVG snapshots."""
    monkeypatch.chdir(tmp_path)  # a relative store path keeps tmp_path out of the header
    from licscreen.tui.app import LicScreenApp

    path = Path("licscreen.db")
    create_store(path, demo=True, now=FROZEN).close()
    store = Store.open(path)
    try:
        yield LicScreenApp(store, clock=frozen_clock)
    finally:
        store.close()


def rows_of(table) -> list[list[str]]:
    """A PagedTable's rows, as plain text (section headings as one cell)."""
    rows = (table.row_at(i) for i in range(table.row_count))
    return [[cell.plain for cell in row.cells] for row in rows if row is not None]


def header(table) -> str:
    """A PagedTable's header line, as shown (▲/▼ on the sort column)."""
    return table.render_line(0).text
