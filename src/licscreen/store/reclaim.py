"""Reclaiming seats: the holders who are retired, cannot log in, or have not logged in for a
while, and the seats taking their licences back would free.

:func:`plan_reclaim` is the dry run; :func:`reclaim` frees them in one transaction that finds
the holders again inside it (someone who logged in meanwhile keeps the seat). A licence another
licence the holder keeps requires is kept, with the reason; the hidden licences that came with
one taken back go with it (store/seats.py has the rules).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from licscreen.store.errors import StoreError
from licscreen.store.mirror import refuse_in_mirror
from licscreen.store.seats import UNASSIGN, SeatChange, Seats, write_changes
from licscreen.store.sql import from_db_time, to_db_time

if TYPE_CHECKING:
    from licscreen.store.store import Store

DEFAULT_INACTIVE = timedelta(days=90)


class Bucket(StrEnum):
    """Why a holder's seat may be taken back, the strongest first."""

    RETIRED = "retired"
    CANNOT_LOG_IN = "cannot_log_in"
    INACTIVE = "inactive"  # not logged in for the given time, or never


@dataclass(frozen=True, slots=True)
class Criteria:
    """Which holders to reclaim from: each bucket on or off, and the inactive time."""

    retired: bool = True
    cannot_log_in: bool = True
    inactive: timedelta | None = DEFAULT_INACTIVE  # None: the inactive bucket off
    licence_id: int | None = None  # only this licence's holders


@dataclass(frozen=True, slots=True)
class Candidate:
    user_id: str
    full_name: str
    licence_id: int
    owner: str
    licence: str  # code name
    description: str
    bucket: Bucket
    last_login: datetime | None

    @property
    def key(self) -> tuple[str, int]:
        return self.user_id, self.licence_id


@dataclass(frozen=True, slots=True)
class Freed:
    owner: str
    licence: str
    description: str
    seats: int
    hidden: bool  # came with a licence taken back


@dataclass(frozen=True, slots=True)
class ReclaimPlan:
    candidates: tuple[Candidate, ...]  # the seats taken back
    kept: tuple[tuple[Candidate, str], ...]  # found but kept, and why
    changes: tuple[SeatChange, ...]  # every licence taken back (hidden ones with them)

    @property
    def freed(self) -> tuple[Freed, ...]:
        counts = Counter((c.owner, c.licence, c.description, c.brought) for c in self.changes
                         if c.action == UNASSIGN)
        return tuple(Freed(o, n, d, count, b) for (o, n, d, b), count in sorted(
            counts.items(), key=lambda item: (item[0][3], item[0][0], item[0][2])))


def candidates(conn: sqlite3.Connection, criteria: Criteria, now: datetime) -> list[Candidate]:
    """The holders of visible licences the criteria find, by user ID then licence."""
    ors: list[str] = []
    params: list[object] = []
    if criteria.retired:
        ors.append("u.retired")
    if criteria.cannot_log_in:
        ors.append("(NOT u.can_log_in)")
    if criteria.inactive is not None:
        ors.append("(u.last_login IS NULL OR u.last_login < ?)")
        params.append(to_db_time(now - criteria.inactive))
    if not ors:
        return []
    where = f"l.hidden = 0 AND ({' OR '.join(ors)})"
    if criteria.licence_id is not None:
        where += " AND l.id = ?"
        params.append(criteria.licence_id)
    rows = conn.execute(
        f"""SELECT u.user_id, u.full_name, l.id, l.owner, l.name, l.description,
                   u.retired, u.can_log_in, u.last_login
            FROM licence_user lu JOIN user u ON u.id = lu.user_id
            JOIN module_licence l ON l.id = lu.licence_id
            WHERE {where}
            ORDER BY u.user_id, l.owner <> 'SUPEROFFICE', l.owner, l.sort_order""",
        params).fetchall()
    found = []
    for r in rows:
        if criteria.retired and r[6]:
            bucket = Bucket.RETIRED
        elif criteria.cannot_log_in and not r[7]:
            bucket = Bucket.CANNOT_LOG_IN
        else:
            bucket = Bucket.INACTIVE
        found.append(Candidate(r[0], r[1], r[2], r[3], r[4], r[5], bucket, from_db_time(r[8])))
    return found


def _plan(conn: sqlite3.Connection, criteria: Criteria, now: datetime,
          chosen: Collection[tuple[str, int]] | None) -> tuple[Seats, ReclaimPlan]:
    found = candidates(conn, criteria, now)
    if chosen is not None:
        found = [c for c in found if c.key in chosen]
    seats = Seats(conn)
    pending, done = list(found), []
    reasons: dict[tuple[str, int], str] = {}
    progress = True
    while pending and progress:  # dependents first: a licence goes once nothing needs it
        progress, waiting = False, []
        for candidate in pending:
            try:
                seats.unassign(candidate.user_id, candidate.licence_id)
            except StoreError as refusal:
                reasons[candidate.key] = str(refusal)
                waiting.append(candidate)
            else:
                done.append(candidate)
                progress = True
        pending = waiting
    kept = tuple((c, reasons[c.key]) for c in pending)
    return seats, ReclaimPlan(tuple(done), kept, tuple(seats.changes))


def plan_reclaim(store: Store, criteria: Criteria, *, now: datetime) -> ReclaimPlan:
    """The dry run: what :func:`reclaim` would take back now."""
    with store.db.read() as conn:
        return _plan(conn, criteria, now, None)[1]


def reclaim_seats(store: Store, criteria: Criteria, *, now: datetime,
            chosen: Collection[tuple[str, int]] | None = None) -> ReclaimPlan:
    """Take the seats back in one transaction; ``chosen`` (user ID, licence ID) pairs narrow
    it to those still found inside it."""
    with store.db.transaction() as conn:
        refuse_in_mirror(store)
        seats, plan = _plan(conn, criteria, now, chosen)
        write_changes(conn, seats, now)
        return plan
