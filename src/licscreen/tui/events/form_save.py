"""What the event form saves: its fields, checked, and the write that stores them.

No Textual here: the form reads its widgets into fields by name (``licscreen.store.events``'s
``TYPE``, ``SCOPE``...), :func:`check_form` checks them, and :func:`save` writes in a worker;
what comes back is either the event's ID or the reasons to mark on its fields.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from licscreen.i18n import _
from licscreen.present.text import clean, is_clean
from licscreen.store import EventScope, Store, StoreError, SystemEvent
from licscreen.store.events import (
    FORM,
    EventChanges,
    EventConflict,
    EventRefused,
    Fields,
    InvalidEvent,
    NewEvent,
    add_event,
    parse_changes,
    parse_new,
    update_event,
)

USER_SCOPE = "user"  # the scope choice that asks for a user: its ID is the OWNER field

FormValues = NewEvent | EventChanges  # a new event, or an edit's changes


@dataclass(frozen=True)
class ShownText:
    """An event's stored text as the form shows it for editing: every control and invisible
    character made visible (``␛``, ``<U+202E>``), never sent to the terminal. ``neutralised``:
    some were, and saving keeps the text as shown, so the form says so."""

    owner: str
    message: str
    description: str
    neutralised: bool


def shown_text(event: SystemEvent | None) -> ShownText:
    if event is None:
        return ShownText("", "", "", neutralised=False)
    owner = event.owner_name or "" if event.scope is EventScope.USER else ""
    neutralised = not (is_clean(owner) and is_clean(event.message)
                       and is_clean(event.description, allowed="\t\n\r"))
    return ShownText(clean(owner, one_line=True), clean(event.message, one_line=True),
                     clean(event.description), neutralised)


def check_form(fields: Fields, *, editing: bool, now: datetime) -> FormValues:
    """Check what can be checked without the store (InvalidEvent names every wrong field).
    An edit leaves out the end when it is the one shown when the form opened."""
    return parse_changes(fields, now) if editing else parse_new(fields, now)


@dataclass
class SaveResult:
    event_id: int | None = None  # saved
    errors: dict[str, str] = field(default_factory=dict)  # not saved: why, by field
    update_count: int | None = None  # after a conflict: save again to overwrite


def save(store: Store, event: SystemEvent | None, values: FormValues, *, by: str | None,
         now: datetime, expected_updates: int | None) -> SaveResult:
    """Add the event, or change ``event``; every refusal comes back as reasons."""
    try:
        if isinstance(values, NewEvent):
            return SaveResult(add_event(store, values, by=by, now=now))
        assert event is not None  # changes are checked for an event being edited
        update_event(store, event.id, values, by=by, now=now, expected_updates=expected_updates)
        return SaveResult(event.id)
    except InvalidEvent as error:
        return SaveResult(errors=error.errors)
    except EventConflict as error:
        current = store.event(event.id) if event else None
        reason = _("{why}: save again to overwrite their change, or cancel").format(why=error)
        return SaveResult(errors={FORM: reason},
                          update_count=current.update_count if current else None)
    except (EventRefused, StoreError, sqlite3.Error) as error:
        return SaveResult(errors={FORM: _("Not saved: {reason}").format(reason=error)})
