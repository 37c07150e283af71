"""What an administrator does to system messages: add, edit, delete and cancel.

Mixed into the Status tab's pane. Each action reads the event afresh in a worker (another
process may have changed it), asks in a modal, and writes in a worker; a refusal is told as
one line. After a write the list is read again with the cursor on the event written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

from licscreen.i18n import _
from licscreen.present.text import clean
from licscreen.store import StoreError
from licscreen.store.events import (
    EventRefused,
    InvalidEvent,
    cancel_event,
    cancel_refusal,
    delete_event,
    edit_refusal,
    groups,
    users,
)
from licscreen.store.models import SystemEvent
from licscreen.tui.events.form import EventForm, FormChoices
from licscreen.tui.widgets.confirm import ConfirmScreen
from licscreen.tui.widgets.paged_table import PagedTable

ADD, EDIT, DELETE, CANCEL = "add", "edit", "delete", "cancel"


@dataclass
class EventRead(Message):
    """An event read for an action (None for add), or why the action cannot be done."""

    purpose: str
    event: SystemEvent | None
    choices: FormChoices | None
    refusal: str | None = None


@dataclass
class EventWritten(Message):
    event_id: int | None  # where the cursor goes; None: where it was
    notice: str
    failed: bool = False


def acting_user(store) -> str | None:  # noqa: ANN001 - a Store
    """Who the app writes as: the store's logged-in user, when that user exists."""
    installation = store.installation()
    return installation.logged_in_user if installation and installation.logged_in_name else None


class EventActions:
    """Actions of the Status tab's pane (``self`` is that pane)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The pane's workers fail where every worker does: in the app's one place."""
        if event.state is WorkerState.ERROR:
            self.app.report_worker_error(event.worker.error)

    def _may_write(self) -> bool:
        if self.app.store.read_only:
            self.app.notify(_("The store is read-only: events cannot be changed."),
                            severity="warning", timeout=5)
            return False
        return True

    def action_add_event(self) -> None:
        if self._may_write():
            self._read_for(ADD, None)

    def action_edit_event(self) -> None:
        if self._may_write():
            self._read_for(EDIT, self._cursor_event_id())

    def action_delete_event(self) -> None:
        if self._may_write():
            self._read_for(DELETE, self._cursor_event_id())

    def action_cancel_event(self) -> None:
        if self._may_write():
            self._read_for(CANCEL, self._cursor_event_id())

    def on_paged_table_row_selected(self, message: PagedTable.RowSelected) -> None:
        """Enter on an administrator's event edits it."""
        if message.table is self.table and not self.app.store.read_only:
            message.stop()
            self._read_for(EDIT, message.key, quiet=True)

    def _cursor_event_id(self) -> int | None:
        key = self.table.cursor_key
        if key is None:
            self.app.notify(_("No system message is selected."), severity="warning", timeout=3)
        return key  # type: ignore[return-value]

    @work(thread=True, group="event-read", exclusive=True, exit_on_error=False)
    def _read_for(self, purpose: str, event_id: int | None, quiet: bool = False) -> None:
        store = self.app.store
        if purpose != ADD and event_id is None:
            return
        event = store.event(event_id) if event_id is not None else None
        refusal = None
        if purpose != ADD and event is None:
            refusal = _("That event is gone: someone else deleted it.")
        elif purpose in (EDIT, DELETE) and event is not None:
            refusal = edit_refusal(event)
        elif purpose == CANCEL and event is not None:
            refusal = cancel_refusal(event)
        if refusal and quiet:
            return
        choices = None
        if purpose in (ADD, EDIT) and not refusal:
            choices = FormChoices(groups(store), users(store),
                                  acting_user(store))
        if not get_current_worker().is_cancelled:
            self.post_message(EventRead(purpose, event, choices, refusal))

    def on_event_read(self, message: EventRead) -> None:
        if message.refusal:
            self.app.notify(clean(message.refusal, one_line=True), severity="error", timeout=8)
            return
        event = message.event
        if message.purpose in (ADD, EDIT):
            form = EventForm(message.choices, event)  # type: ignore[arg-type]
            self.app.push_screen(form, self._form_closed)
        elif message.purpose == DELETE and event is not None:
            body = Text(_("Delete the event '{name}' for everyone?").format(name=clean(
                event.name, one_line=True)))
            body.append("\n\n" + clean(event.message, one_line=True), style="italic")
            self.app.push_screen(
                ConfirmScreen(_("Delete event {id}").format(id=event.id), body,
                              yes=_("Delete"), no=_("Keep it"), danger=True),
                lambda yes: yes and self._write(DELETE, event.id))
        elif message.purpose == CANCEL and event is not None:
            body = Text(_("Cancel '{name}'?").format(name=clean(event.name, one_line=True)))
            body.append("\n\n")
            body.append(_("This is for emergencies only. The operation stops half-way and must "
                          "be run again from the start later."), style="bold")
            self.app.push_screen(
                ConfirmScreen(_("Emergency: cancel an operation"), body,
                              yes=_("Cancel it"), no=_("Let it run"), danger=True),
                lambda yes: yes and self._write(CANCEL, event.id))

    def _form_closed(self, event_id: int | None) -> None:
        if event_id is not None:
            self.on_event_written(EventWritten(event_id, _("Event {id} saved.").format(
                id=event_id)))

    @work(thread=True, group="event-write", exit_on_error=False)
    def _write(self, purpose: str, event_id: int) -> None:
        store, now = self.app.store, self.app.now()
        try:
            if purpose == DELETE:
                event = delete_event(store, event_id)
                notice = _("Deleted '{name}'.").format(name=event.name)
            else:
                event = cancel_event(store, event_id, by=acting_user(store), now=now)
                notice = _("Cancelled '{name}'.").format(name=event.name)
        except (EventRefused, InvalidEvent, StoreError, sqlite3.Error) as error:
            self.post_message(EventWritten(None, str(error), failed=True))
            return
        self.post_message(EventWritten(None if purpose == DELETE else event_id, notice))

    def on_event_written(self, message: EventWritten) -> None:
        if message.failed:
            self.app.notify(clean(message.notice, one_line=True), title=_("Not done"),
                            severity="error", timeout=8)
            self.reload()  # show the event as it is now
            return
        self.app.live.written()
        self.show_written(message)

    def show_written(self, message: EventWritten) -> None:
        self.app.notify(clean(message.notice, one_line=True), timeout=3)
        if message.event_id is not None:
            self._pending = message.event_id
        self.reload()
