"""What an administrator's action on an event reads, asks and writes, apart from the list that
offers it (:class:`licscreen.tui.events.messages.SystemMessages`): the reads and writes run in
its workers, the questions in its modals."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.message import Message

from licscreen.i18n import _
from licscreen.present.text import clean
from licscreen.store import Store, StoreError, SystemEvent
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
from licscreen.tui.events.form import FormChoices
from licscreen.tui.widgets.confirm import ConfirmScreen

ADD, EDIT, DELETE, CANCEL = "add", "edit", "delete", "cancel"


@dataclass
class EventRead(Message):
    """An event read for an action (None for add), or why the action cannot be done."""

    purpose: str
    event: SystemEvent | None
    choices: FormChoices | None  # for add and edit
    refusal: str | None = None


@dataclass
class EventWritten(Message):
    event_id: int | None  # where the cursor goes; None: where it was
    notice: str
    failed: bool = False


def acting_user(store: Store) -> str | None:
    """Who the app writes as: the store's logged-in user, when that user exists."""
    installation = store.installation()
    return installation.logged_in_user if installation and installation.logged_in_name else None


def read_for(store: Store, purpose: str, event_id: int | None, *,
             quiet: bool = False) -> EventRead | None:
    """The event as it is now, and what the form offers; None when there is nothing to act on
    (or, ``quiet``, when the action is refused: Enter on an event the administrator cannot
    edit does nothing)."""
    if purpose != ADD and event_id is None:
        return None
    event = store.event(event_id) if event_id is not None else None
    refusal = None
    if purpose != ADD and event is None:
        refusal = _("That event is gone: someone else deleted it.")
    elif purpose in (EDIT, DELETE) and event is not None:
        refusal = edit_refusal(event)
    elif purpose == CANCEL and event is not None:
        refusal = cancel_refusal(event)
    if refusal and quiet:
        return None
    choices = None
    if purpose in (ADD, EDIT) and not refusal:
        choices = FormChoices(groups(store), users(store),
                              acting_user(store))
    return EventRead(purpose, event, choices, refusal)


def question(purpose: str, event: SystemEvent) -> ConfirmScreen:
    """Delete it for everyone? Cancel the operation (an emergency)?"""
    name = clean(event.name, one_line=True)
    if purpose == DELETE:
        body = Text(_("Delete the event '{name}' for everyone?").format(name=name))
        body.append("\n\n" + clean(event.message, one_line=True), style="italic")
        return ConfirmScreen(_("Delete event {id}").format(id=event.id), body,
                             yes=_("Delete"), no=_("Keep it"), danger=True)
    body = Text(_("Cancel '{name}'?").format(name=name))
    body.append("\n\n")
    body.append(_("This is for emergencies only. The operation stops half-way and must "
                  "be run again from the start later."), style="bold")
    return ConfirmScreen(_("Emergency: cancel an operation"), body,
                         yes=_("Cancel it"), no=_("Let it run"), danger=True)


def write(store: Store, purpose: str, event_id: int, now: datetime) -> EventWritten:
    """Delete or cancel the event; a refusal comes back as the notice, ``failed``."""
    try:
        if purpose == DELETE:
            event = delete_event(store, event_id, now=now)
            notice = _("Deleted '{name}'.").format(name=event.name)
        else:
            event = cancel_event(store, event_id, by=acting_user(store), now=now)
            notice = _("Cancelled '{name}'.").format(name=event.name)
    except (EventRefused, InvalidEvent, StoreError, sqlite3.Error) as error:
        return EventWritten(None, str(error), failed=True)
    return EventWritten(None if purpose == DELETE else event_id, notice)
