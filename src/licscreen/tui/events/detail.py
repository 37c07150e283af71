"""The Description panel: everything about the system event under the cursor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.present.labels import event_name
from licscreen.present.time import fmt_time, fmt_until
from licscreen.render.portrait import HalfBlockImage
from licscreen.render.text import safe
from licscreen.store.models import Level, SystemEvent
from licscreen.tui.context import app_of
from licscreen.tui.events.rows import scope_label, status_text
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

PLACEHOLDER = N_("Select a system message to see its description.")


def render_event(event: SystemEvent, now: datetime, app: App[Any]) -> Group:
    head = Text.assemble(safe(event_name(event.key, event.name), "bold", one_line=True), "  ",
                         status_text(event, now, app))
    if event.message:
        head.append("\n")
        head.append_text(safe(event.message))
    facts = Table.grid(padding=(0, 1))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row(_("Key"), safe(event.key, one_line=True))
    facts.add_row(_("Applies to"), Text(scope_label(event)))
    if event.activated_by:
        who = Text.assemble(safe(event.activated_by_name or "", one_line=True), " (",
                            safe(event.activated_by, one_line=True), ")")
    else:
        who = Text(_("the system"))
    facts.add_row(_("Activated"), Text(fmt_time(event.activated, now)))
    facts.add_row(_("Activated by"), who)
    if event.ends is not None:
        ends = Text(fmt_time(event.ends, now))
        if not event.status.is_over:  # overdue in the warning colour, as in the list
            style = level_style(app, Level.WARNING) if event.is_overdue(now) else "dim"
            ends.append(f"  ({fmt_until(event.ends, now)})", style=style)
        facts.add_row(_("Ends"), ends)
    else:
        facts.add_row(_("Ends"), Text(_("no end set"), style="dim"))
    if event.updated is not None:
        updated = Text(fmt_time(event.updated, now))
        if event.updated_by:
            updated.append(" · ")
            updated.append_text(safe(event.updated_by, one_line=True))
        facts.add_row(_("Last update"), updated)
    parts: list[RenderableType] = [head, Text(""), facts]
    if event.description:
        parts += [Text(""), safe(event.description)]
    return Group(*parts)


class EventDetail(ReportWorkerErrors, VerticalScroll):
    """Description, key, scope, who activated it (with portrait), expected end, last update."""

    @dataclass
    class Loaded(Message):
        event: SystemEvent | None
        portrait: HalfBlockImage | None

    _shown: tuple[object, object] | None = None  # the event and the portrait's pixels drawn

    def compose(self) -> ComposeResult:
        with Horizontal(classes="event-body"):
            yield Static(Text(_(PLACEHOLDER), style="dim italic"), classes="event-text")
            yield Static(classes="event-portrait")

    def on_mount(self) -> None:
        self.border_title = _("Description")
        self.event: SystemEvent | None = None

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_event(self, event_id: int | None) -> None:
        store = app_of(self).store
        event = store.event(event_id) if event_id is not None else None
        portrait = None
        if event and event.activated_by and event.activated_by_has_portrait:
            data = store.portrait(event.activated_by)
            portrait = HalfBlockImage.from_bytes(data) if data else None
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(event, portrait))

    def on_event_detail_loaded(self, message: Loaded) -> None:
        message.stop()
        shown = (message.event, message.portrait.pixels if message.portrait else None)
        if shown == self._shown:
            return  # read again as the store changed, and the same: nothing to draw
        self._shown = shown
        self.event = message.event
        self.redraw()
        picture = self.query_one(".event-portrait", Static)
        picture.update(message.portrait or "")
        picture.display = message.portrait is not None

    def redraw(self) -> None:
        """Draw the event again (the clock moved), beside the portrait shown."""
        text = self.query_one(".event-text", Static)
        if self.event is None:
            text.update(Text(_(PLACEHOLDER), style="dim italic"))
        else:
            text.update(render_event(self.event, app_of(self).now(), self.app))
