"""A mirror's system events: SuperOffice keeps one row per (key, scope, owner) and no
history, so an event that was there at the last sync and is gone now is kept, finished, with
the time it was last seen. Its status comes from its expected end (running until then)."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from licscreen.store.schema_events import EVENT_INDEXES, EVENT_TEXT_INSERT, FILL_EVENT_TEXT
from licscreen.store.sql import to_db_time

if TYPE_CHECKING:
    from licscreen.sync.snapshot import SoEvent

Row = tuple[Any, ...]

# Names of the event keys SuperOffice documents (docs/en/admin/learn/system-events.md); any
# other key is shown as itself.
EVENT_NAMES = {
    "UDefRebuild": "User-defined fields rebuild",
    "FreetextRebuild": "Free-text index rebuild",
    "PrototypeRebuild": "Prototype rebuild",
    "ROURebuild": "ROU rebuild",
}


@functools.lru_cache(maxsize=8192)
def snapshot_time(moment: datetime | None) -> str | None:
    """A moment of a snapshot (naive: UTC) as the store keeps it (the same few stamps recur
    across a large table)."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        return to_db_time(moment)
    return moment.isoformat(" ", "seconds")  # what to_db_time writes, at a third of its cost


EVENT_COLS = ("event_key", "scope", "owner_id", "name", "status", "message", "eta",
              "registered", "registered_by", "updated", "updated_by", "update_count",
              "last_seen")
STATUSES = ("active", "running", "finished", "failed", "cancelled")
BULK_EVENTS = 1000  # into an empty table, this many or more: the text index filled after them


def _event_row(e: SoEvent, users: set[int], now: datetime, registered: str | None) -> Row:
    eta = snapshot_time(e.eta)
    status = e.status if e.status in STATUSES else (
        "running" if eta is not None and eta > to_db_time(now) else "active")
    return (e.event_key, e.scope, e.owner_id, e.name or EVENT_NAMES.get(e.event_key, e.event_key),
            status, e.message, eta, snapshot_time(e.registered) or registered or to_db_time(now),
            e.registered_by if e.registered_by in users else None, snapshot_time(e.updated),
            e.updated_by if e.updated_by in users else None, e.update_count, None)


def sync_events(conn: sqlite3.Connection, events: Iterable[SoEvent], users: set[int],
            now: datetime) -> dict[str, int]:
    cols = '", "'.join(EVENT_COLS)
    existing = {r[0]: tuple(r[1:]) for r in conn.execute(
        f'SELECT id, "{cols}" FROM system_event')}
    by_identity = {(r[0], r[1], r[2]): i for i, r in existing.items()}
    added = changed = removed = 0
    sets = ", ".join(f'"{c}" = ?' for c in EVENT_COLS)
    seen: set[int] = set()
    events = list(events)
    bulk = not existing and len(events) >= BULK_EVENTS
    indexes: list[str] = []
    if bulk:  # a new mirror's events: the filter's and the lists' indexes made once, after them
        conn.execute("DROP TRIGGER system_event_text_insert")
        indexes = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'system_event'")
            if r[0] in EVENT_INDEXES]
        for name in indexes:
            conn.execute(f"DROP INDEX {name}")
    insert = (f'INSERT INTO system_event (id, "{cols}") VALUES '
              f'(?, {", ".join("?" * len(EVENT_COLS))})')
    if bulk:  # into an empty table: all at once
        conn.executemany(insert, ((e.source_id, *_event_row(e, users, now, None))
                                  for e in events))
        added, events = len(events), []
    for e in events:
        old = existing.get(e.source_id)
        row = _event_row(e, users, now, old[7] if old else None)
        seen.add(e.source_id)
        if old is None:
            other = by_identity.get((e.event_key, e.scope, e.owner_id))
            if other is not None and other != e.source_id:  # a kept finished one: replaced
                conn.execute("DELETE FROM system_event WHERE id = ?", (other,))
                existing.pop(other, None)
            conn.execute(insert, (e.source_id, *row))
            added += 1
        elif old != row:
            conn.execute(f"UPDATE system_event SET {sets} WHERE id = ?", (*row, e.source_id))
            changed += 1
    if bulk:
        for name in indexes:
            conn.execute(f"CREATE INDEX {name} ON {EVENT_INDEXES[name]}")
        conn.execute(EVENT_TEXT_INSERT)
        for statement in FILL_EVENT_TEXT:
            conn.execute(statement)
    last = conn.execute("SELECT max(finished) FROM sync_run").fetchone()[0]
    for event_id, old in existing.items():
        if event_id not in seen and old[12] is None:  # there at the last sync, gone now
            conn.execute("UPDATE system_event SET status = 'finished', last_seen = ? "
                         "WHERE id = ?", (last or to_db_time(now), event_id))
            removed += 1
    return {"added": added, "changed": changed, "removed": removed}


def expire_running(conn: sqlite3.Connection, now: datetime) -> int:
    """Events whose expected end has passed are active, no longer running (what a sync that
    reads them again would find): for a sync that did not read them."""
    return conn.execute(
        "UPDATE system_event SET status = 'active' WHERE status = 'running' AND "
        "last_seen IS NULL AND eta <= ?", (to_db_time(now),)).rowcount
