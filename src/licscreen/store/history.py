"""Seat history: each licence's in-use count and total per day (UTC).

The rows are written by the store's triggers (schema ``V_HISTORY``) whoever changes the holders
or a total, on the days something changed; a day without a row has the figures of the last day
before it. The reads here fill those days in. A writer of ours with a clock of its own (a test,
``--now``) dates what it changes with :func:`dated`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from itertools import groupby

from licscreen.store.forecast import UsageDay
from licscreen.store.store import Store

MAX_DAYS = 3660  # the longest history a read gives: ten years


@contextmanager
def dated(conn: sqlite3.Connection, day: date | None) -> Iterator[None]:
    """Inside a write transaction: the triggers date what changes ``day`` (None: UTC's)."""
    if day is None:
        yield
        return
    conn.execute("INSERT OR REPLACE INTO usage_clock (id, day) VALUES (1, ?)", (day.isoformat(),))
    try:
        yield
    finally:
        conn.execute("DELETE FROM usage_clock")


def filled(rows: Iterable[tuple[str, int, int]], start: date, end: date) -> list[UsageDay]:
    """One day each from ``start`` (or the first row, if later) to ``end``, from rows in day
    order (the last one before ``start`` included), each day as the last row on or before it."""
    out: list[UsageDay] = []
    last: tuple[int, int] | None = None
    day = start
    one = timedelta(days=1)
    for text, in_use, total in rows:
        when = date.fromisoformat(text)
        if when > end:
            break
        while last is not None and day < when:
            out.append(UsageDay(day, *last))
            day += one
        if when > day:  # history starts after ``start``
            day = when
        last = (in_use, total)
    while last is not None and day <= end:
        out.append(UsageDay(day, *last))
        day += one
    return out


def _rows_sql(ids: str) -> str:
    """A licence's rows from the last one on or before ? to ?, with its id first."""
    return f"""SELECT licence_id, day, in_use, total FROM licence_usage_day h
        WHERE licence_id IN ({ids}) AND day <= ? AND day >= coalesce(
            (SELECT max(day) FROM licence_usage_day b
             WHERE b.licence_id = h.licence_id AND b.day <= ?), '')
        ORDER BY licence_id, day"""


def usage_history(store: Store, licence_ids: Sequence[int], start: date,
                  end: date) -> dict[int, list[UsageDay]]:
    """The licences' days from ``start`` to ``end`` (a licence without history: none)."""
    found: dict[int, list[UsageDay]] = {}
    for offset in range(0, len(licence_ids), 500):
        batch = list(licence_ids[offset:offset + 500])
        rows = store.db.fetch_all(_rows_sql(", ".join("?" * len(batch))),
                                  (*batch, end.isoformat(), start.isoformat()))
        for licence_id, group in groupby(rows, key=lambda r: r[0]):
            found[licence_id] = filled(((r[1], r[2], r[3]) for r in group), start, end)
    return found


def licence_history(store: Store, licence_id: int, start: date, end: date) -> list[UsageDay]:
    """One licence's days from ``start`` to ``end``."""
    return usage_history(store, [licence_id], start, end).get(licence_id, [])
