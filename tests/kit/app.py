"""Helpers for the tests that drive the app with Pilot: wait for it, and read what it shows."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled

if TYPE_CHECKING:
    from licscreen.tui.events.messages import SystemMessages


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
