"""The audit trail: who changed what in a store, when, from where, and how.

Every write licscreen makes appends one entry inside its own transaction
(:func:`append_audit`): the moment (UTC), the operating system's user, the SSH client's
address (from ``SSH_CONNECTION``) or ``local``, the command or the app, and each change as
subject, before and after. Entries are hash-chained: each holds the SHA-256 of the one before
it and its own over that and its fields, so :func:`verify_audit` finds the first entry that was
edited, or that follows one deleted. (Whoever may write the file can rebuild the whole chain;
the chain shows a change made with any other tool than a rebuild.)
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from licscreen.i18n import _
from licscreen.store.audit_filter import EntryWords, audit_where
from licscreen.store.sql import db_moment, to_db_time

if TYPE_CHECKING:
    from licscreen.store.store import Store

GENESIS = "0" * 64  # what the first entry follows
LOCAL = "local"
_origin = "licscreen"


def set_origin(command: str) -> None:
    """What this process is, for the entries it writes: 'licscreen assign', 'app'."""
    global _origin
    _origin = command


def origin() -> str:
    return _origin


def os_user() -> str:
    import getpass  # the writers' alone: not at start-up

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def ssh_client(env: Mapping[str, str] | None = None) -> str:
    """The SSH client's address (the first field of ``SSH_CONNECTION``), or 'local'."""
    value = (os.environ if env is None else env).get("SSH_CONNECTION", "").split()
    return value[0] if value else LOCAL


@dataclass(frozen=True, slots=True)
class Change:
    """One thing changed: what (``subject``), as it was and as it became (None: nothing)."""

    subject: str
    before: str | None
    after: str | None

    def as_json(self) -> dict[str, str | None]:
        return {"subject": self.subject, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    os_user: str
    client: str
    command: str
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """What :func:`verify_audit` found: how many entries it read, and the first broken one."""

    entries: int
    broken: int | None = None  # the first broken entry's ID; None: the chain holds
    reason: str = ""


def _changes_text(changes: Iterable[Change]) -> str:
    return json.dumps([c.as_json() for c in changes], ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))


def entry_hash(prev: str, entry_id: int, at: str, user: str, client: str, command: str,
               changes: str) -> str:
    import hashlib  # the writers' and the checker's alone: not at start-up

    fields = "\x1f".join((prev, str(entry_id), at, user, client, command, changes))
    return hashlib.sha256(fields.encode("utf-8")).hexdigest()


def append_audit(conn: sqlite3.Connection, changes: Iterable[Change], *,
                 command: str | None = None, now: datetime | None = None) -> int | None:
    """Append one entry for ``changes`` (none: nothing is appended) through ``conn``, inside
    the caller's write transaction; returns its ID. ``command`` defaults to this process's
    :func:`origin`, ``now`` to the clock."""
    listed = list(changes)
    if not listed:
        return None
    last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    entry_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = to_db_time(now or datetime.now(UTC))
    user, client, what = os_user(), ssh_client(), command or _origin
    text = _changes_text(listed)
    conn.execute(
        "INSERT INTO audit (id, at, os_user, client, command, changes, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (entry_id, at, user, client, what, text, prev,
         entry_hash(prev, entry_id, at, user, client, what, text)))
    return int(entry_id)


def _has_audit(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'"
                        ).fetchone() is not None


def _entry(row: tuple[object, ...]) -> AuditEntry:
    try:
        raw = json.loads(str(row[5]))
    except ValueError:
        raw = None
    if isinstance(raw, list):
        changes = tuple(Change(str(c.get("subject", "")), c.get("before"), c.get("after"))
                        for c in raw if isinstance(c, dict))
    else:  # not the list written (edited by hand): its text, as one change
        changes = (Change(str(row[5]), None, None),)
    return AuditEntry(int(str(row[0])), db_moment(str(row[1])), str(row[2]), str(row[3]),
                      str(row[4]), changes)


# The columns of the trail as --sort names them (the JSON's fields), each as the store sorts it;
# entries with the same value newest first, or oldest first the other way.
AUDIT_ORDER = {"id": "id", "at": "at", "os_user": "os_user COLLATE NOCASE",
               "client": "client COLLATE NOCASE", "command": "command COLLATE NOCASE"}


def _order(order: tuple[str, bool] | None) -> str:
    if order is None:
        return "id DESC"
    way = "DESC" if order[1] else "ASC"
    return f"{AUDIT_ORDER[order[0]]} {way}, id {way}"


def audit_entries(store: Store, *, since: datetime | None = None, text: str | None = None,
                  offset: int = 0, limit: int = -1, order: tuple[str, bool] | None = None,
                  words: EntryWords | None = None) -> list[AuditEntry]:
    """Entries newest first, or in ``order`` (a column of :data:`AUDIT_ORDER`, descending): at
    or after ``since``, with ``text`` in what a list shows of them (``words``: how it shows
    them; any case; ``!text``: not) if given."""
    with store.db.read() as conn:
        if not _has_audit(conn):
            return []
        where, params = audit_where(conn, since, text, words)
        rows = conn.execute(
            "SELECT id, at, os_user, client, command, changes FROM audit"
            f"{where} ORDER BY {_order(order)} LIMIT ? OFFSET ?",
            (*params, limit, offset)).fetchall()
    return [_entry(r) for r in rows]


def audit_count(store: Store, *, since: datetime | None = None, text: str | None = None,
                words: EntryWords | None = None) -> int:
    with store.db.read() as conn:
        if not _has_audit(conn):
            return 0
        where, params = audit_where(conn, since, text, words)
        return int(conn.execute(f"SELECT count(*) FROM audit{where}", params).fetchone()[0])


def verify_audit(store: Store) -> AuditCheck:
    """Walk the chain from the first entry; the first entry whose hash does not match its
    fields (edited) or whose predecessor's does not match what it holds (one before it
    deleted or edited) is named."""
    prev, count = GENESIS, 0
    with store.db.read() as conn:
        if not _has_audit(conn):
            return AuditCheck(0)
        cursor = conn.execute("SELECT id, at, os_user, client, command, changes, prev_hash, "
                              "hash FROM audit ORDER BY id")
        for row in cursor:
            entry_id = row[0]
            if row[6] != prev:
                return AuditCheck(count, entry_id, _(
                    "entry {id} does not follow the entry before it: an entry before it was "
                    "deleted or changed").format(id=entry_id))
            if entry_hash(prev, entry_id, *row[1:6]) != row[7]:
                return AuditCheck(count, entry_id, _(
                    "entry {id} was changed after it was written: its hash does not match "
                    "it").format(id=entry_id))
            prev = row[7]
            count += 1
    return AuditCheck(count)
