"""System messages: the list of events with its filter line, its counts and the Ends column's
countdown, and what an administrator does to an event (add, edit, delete, cancel).

Each action reads the event afresh in a worker (another process may have changed it), asks in
a modal, and writes in a worker; a refusal is told as one line (:mod:`.edits`). After a write
the list is read again with the cursor on the event written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.present.filter_words import event_words
from licscreen.present.listing import ListView
from licscreen.present.text import clean
from licscreen.store.events import EventFilter
from licscreen.tui.context import app_of
from licscreen.tui.events import edits
from licscreen.tui.events.edits import EventRead, EventWritten
from licscreen.tui.events.filter_bar import FilterInput, counts
from licscreen.tui.events.form import EventForm
from licscreen.tui.events.list_reads import ListReads
from licscreen.tui.events.list_view import EVENT_SORT, events_export, order_of
from licscreen.tui.events.rows import EventSource, event_columns
from licscreen.tui.live import StoreChange
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.list_view_state import ListHandling
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.typing_pause import TypingPause

CLOCK_CHECK_S = 1.0  # how often the countdown looks at the clock (it redraws once a minute)


class SystemMessages(ListReads, Vertical):
    """The events, newest first, filtered as asked; posts :class:`Highlighted` as the cursor
    moves and :class:`MinutePassed` when the countdown has drawn the rows again."""

    HELP_TITLE = N_("System messages")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_event", N_("Add event")),
        Binding("e", "edit_event", N_("Edit")),
        Binding("delete", "delete_event", N_("Delete"), key_display="Del", show=False),
        Binding("x", "cancel_event", N_("Cancel operation"), show=False),
        Binding("slash", "filter_events", N_("Filter"), key_display="/"),
        Binding("f", "toggle_finished", N_("Show or hide finished"), show=False),
    ]

    where: EventFilter = EventFilter()

    @dataclass
    class Highlighted(Message):
        """The cursor is on this event (None: on none)."""

        event_id: int | None

    class MinutePassed(Message):
        """The clock came to a new minute and the rows were drawn again ('in 12 min')."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._typing = TypingPause(self)
        self._minute: datetime | None = None

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder=_("Filter: operation, message, description or user"),
                          compact=True, classes="events-filter")
        table = PagedTable(event_columns(), empty_text=_("No system messages."), classes="events")
        table.border_title = _("System messages")
        yield table

    def on_mount(self) -> None:
        self.filter_input.display = False
        self._minute = self._this_minute()
        self.set_interval(CLOCK_CHECK_S, self._tick)
        app_of(self).store_changed.subscribe(self, self._store_changed)
        self.handling = ListHandling("events", EVENT_SORT, self._view_changed,
                                     ask_filter=self.action_filter_events, export=self._export)
        view = self.handling.attach(self.table)  # the view kept for this store
        self.where = replace(self.where, text=view.filter, order=order_of(view),
                             words=event_words())  # the status, type, … as the list shows them
        self.filter_input.value = view.filter
        self.filter_input.display = bool(view.filter)
        self.reload()

    def _view_changed(self, view: ListView) -> None:
        """Sorted by a key or a click, or the filter cleared by Esc on the list."""
        if self.filter_input.value != view.filter:
            self.filter_input.value = view.filter
            self.filter_input.display = bool(view.filter)
        self.set_filter(replace(self.where, text=view.filter, order=order_of(view)))

    def _export(self) -> ExportSource:
        app = app_of(self)
        return events_export(app.store, self.where, app.now)

    @property
    def table(self) -> PagedTable:
        return self.query_one(".events", PagedTable)

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one(FilterInput)

    @on(PagedTable.CursorMoved)
    def _highlight(self, message: PagedTable.CursorMoved) -> None:
        if message.table is self.table and type(message) is PagedTable.CursorMoved:
            message.stop()
            self.post_message(self.Highlighted(message.key if isinstance(message.key, int)
                                               else None))

    def select_event(self, event_id: int) -> None:
        """Put the cursor on an event (the command palette jumps here), now or once loaded;
        when the filter hides it, show them all."""
        if not self.table.select_key(event_id) and self.where.active:
            self.clear_filter()
        self.table.focus()

    # The filter

    def action_filter_events(self) -> None:
        self.filter_input.display = True
        self.filter_input.focus()

    def action_toggle_finished(self) -> None:
        self.set_filter(replace(self.where, show_finished=not self.where.show_finished))
        shown = _("Finished events are shown.") if self.where.show_finished else _(
            "Finished, failed and cancelled events are hidden.")
        self.app.notify(shown, timeout=2)

    def set_filter(self, where: EventFilter) -> None:
        if where != self.where:
            self.where = where
            self.handling.note(self.handling.view.filtered(where.text))  # kept for next time
            self.reload()

    def clear_filter(self) -> None:
        self.filter_input.value = ""
        self.filter_input.display = False
        self.set_filter(EventFilter(order=self.where.order, words=self.where.words))

    @on(Input.Changed, "FilterInput")
    def _filter_typed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value
        self._typing.restart(lambda: self.set_filter(replace(self.where, text=text)))

    @on(Input.Submitted, "FilterInput")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._typing.stop()
        self.set_filter(replace(self.where, text=event.value))
        self.table.focus()

    @on(Input.Blurred, "FilterInput")
    def _filter_left(self, event: Input.Blurred) -> None:
        if not event.value.strip():
            self.filter_input.display = False

    def show_counts(self, source: EventSource) -> None:
        """'17 events', or '3 of 17 shown' and the filter in the title (:func:`counts`)."""
        table = self.table
        table.border_title, table.border_subtitle, table.empty_text = counts(source)

    # The countdown

    def _this_minute(self) -> datetime:
        return app_of(self).now().replace(second=0, microsecond=0)

    def _tick(self) -> None:
        """Once a minute, draw the rows again: 'in 12 min' counts down."""
        minute = self._this_minute()
        if minute != self._minute:
            self._minute = minute
            self.table.redraw_rows()
            self.post_message(self.MinutePassed())

    # What an administrator does to an event

    def _may_write(self) -> bool:
        store = app_of(self).store
        if store.read_only:
            said = _("The store is read-only: events cannot be changed.")
            if store.read_only_reason:  # its file, its folder, or a server's --read-only
                said = _("The store is read-only ({reason}): events cannot be changed.").format(
                    reason=store.read_only_reason)
            self.app.notify(said, severity="warning", timeout=5)
            return False
        return True

    def action_add_event(self) -> None:
        if self._may_write():
            self.load_for_action(edits.ADD, None)

    def action_edit_event(self) -> None:
        if self._may_write():
            self.load_for_action(edits.EDIT, self._cursor_event_id())

    def action_delete_event(self) -> None:
        if self._may_write():
            self.load_for_action(edits.DELETE, self._cursor_event_id())

    def action_cancel_event(self) -> None:
        if self._may_write():
            self.load_for_action(edits.CANCEL, self._cursor_event_id())

    @on(PagedTable.RowSelected)
    def _edit_selected(self, message: PagedTable.RowSelected) -> None:
        """Enter on an administrator's event edits it."""
        if message.table is self.table and not app_of(self).store.read_only:
            message.stop()
            key = message.key
            self.load_for_action(edits.EDIT, key if isinstance(key, int) else None, quiet=True)

    def _cursor_event_id(self) -> int | None:
        key = self.table.cursor_key
        if not isinstance(key, int):
            self.app.notify(_("No system message is selected."), severity="warning", timeout=3)
            return None
        return key

    @work(thread=True, group="event-read", exclusive=True, exit_on_error=False)
    def load_for_action(self, purpose: str, event_id: int | None, quiet: bool = False) -> None:
        read = edits.read_for(app_of(self).store, purpose, event_id, quiet=quiet)
        if read is not None and not get_current_worker().is_cancelled:
            self.post_message(read)

    @on(EventRead)
    def _ask(self, message: EventRead) -> None:
        message.stop()
        if message.refusal:
            self.app.notify(clean(message.refusal, one_line=True), severity="error", timeout=8,
                            markup=False)
        elif message.choices is not None:  # add or edit
            self.app.push_screen(EventForm(message.choices, message.event), self._form_closed)
        elif message.event is not None:  # delete or cancel
            event_id, purpose = message.event.id, message.purpose
            self.app.push_screen(edits.question(purpose, message.event),
                                 lambda yes: self._confirmed(yes, purpose, event_id))

    def _confirmed(self, yes: bool | None, purpose: str, event_id: int) -> None:
        if yes:
            self.write_event(purpose, event_id)

    def _form_closed(self, event_id: int | None) -> None:
        if event_id is not None:
            self.show_written(EventWritten(event_id, _("Event {id} saved.").format(id=event_id)))

    @work(thread=True, group="event-write", exit_on_error=False)
    def write_event(self, purpose: str, event_id: int) -> None:
        app = app_of(self)
        self.post_message(edits.write(app.store, purpose, event_id, app.now()))

    @on(EventWritten)
    def show_written(self, message: EventWritten) -> None:
        message.stop()
        if message.failed:
            self.app.notify(clean(message.notice, one_line=True), title=_("Not done"),
                            severity="error", timeout=8, markup=False)
            self.reload()  # show the event as it is now
            return
        app = app_of(self)
        app.notify(clean(message.notice, one_line=True), timeout=3, markup=False)
        if message.event_id is not None:
            self.table.select_key(message.event_id, wait=True)  # the rows shown are old
        app.live.written()
        app.store_changed.publish(StoreChange.EVENTS)
