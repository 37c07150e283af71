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

from licscreen.store.forecasting import UsageDay
from licscreen.store.schema_history import HISTORY_TRIGGERS, USAGE_DAY
from licscreen.store.store import Store


@contextmanager
def dated(conn: sqlite3.Connection, day: date | None, *, bulk: bool = False) -> Iterator[None]:
    """Inside a write transaction (rolled back if this fails): the triggers date what
    changes ``day`` (None: UTC's).

    ``bulk`` (a load into an empty store: the demo's users, a new mirror): the triggers are
    dropped for the load and made again after it, and the day's figures of every licence
    counted once, as schema V3's text index is filled after a bulk load of events; the load
    then pays nothing per link."""
    if day is not None:
        conn.execute("INSERT OR REPLACE INTO usage_clock (id, day) VALUES (1, ?)",
                     (day.isoformat(),))
    if bulk:
        for name in HISTORY_TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    yield  # a failure: the transaction is rolled back, and all this with it (triggers too)
    if bulk:
        for name, body in HISTORY_TRIGGERS.items():
            conn.execute(f"CREATE TRIGGER {name} {body}")
        conn.execute(COUNT_ALL)
    if day is not None:
        conn.execute("DELETE FROM usage_clock")


# Every licence's figures today, counted: after a bulk load.
COUNT_ALL = f"""
    INSERT INTO licence_usage_day (licence_id, day, in_use, total, stale)
    SELECT l.id, {USAGE_DAY}, coalesce(c.n, 0), l.total, 0 FROM module_licence l
    LEFT JOIN (SELECT licence_id, count(*) AS n FROM licence_user GROUP BY licence_id) c
    ON c.licence_id = l.id WHERE true
    ON CONFLICT (licence_id, day) DO UPDATE
    SET in_use = excluded.in_use, total = excluded.total, stale = 0"""


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
