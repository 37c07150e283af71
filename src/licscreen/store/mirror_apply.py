"""Applying what a source read from a SuperOffice installation to a mirror store: one
transaction, and only the differences written.

Each table is compared row by row with the snapshot: a new row is inserted, a changed one
updated (``UPDATE ... WHERE`` its key), one gone deleted, and an unchanged one left alone, so a
sync that finds nothing new writes only its own ``sync_run`` record (and, on a new day, the
day's in-use counts). Store ids are SuperOffice's own (``ModuleLicense_id``, ``associate_id``,
``UserGroup_id``, ``SystemEvent_id``): the app's cursors keep their rows across syncs.

SuperOffice keeps no history of system events: an event that was there at the last sync and is
gone now is kept, finished, with the time it was last seen.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from licscreen.i18n import _
from licscreen.store.audit import Change, append_audit
from licscreen.store.errors import StoreError
from licscreen.store.history import dated
from licscreen.store.mirror import UNAVAILABLE, MirrorMismatch, mirror_of
from licscreen.store.mirror_events import expire_running, sync_events
from licscreen.store.mirror_events import snapshot_time as _t
from licscreen.store.sql import to_db_time

if TYPE_CHECKING:
    from licscreen.store.store import Store
    from licscreen.sync.snapshot import Snapshot

KINDS = ("owners", "licences", "grants", "groups", "users", "holders", "events",
         "restrictions", "installation")
# What a standalone store holds that a mirror does not: cleared when --force replaces it.
CLEARED = ("plan_grant", "licence_user", "licence_usage_day", "module_licence", "owner",
           "system_event", "user", "user_group", "installation", "plan_restriction",
           "pending_licence", "licence_activation", "trust", "monthly_usage",
           "metered_service", "sync_run", "sync_digest", "mirror")
Row = tuple[Any, ...]
NONE = {"added": 0, "changed": 0, "removed": 0}


@dataclass(frozen=True, slots=True)
class SyncResult:
    created: bool  # a new mirror (or one replacing what was there)
    counts: dict[str, dict[str, int]]  # kind -> added, changed, removed
    run_id: int
    notes: tuple[str, ...]  # what was read but could not be kept, for people

    @property
    def changed(self) -> bool:
        return any(any(v.values()) for v in self.counts.values())


@functools.lru_cache(maxsize=4096)
def _d(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _sync(conn: sqlite3.Connection, table: str, keys: tuple[str, ...], cols: tuple[str, ...],
          rows: Mapping[Row, Row], *, delete: bool = True,
          among: Collection[int] | None = None) -> dict[str, int]:
    """Make ``table`` hold ``rows`` (key -> values), writing only the differences; ``among``:
    only the rows whose first key is one of these are looked at (the others stay)."""
    q = '", "'.join
    scope = "" if among is None else f' WHERE "{keys[0]}" IN (SELECT value FROM json_each(?))'
    existing = {tuple(r[:len(keys)]): tuple(r[len(keys):]) for r in conn.execute(
        f'SELECT "{q(keys + cols)}" FROM {table}{scope}',
        () if among is None else (json.dumps(sorted(among)),))}
    changed = removed = 0
    where = " AND ".join(f'"{k}" = ?' for k in keys)
    if delete:
        for key in existing.keys() - rows.keys():
            conn.execute(f"DELETE FROM {table} WHERE {where}", key)
            removed += 1
    marks = ", ".join("?" * (len(keys) + len(cols)))
    sets = ", ".join(f'"{c}" = ?' for c in cols)
    new: list[Row] = []
    for key, values in rows.items():
        old = existing.get(key)
        if old is None:
            new.append(key + values)
        elif old != values:
            conn.execute(f"UPDATE {table} SET {sets} WHERE {where}", values + key)
            changed += 1
    conn.executemany(f'INSERT INTO {table} ("{q(keys + cols)}") VALUES ({marks})', new)
    return {"added": len(new), "changed": changed, "removed": removed}


def _claim(conn: sqlite3.Connection, store: Store, snapshot: Snapshot, now: datetime,
           force: bool) -> bool:
    """Make the store this installation's mirror; True when it starts anew."""
    serial = snapshot.installation.serial_number
    current = mirror_of(conn)
    if current is not None and current.serial_number == serial:
        if current.source != snapshot.source:
            conn.execute("UPDATE mirror SET source = ?", (snapshot.source,))
        return False
    held = any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()
               for t in ("installation", "owner", "user", "system_event"))
    if current is not None and not force:
        raise MirrorMismatch(_(
            "{path} is the mirror of another installation ({theirs}, serial number {serial}): "
            "use --force to replace it").format(path=store.path, theirs=current.source,
                                                 serial=current.serial_number))
    if current is None and held and not force:
        row = conn.execute("SELECT is_demo FROM installation").fetchone()
        what = _("the demo") if row and row[0] else _("a standalone store")
        raise MirrorMismatch(_(
            "{path} holds {what}, not a mirror: use --force to replace it with the mirror of "
            "{source}").format(path=store.path, what=what, source=snapshot.source))
    for table in CLEARED:
        conn.execute(f"DELETE FROM {table}")
    conn.execute("INSERT INTO mirror (id, source, serial_number, created) VALUES (1, ?, ?, ?)",
                 (snapshot.source, serial, to_db_time(now)))
    return True


def apply_snapshot(store: Store, snapshot: Snapshot, *, now: datetime,
                   force: bool = False) -> SyncResult:
    """Apply ``snapshot`` to ``store`` in one transaction; see the module's docstring.

    Refused (:class:`MirrorMismatch`, nothing written) without ``force`` when the store is a
    standalone one (the demo) or another installation's mirror.
    """
    started = time.perf_counter()
    notes: list[str] = list(snapshot.notes)
    try:
        with store.db.transaction() as conn:
            created = _claim(conn, store, snapshot, now, force)
            _digests(conn, snapshot)
            with dated(conn, now.date(), bulk=created):  # the sync's day (store/history.py)
                counts = _apply(conn, snapshot, now, notes)
            _audit(conn, snapshot, counts, created, now)
            _usage_day(conn, now.date())
            finished = now + timedelta(seconds=time.perf_counter() - started)
            record: dict[str, object] = dict(counts)
            if snapshot.restrictions is None:  # what the source could not read (SyncRun)
                record[UNAVAILABLE] = ["restrictions"]
            cursor = conn.execute(
                "INSERT INTO sync_run (started, finished, source, counts) VALUES (?, ?, ?, ?)",
                (to_db_time(now), to_db_time(finished), snapshot.source,
                 json.dumps(record, sort_keys=True)))
            run_id = int(cursor.lastrowid or 0)
    except sqlite3.IntegrityError as error:
        raise StoreError(_("{path}: the installation's data does not fit the store ({reason}); "
                           "nothing was written").format(path=store.path, reason=error)) from None
    return SyncResult(created, counts, run_id, tuple(notes))


def _audit(conn: sqlite3.Connection, snapshot: Snapshot, counts: dict[str, dict[str, int]],
           created: bool, now: datetime) -> None:
    """The audit trail's entry of a sync that changed something (one that found nothing new
    leaves no entry: a mirror kept fresh every minute would fill the trail with nothing)."""
    changes = [Change("mirror of", None, snapshot.source)] if created else []
    changes += [Change(f"sync {kind}", None,
                       "{added} added, {changed} changed, {removed} removed".format(**c))
                for kind, c in sorted(counts.items()) if any(c.values())]
    append_audit(conn, changes, now=now)  # none: no entry


class StaleDigests(StoreError):
    """The store's digests are not those the read skipped kinds by: read again in full."""


def known_digests(store: Store) -> dict[str, str]:
    """The digests the store kept at its last sync (sync/digest.py): none in a store that is
    not a mirror."""
    with store.db.read() as conn:
        return dict(conn.execute("SELECT kind, digest FROM sync_digest"))


def _digests(conn: sqlite3.Connection, snapshot: Snapshot) -> None:
    """The kinds the snapshot skipped must still be what the store holds (checked inside the
    transaction); then the store keeps the snapshot's digests (none after a REST sync)."""
    stored = dict(conn.execute("SELECT kind, digest FROM sync_digest"))
    if any(stored.get(kind) != snapshot.digests.get(kind) for kind in snapshot.unchanged):
        raise StaleDigests(_("the store changed while the installation was read"))
    if stored != snapshot.digests:
        conn.execute("DELETE FROM sync_digest")
        conn.executemany("INSERT INTO sync_digest (kind, digest) VALUES (?, ?)",
                         sorted(snapshot.digests.items()))


def _apply(conn: sqlite3.Connection, s: Snapshot, now: datetime,
           notes: list[str]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    groups = {g.source_id: g for g in s.groups}
    counts["groups"] = _sync(conn, "user_group", ("id",), ("name",),
                             {(g.source_id,): (g.name,) for g in groups.values()})
    if "users" in s.unchanged:
        counts["users"] = dict(NONE)
        user_ids = {r[0] for r in conn.execute("SELECT id FROM user")}
    else:
        counts["users"] = _users(conn, s, groups.keys())
        user_ids = {u.source_id for u in s.users}
    counts["owners"] = _sync(
        conn, "owner", ("name",),
        ("description", "company_name", "serial_number", "expires", "grace_date",
         "maintenance_date", "next_check_date", "admin_warning_date", "product_type",
         "product_description", "sort_order", "product_version"),
        {(o.name,): (o.description, o.company_name, o.serial_number, _d(o.expires),
                     _d(o.grace_date), _d(o.maintenance_date), _d(o.next_check_date),
                     _d(o.admin_warning_date), o.product_type, o.product_description,
                     o.sort_order, o.licence_version or None)
         for o in s.owners})
    owners = {o.name for o in s.owners}
    licences: dict[Row, Row] = {}
    by_name: dict[tuple[str, str], int] = {}
    for lic in s.licences:
        total = lic.total
        if lic.owner not in owners or lic.licence_type not in (1, 2, 3) or (
                total <= 0 and not lic.unrestricted):
            notes.append(_("licence {owner}/{name} not kept (type {type}, {total} licences)")
                         .format(owner=lic.owner, name=lic.name, type=lic.licence_type,
                                 total=total))
            continue
        by_name[(lic.owner, lic.name)] = lic.source_id
        licences[(lic.source_id,)] = (
            lic.owner, lic.name, lic.description, lic.tooltip, lic.licence_type, max(total, 1),
            int(lic.unrestricted), int(lic.hidden), lic.extra_flags, lic.prerequisite,
            lic.sort_order)
    counts["licences"] = _sync(
        conn, "module_licence", ("id",),
        ("owner", "name", "description", "tooltip", "licence_type", "total", "unrestricted",
         "hidden", "extra_flags", "prerequisite", "sort_order"), licences)
    grants: dict[Row, Row] = {}
    for lic in s.licences:
        for name in lic.grants:
            granted = by_name.get((lic.owner, name))
            if granted is not None and (lic.source_id,) in licences:
                grants[(lic.source_id, granted)] = ()
    counts["grants"] = _sync(conn, "plan_grant", ("plan_id", "granted_id"), (), grants)
    if "holders" in s.unchanged:
        counts["holders"] = dict(NONE)
    else:
        counts["holders"] = _holders(conn, s, licences.keys(), user_ids, notes)
    if "events" in s.unchanged:
        counts["events"] = {**NONE, "changed": expire_running(conn, now)}
    else:
        counts["events"] = sync_events(conn, s.events, user_ids, now)
    if s.restrictions is None:
        counts["restrictions"] = _sync(conn, "plan_restriction", ("name",), (), {})
    else:
        counts["restrictions"] = _sync(
            conn, "plan_restriction", ("name",), ("max_value", "current", "sort_order"),
            {(r.name,): (r.maximum, r.current, i) for i, r in enumerate(s.restrictions)})
    inst = s.installation
    counts["installation"] = _sync(
        conn, "installation", ("id",),
        ("owner", "serial_number", "database_type", "role", "is_demo"),
        {(1,): (inst.owner, inst.serial_number, inst.database_type, inst.role, 0)})
    return counts


def _users(conn: sqlite3.Connection, s: Snapshot, groups: Collection[int]) -> dict[str, int]:
    logged_on = set(s.installation.logged_on_now)
    return _sync(
        conn, "user", ("id",),
        ("user_id", "full_name", "group_id", "retired", "can_log_in", "waiting_for_approval",
         "last_login", "logged_on"),
        {(u.source_id,): (u.user_id, u.full_name, u.group_id if u.group_id in groups else None,
                          int(u.retired), int(u.can_log_in), int(u.waiting_for_approval),
                          _t(u.last_login), int(u.source_id in logged_on))
         for u in s.users})


def _holders(conn: sqlite3.Connection, s: Snapshot, licences: Collection[Row],
             users: Collection[int], notes: list[str]) -> dict[str, int]:
    holders: dict[Row, Row] = {}
    for h in s.holders:
        if (h.licence_id,) in licences and h.user_id in users:
            holders[(h.licence_id, h.user_id)] = (
                _d(h.valid_from), _d(h.valid_to), h.comment, _t(h.assigned_at),
                h.assigned_by if h.assigned_by in users else None)
    if len(holders) < len(s.holders):
        notes.append(_("{n} licence links name a licence or user not read; not kept").format(
            n=len(s.holders) - len(holders)))
    return _sync(conn, "licence_user", ("licence_id", "user_id"),
                 ("valid_from", "valid_to", "comment", "assigned_at", "assigned_by"), holders,
                 among=s.holders_of)


def _usage_day(conn: sqlite3.Connection, day: date) -> None:
    """Each licence's holders and total today (kept for seat history, written when they
    differ from what today's row says)."""
    rows = {(r[0], day.isoformat()): (r[1], r[2]) for r in conn.execute(
        """SELECT l.id, (SELECT count(*) FROM licence_user lu WHERE lu.licence_id = l.id),
                  l.total FROM module_licence l""")}
    existing = {(r[0], r[1]): (r[2], r[3]) for r in conn.execute(
        "SELECT licence_id, day, in_use, total FROM licence_usage_day WHERE day = ?",
        (day.isoformat(),))}
    for key, values in rows.items():
        if existing.get(key) != values:
            conn.execute("INSERT OR REPLACE INTO licence_usage_day (licence_id, day, in_use, "
                         "total) VALUES (?, ?, ?, ?)", key + values)
