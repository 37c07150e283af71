"""The Status tab: the Database block, the plan and its restrictions, and System messages."""

from __future__ import annotations

import sqlite3
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static
from textual.worker import get_current_worker

from licscreen.i18n import _
from licscreen.present.labels import restriction_name
from licscreen.render.facts import database_rows, restriction_text
from licscreen.render.text import safe
from licscreen.store.events import EventFilter, count_apart, interruptible
from licscreen.store.models import Installation, Level
from licscreen.tui.events.actions import EventActions
from licscreen.tui.events.detail import EventDetail
from licscreen.tui.events.listing import EventListing, FilterInput
from licscreen.tui.events.rows import EVENT_COLUMNS, EventSource
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.paged_table import PagedTable


class DatabaseFacts(Static):
    """Owner, serial number, type, central or satellite, next expiry, logged-in user."""

    def show(self, inst: Installation | None, today: date) -> None:
        if inst is None:
            self.update(Text(_("This store holds no installation yet."), style="dim italic"))
            return
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for label, value in database_rows(inst, today, self._style):
            grid.add_row(label, value)
        self.update(grid)

    def _style(self, level: Level) -> str:
        return level_style(self.app, level)


class PlanPanel(Static):
    """The subscription's plan and its restrictions: normal, warning from 85 %, blocked at 100 %."""

    def show(self, inst: Installation | None) -> None:
        plan = inst.plan if inst else None
        self.border_title = _("Plan: {plan}").format(plan=plan) if plan else _("Plan")
        if inst is None or not (inst.restrictions or inst.subscription):
            self.update(Text(_("No plan restrictions."), style="dim italic"))
            return
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        for restriction in inst.restrictions:
            grid.add_row(safe(restriction_name(restriction.name), one_line=True),
                         restriction_text(restriction, lambda level: level_style(self.app, level)))
        self.update(grid)


class StatusPane(EventActions, EventListing, Vertical):
    """Database facts, plan, and the System messages list with its Description panel."""

    HELP_TITLE = _("On the Status tab")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_event", _("Add event")),
        Binding("e", "edit_event", _("Edit")),
        Binding("delete", "delete_event", _("Delete"), key_display="Del", show=False),
        Binding("x", "cancel_event", _("Cancel operation"), show=False),
        Binding("slash", "filter_events", _("Filter"), key_display="/"),
        Binding("f", "toggle_finished", _("Show or hide finished"), show=False),
    ]

    selected: reactive[int | None] = reactive(None)
    _pending: Hashable | None = None  # an event to select once the list is loaded
    _listed: EventSource | None = None  # the list shown

    @dataclass
    class Loaded(Message):
        installation: Installation | None
        events: EventSource

    @dataclass
    class Counted(Message):
        source: EventSource
        count: int

    def compose(self) -> ComposeResult:
        with Horizontal(classes="status-top"):
            facts = DatabaseFacts(classes="database-facts")
            facts.border_title = _("Database")
            yield facts
            with Vertical(classes="status-side"):
                yield PlanPanel(classes="plan")
                yield Button(_("Consumption"), compact=True, action="app.consumption",
                             tooltip=_("The metered services per month (c)"),
                             classes="consumption-button")
        with Container(classes="messages"):
            yield FilterInput(placeholder=_("Filter: operation, message, description or user"),
                              compact=True, classes="events-filter")
            table = PagedTable(EVENT_COLUMNS, empty_text=_("No system messages."), classes="events")
            table.border_title = _("System messages")
            yield table
            yield EventDetail(classes="event-detail")

    def on_mount(self) -> None:
        self.query_one(FilterInput).display = False
        self.start_countdown()
        self.reload()

    @property
    def table(self) -> PagedTable:
        return self.query_one(".events", PagedTable)

    @property
    def listed(self) -> EventSource | None:
        """The events the list shows (its filter, whether their count is known yet)."""
        return self._listed

    def reload(self) -> None:
        """Read the installation and the list again, keeping the cursor on its event."""
        self.workers.cancel_group(self, "count")  # the count under way is out of date
        keep = self._pending if self._pending is not None else self.table.cursor_key
        # A reload of the filter shown (the store changed) finds the cursor's event however
        # deep; a new filter keeps it only when it is among the first rows read.
        thorough = self._pending is not None or (
            self._listed is not None and self._listed.where == self.where)
        self._load(self.where, keep, thorough)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self, where: EventFilter, keep: Hashable | None, thorough: bool) -> None:
        store = self.app.store
        worker = get_current_worker()
        installation = store.installation()
        try:  # a scan of a million events gives way to the next keystroke's
            with interruptible(store, lambda: worker.is_cancelled):
                events = EventSource(store, self.app.now, self.app, where, keep=keep,
                                     thorough=thorough)
        except sqlite3.OperationalError:
            if worker.is_cancelled:
                return
            raise
        if not worker.is_cancelled:
            self.post_message(self.Loaded(installation, events))

    @work(thread=True, exclusive=True, group="count", exit_on_error=False)
    def _count_events(self, source: EventSource) -> None:
        """The filter's true count, on a connection of its own; given up when out of date."""
        worker = get_current_worker()
        count = count_apart(source.store, source.plan, lambda: worker.is_cancelled)
        if count is not None and not worker.is_cancelled:
            self.post_message(self.Counted(source, count))

    def on_status_pane_loaded(self, message: Loaded) -> None:
        message.stop()
        self.query_one(DatabaseFacts).show(message.installation, self.app.today())
        self.query_one(PlanPanel).show(message.installation)
        pending, self._pending = self._pending, None
        source = message.events
        self._listed = source
        self.table.set_source(source, keep=pending if pending is not None else source.keep)
        self.show_counts(source)
        if not source.exact:
            self._count_events(source)
        if pending is not None and self.table.cursor_key != pending and self.where.active:
            self._pending = pending  # the filter hides the event asked for: show them all
            self.clear_filter()
        if self.selected is not None:
            self.query_one(EventDetail).show(self.selected)

    def on_status_pane_counted(self, message: Counted) -> None:
        message.stop()
        if message.source is not self._listed:
            return  # another list is shown by now
        message.source.set_count(message.count)
        self.table.set_source(message.source)  # the cursor keeps its event (on a page read)
        self.show_counts(message.source)

    def on_paged_table_cursor_moved(self, message: PagedTable.CursorMoved) -> None:
        if message.table is self.table:
            message.stop()
            self.selected = message.key  # type: ignore[assignment]

    def watch_selected(self, event_id: int | None) -> None:
        self.query_one(EventDetail).show(event_id)

    def select_event(self, key: Hashable) -> None:
        """Put the cursor on an event (the command palette jumps here), now or once loaded."""
        self._pending = key
        if self.table.row_count and self.table.move_to_key(key):
            self._pending = None
        elif self.where.active:  # the filter hides it: show all, then select it
            self.clear_filter()
        self.table.focus()
