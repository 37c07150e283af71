"""Writing system events: admin events added, edited and deleted; operations cancelled.

Each write is one transaction (``BEGIN IMMEDIATE`` with the store's busy timeout, so two
writers wait for each other instead of failing), and checks what it depends on inside that
transaction: the user or group named, and the unique (key, scope, owner) rule.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime

from licscreen.i18n import _
from licscreen.store.audit import Change, append_audit
from licscreen.store.events.input import (
    ADMIN_KEYS,
    BY,
    KEEP,
    OWNER,
    SCOPE,
    AdminType,
    Errors,
    EventChanges,
    InvalidEvent,
    NewEvent,
    ScopeRef,
    admin_type,
    check_description,
    check_future,
    check_message,
    describe_scope,
)
from licscreen.store.mirror import refuse_in_mirror
from licscreen.store.models import EventScope, SystemEvent
from licscreen.store.sql import to_db_time
from licscreen.store.store import Store

CANCELLABLE = frozenset({"FreetextRebuild", "PrototypeRebuild"})
NEVER_CANCEL = frozenset({"UDefRebuild"})


class EventRefused(Exception):
    """The event cannot be changed that way; ``str(error)`` is one line saying why."""


class EventNotFound(EventRefused):
    pass


class EventConflict(EventRefused):
    """Someone else changed the event since it was read for editing."""


def is_admin_event(event: SystemEvent) -> bool:
    return event.key in ADMIN_KEYS


def edit_refusal(event: SystemEvent) -> str | None:
    """Why an event cannot be edited or deleted (system operations), or None."""
    if is_admin_event(event):
        return None
    return _("'{name}' is a system operation, not an administrator's event: it cannot be edited "
             "or deleted").format(name=event.name)


def cancel_refusal(event: SystemEvent) -> str | None:
    """Why an event cannot be cancelled, or None for a running free-text or prototype rebuild."""
    if event.key in NEVER_CANCEL:
        return _("'{name}' must not be cancelled: stopping it half-way leaves the user-defined "
                 "fields out of step with their layout").format(name=event.name)
    if is_admin_event(event):
        return _("'{name}' is an administrator's event: delete it instead of cancelling "
                 "it").format(name=event.name)
    if event.key not in CANCELLABLE:
        return _("'{name}' cannot be cancelled here: only a free-text or prototype rebuild "
                 "can").format(name=event.name)
    if event.status.is_over:
        return _("'{name}' is already over ({status})").format(
            name=event.name, status=event.status.value)
    return None


def add_event(store: Store, new: NewEvent, *, by: str | None, now: datetime) -> int:
    """Add an admin event, activated by user ``by`` (None: the system); returns its ID."""
    errors = Errors()
    message = errors.check(check_message, new.message)
    description = errors.check(check_description, new.description)
    if new.ends is not None:
        errors.check(check_future, new.ends, now)
    with store.db.transaction() as conn:
        refuse_in_mirror(store)  # SuperOffice's to change
        by_id = errors.check(_user_id, conn, by, BY)
        owner_id = errors.check(_owner_id, conn, new.scope)
        if owner_id is not None:
            errors.check(_check_unique, conn, new.type, new.scope.scope, owner_id, None)
        errors.raise_any()
        cursor = conn.execute(
            """INSERT INTO system_event (scope, owner_id, event_key, name, status, message,
                   description, eta, registered, registered_by)
               VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)""",
            (int(new.scope.scope), owner_id, new.type.key, new.type.name, message, description,
             to_db_time(new.ends) if new.ends else None, to_db_time(now), by_id),
        )
        event_id = int(cursor.lastrowid or 0)
        audit_event(conn, store, None, event_id, now)
        return event_id


def update_event(store: Store, event_id: int, changes: EventChanges, *, by: str | None,
                 now: datetime, expected_updates: int | None = None) -> None:
    """Change an admin event. ``expected_updates``: its update count when it was read for
    editing; if someone has changed it since, :class:`EventConflict` says so."""
    errors = Errors()
    message = description = None
    if changes.message is not KEEP:
        message = errors.check(check_message, changes.message)
    if changes.description is not KEEP:
        description = errors.check(check_description, changes.description)
    if changes.ends is not KEEP and changes.ends is not None:
        errors.check(check_future, changes.ends, now)
    with store.db.transaction() as conn:
        refuse_in_mirror(store)  # SuperOffice's to change
        event = _editable(store, event_id)
        if expected_updates is not None and event.update_count != expected_updates:
            who = event.updated_by or _("the system")
            raise EventConflict(_("{who} changed this event while you were editing it").format(
                who=who))
        by_id = errors.check(_user_id, conn, by, BY)
        kind = None if changes.type is KEEP else changes.type
        key, name = (kind.key, kind.name) if kind else (event.key, event.name)
        scope: EventScope = event.scope
        owner_id: int | None = event.owner_id
        if changes.scope is not KEEP:
            scope = changes.scope.scope
            owner_id = errors.check(_owner_id, conn, changes.scope)
        if owner_id is not None and (kind or changes.scope is not KEEP):
            errors.check(_check_unique, conn, kind or _stored_type(event), scope, owner_id,
                         event_id)
        errors.raise_any()
        ends = event.ends if changes.ends is KEEP else changes.ends
        conn.execute(
            """UPDATE system_event SET event_key = ?, name = ?, scope = ?, owner_id = ?,
                   message = ?, description = ?, eta = ?, updated = ?, updated_by = ?,
                   update_count = update_count + 1
               WHERE id = ?""",
            (key, name, int(scope), owner_id,
             event.message if message is None else message,
             event.description if description is None else description,
             to_db_time(ends) if ends else None, to_db_time(now), by_id, event_id),
        )
        audit_event(conn, store, event, event_id, now)


def delete_event(store: Store, event_id: int, *, now: datetime | None = None) -> SystemEvent:
    """Delete an admin event; returns it as it was."""
    with store.db.transaction() as conn:
        refuse_in_mirror(store)  # SuperOffice's to change
        event = _editable(store, event_id)
        conn.execute("DELETE FROM system_event WHERE id = ?", (event_id,))
        audit_event(conn, store, event, event_id, now)
        return event


def cancel_event(store: Store, event_id: int, *, by: str | None, now: datetime) -> SystemEvent:
    """Cancel a running free-text or prototype rebuild; returns it as it was."""
    with store.db.transaction() as conn:
        refuse_in_mirror(store)  # SuperOffice's to change
        event = _found(store, event_id)
        reason = cancel_refusal(event)
        if reason:
            raise EventRefused(reason)
        by_id = _user_id(conn, by, BY)
        conn.execute(
            """UPDATE system_event SET status = 'cancelled', updated = ?, updated_by = ?,
                   update_count = update_count + 1 WHERE id = ?""",
            (to_db_time(now), by_id, event_id),
        )
        audit_event(conn, store, event, event_id, now)
        return event


def _audited(event: SystemEvent | None) -> dict[str, str | None]:
    """An event's fields as the audit trail shows them (never translated)."""
    if event is None:
        return {}
    applies = event.scope.label + (f":{event.owner_name}" if event.owner_name else "")
    return {"type": event.name, "applies to": applies, "status": event.status.value,
            "message": event.message, "description": event.description,
            "ends": to_db_time(event.ends) if event.ends else None}


def audit_event(conn: sqlite3.Connection, store: Store, before: SystemEvent | None,
                event_id: int, now: datetime | None) -> None:
    """The audit entry of an event's change: each field that changed, before and after."""
    old, new = _audited(before), _audited(store.event(event_id))
    append_audit(conn, [Change(f"event {event_id} {name}", old.get(name), new.get(name))
                        for name in dict.fromkeys([*old, *new])
                        if (old.get(name) or None) != (new.get(name) or None)], now=now)


# Checks, inside the caller's transaction where they read the store: each raises
# InvalidEvent, and the caller's Errors gathers them


def _found(store: Store, event_id: int) -> SystemEvent:
    event = store.event(event_id)
    if event is None:
        raise EventNotFound(_("no event with ID {id}").format(id=event_id))
    return event


def _editable(store: Store, event_id: int) -> SystemEvent:
    event = _found(store, event_id)
    reason = edit_refusal(event)
    if reason:
        raise EventRefused(reason)
    return event


def _stored_type(event: SystemEvent) -> AdminType:
    kind = admin_type(event.key)
    assert kind is not None  # _editable made sure
    return kind


def _user_id(conn: sqlite3.Connection, user: str | None, field_name: str) -> int | None:
    if user is None:
        return None
    row = conn.execute("SELECT id FROM user WHERE user_id = ?", (user.strip(),)).fetchone()
    if row is None:
        raise InvalidEvent({field_name: _("no user '{user}' in the store").format(user=user)})
    return int(row[0])


def _owner_id(conn: sqlite3.Connection, ref: ScopeRef) -> int | None:
    """The owner column for a scope: 0, 0, the group's ID or the user's."""
    if ref.scope in (EventScope.SYSTEM, EventScope.DATABASE):
        return 0
    if ref.scope is EventScope.USER:
        return _user_id(conn, ref.owner, OWNER)
    owner = (ref.owner or "").strip()
    row = conn.execute(
        "SELECT id FROM user_group WHERE id = ? OR name = ? COLLATE NOCASE ORDER BY name = ? DESC",
        (_group_number(owner), owner, owner),
    ).fetchone()
    if row is None:
        raise InvalidEvent({SCOPE: _("no group '{group}' in the store").format(group=owner)})
    return int(row[0])


def _group_number(owner: str) -> int:
    """A group's ID as typed (ASCII digits, an SQLite integer), or -1: then it is a name."""
    if re.fullmatch(r"[0-9]{1,18}", owner):
        return int(owner)
    return -1


def _check_unique(conn: sqlite3.Connection, kind: AdminType, scope: EventScope, owner_id: int,
                  event_id: int | None) -> None:
    row = conn.execute(
        "SELECT id FROM system_event"
        " WHERE event_key = ? AND scope = ? AND owner_id = ? AND id <> ?",
        (kind.key, int(scope), owner_id, -1 if event_id is None else event_id),
    ).fetchone()
    if row is not None:
        raise InvalidEvent({SCOPE: _(
            "there is already a '{name}' event for {whom} (event {id}): edit that one "
            "instead").format(name=kind.label, whom=_whom(conn, scope, owner_id), id=row[0])})


def _whom(conn: sqlite3.Connection, scope: EventScope, owner_id: int) -> str:
    name = None
    if scope is EventScope.GROUP:
        row = conn.execute("SELECT name FROM user_group WHERE id = ?", (owner_id,)).fetchone()
        name = row[0] if row else str(owner_id)
    elif scope is EventScope.USER:
        row = conn.execute("SELECT user_id FROM user WHERE id = ?", (owner_id,)).fetchone()
        name = row[0] if row else str(owner_id)
    return describe_scope(scope, name)
