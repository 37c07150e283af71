"""What the event form saves: the fields it holds, checked, and the write that stores them.

No Textual here: the form reads its widgets into :class:`FormValues` and calls :func:`save` in
a worker; what comes back is either the event's ID or the reasons to mark on its fields.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from licscreen.i18n import _
from licscreen.store.errors import StoreError
from licscreen.store.events.input import (
    FORM,
    OWNER,
    AdminType,
    InvalidEvent,
    ScopeRef,
    check_description,
    check_message,
    parse_when,
)
from licscreen.store.events.writes import (
    KEEP,
    EventChanges,
    EventConflict,
    EventRefused,
    NewEvent,
    add_event,
    update_event,
)
from licscreen.store.models import EventScope, SystemEvent
from licscreen.store.store import Store

USER_SCOPE = "user"  # the scope choice that asks for a user


@dataclass(frozen=True)
class FormValues:
    type: AdminType
    scope: ScopeRef
    ends: datetime | object | None  # KEEP: the end shown when the form opened, untouched
    message: str
    description: str


def scope_ref(choice: str, user: str, errors: dict[str, str]) -> ScopeRef:
    """The scope picked (``system``, ``database``, ``group:ID`` or ``user``) and the user."""
    if choice == USER_SCOPE:
        if not user.strip():
            errors[OWNER] = _("choose the user it applies to")
        return ScopeRef(EventScope.USER, user.strip())
    kind, _colon, group = choice.partition(":")
    if kind == "group":
        return ScopeRef(EventScope.GROUP, group)
    return ScopeRef(EventScope.SYSTEM if kind == "system" else EventScope.DATABASE)


def check_form(kind: AdminType, scope: ScopeRef, ends: str | None, message: str,
               description: str, now: datetime, errors: dict[str, str]) -> FormValues:
    """Check what can be checked without the store; ``ends`` None: left as it was."""

    def checked(check, *args):  # noqa: ANN001, ANN202
        try:
            return check(*args)
        except InvalidEvent as error:
            errors.update(error.errors)
            return None

    return FormValues(
        kind, scope, KEEP if ends is None else checked(parse_when, ends, now),
        checked(check_message, message), checked(check_description, description))


@dataclass
class SaveResult:
    event_id: int | None = None  # saved
    errors: dict[str, str] = field(default_factory=dict)  # not saved: why, by field
    update_count: int | None = None  # after a conflict: save again to overwrite


def save(store: Store, event: SystemEvent | None, values: FormValues, *, by: str | None,
         now: datetime, expected_updates: int | None) -> SaveResult:
    """Add the event, or change ``event``; every refusal comes back as reasons."""
    try:
        if event is None:
            ends = None if values.ends is KEEP else values.ends
            new = NewEvent(values.type, values.scope, values.message, ends, values.description)
            return SaveResult(add_event(store, new, by=by, now=now))
        changes = EventChanges(values.type, values.scope, values.message, values.ends,
                               values.description)
        update_event(store, event.id, changes, by=by, now=now, expected_updates=expected_updates)
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
