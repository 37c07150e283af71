"""A store that mirrors one SuperOffice installation: what it mirrors, its syncs, and the
writes that SuperOffice owns, refused in it.

A mirror is filled by ``licscreen sync`` (store/mirror_apply.py applies what a source read);
its licences, holders and administrators' events are SuperOffice's to change, so the writers
of those (licence load and activation, holder removal, events add/update/delete/cancel) ask
:func:`refuse_in_mirror` first, inside their transaction. ``usage import`` stays allowed:
SuperOffice exposes no metered usage to mirror.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from licscreen.i18n import _
from licscreen.store.errors import StoreError
from licscreen.store.sql import db_moment

if TYPE_CHECKING:
    from licscreen.store.store import Store


# The sync_run record's key (beside the counts' kinds) for what the source could not read.
UNAVAILABLE = "unavailable"


class MirrorWriteRefused(StoreError):
    """A write SuperOffice owns was asked of a mirror; nothing was written."""


class MirrorMismatch(StoreError):
    """A sync would overwrite a standalone store or another installation's mirror."""


@dataclass(frozen=True, slots=True)
class Mirror:
    source: str  # where it is read, without credentials
    serial_number: str
    created: datetime


@dataclass(frozen=True, slots=True)
class SyncRun:
    id: int
    started: datetime
    finished: datetime
    source: str
    counts: dict[str, dict[str, int]]  # kind -> added, changed, removed
    unavailable: tuple[str, ...] = ()  # what the source could not read: "restrictions"

    @property
    def changed(self) -> bool:
        return any(any(v.values()) for v in self.counts.values())


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None


def mirror_of(conn: sqlite3.Connection) -> Mirror | None:
    """What the store behind ``conn`` mirrors, or None for a standalone store (or one made
    before mirrors, opened read-only)."""
    if not _has_table(conn, "mirror"):
        return None
    row = conn.execute("SELECT source, serial_number, created FROM mirror").fetchone()
    return Mirror(row[0], row[1], db_moment(row[2])) if row else None


def read_mirror(store: Store) -> Mirror | None:
    with store.db.read() as conn:
        return mirror_of(conn)


def is_mirror(store: Store) -> bool:
    return read_mirror(store) is not None


def refuse_in_mirror(store: Store) -> None:
    """A write SuperOffice owns: refused in a mirror, with the reason."""
    mirror = read_mirror(store)
    if mirror is not None:
        raise MirrorWriteRefused(_(
            "this store is a mirror of {source}: change it in SuperOffice").format(
            source=mirror.source))


def sync_runs(store: Store, limit: int = 20) -> list[SyncRun]:
    """The latest syncs of a mirror, newest first."""
    with store.db.read() as conn:
        if not _has_table(conn, "sync_run"):
            return []
        rows = conn.execute(
            "SELECT id, started, finished, source, counts FROM sync_run "
            "ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    runs = []
    for r in rows:
        counts = json.loads(r[4])
        unavailable = tuple(counts.pop(UNAVAILABLE, ()))
        runs.append(SyncRun(r[0], db_moment(r[1]), db_moment(r[2]), r[3], counts, unavailable))
    return runs


@dataclass(frozen=True, slots=True)
class MirrorState:
    """What a mirror's header shows: its source (without credentials) and its last sync."""

    source: str
    synced: datetime | None  # the last sync's end; None: never synced


def mirror_state(store: Store) -> MirrorState | None:
    """What the store mirrors and when it was last synced; None for a standalone store."""
    mirror = read_mirror(store)
    if mirror is None:
        return None
    runs = sync_runs(store, limit=1)
    return MirrorState(mirror.source, runs[0].finished if runs else None)
