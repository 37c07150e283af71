"""Pages of the System messages list by keyset, so a deep page costs what the first one does.

``LIMIT ? OFFSET ?`` walks past every row before the page: two seconds at the end of a million
events. A :class:`EventPager` remembers the sort key ``(registered, id)`` of the first and last
row of each page it has read, and seeks from the neighbouring page with a row-value comparison
the index ``system_event_by_registered`` serves. The last pages are read from the other end,
oldest first; only a jump into the middle with no neighbour known falls back to ``OFFSET``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from licscreen.store.events.order import NEWEST_FIRST, EventOrder, key_params
from licscreen.store.events.queries import EventFilter, Plan, count_planned, events, plan_for
from licscreen.store.models import SystemEvent
from licscreen.store.sql import EVENT_QUERY, event_from_row
from licscreen.store.store import Store

SortKey = tuple[Any, int]  # (the order's column, the event's ID)
REMEMBERED = 2_000  # row positions whose sort key is kept
STEPS = 20_000  # SQLite asks whether to give up every this many steps (about a millisecond)
NEAR = 2_000  # an event's row is counted by a scan from the top up to this far down


def sort_key(event: SystemEvent, order: EventOrder = NEWEST_FIRST) -> SortKey:
    return order.key_of(event)


class EventPager:
    """Reads pages of the events ``where`` lets through, newest first, for one ``count``.

    ``exact`` False: ``count`` is only as many rows as are known so far (the true count is
    still being made); the last pages are then not read from the other end."""

    def __init__(self, store: Store, where: EventFilter, count: int,
                 planned: Plan | None = None, *, exact: bool = True) -> None:
        self.store = store
        self.where = where
        self.plan = planned or plan_for(store, where)
        self.total = count
        self.exact = exact
        self.order = where.order
        self._keys: dict[int, SortKey] = {}  # row position -> its sort key

    def page(self, offset: int, limit: int) -> list[SystemEvent]:
        offset = max(0, offset)
        limit = max(0, min(limit, self.total - offset))
        if limit == 0:
            return []
        if offset == 0:
            rows = events(self.store, self.where, 0, limit, self.plan)
        elif offset - 1 in self._keys:
            rows = self._seek(self._keys[offset - 1], limit)
        elif offset + limit in self._keys:
            rows = self._seek(self._keys[offset + limit], limit, reverse=True)[::-1]
        elif self.exact and self.total - offset - limit < offset:  # nearer the end
            rows = self._from_end(self.total - offset - limit, limit)
        else:
            rows = events(self.store, self.where, offset, limit, self.plan)
        if rows:
            if len(self._keys) > REMEMBERED:
                self._keys.clear()
            self._keys[offset] = self.order.key_of(rows[0])
            self._keys[offset + len(rows) - 1] = self.order.key_of(rows[-1])
        return rows

    def page_at(self, offset: int, limit: int, before: int, key: SortKey
                ) -> list[SystemEvent]:
        """The page from ``offset`` of a list in which ``before`` rows sort before ``key``
        (:func:`rows_before`, counted in the same read transaction): the rows on either side of
        the key, read through the index from it, however deep."""
        ahead = before - offset
        rows = self._seek(key, ahead, reverse=True)[::-1] if ahead > 0 else []
        rows += self._seek(key, limit - len(rows), inclusive=True)
        if rows:
            self._keys[offset] = self.order.key_of(rows[0])
            self._keys[offset + len(rows) - 1] = self.order.key_of(rows[-1])
        return rows

    def _seek(self, key: SortKey, limit: int, *, reverse: bool = False,
              inclusive: bool = False) -> list[SystemEvent]:
        """The rows after ``key`` in the list's order (``reverse``: before it, nearest first)."""
        sql, params = self.plan.sql, self.plan.params
        after = self.order.after(reverse=reverse, inclusive=inclusive)
        order = self.order.sql(reverse=reverse)
        with self.store.db.read() as conn:
            rows = conn.execute(
                f"{EVENT_QUERY} WHERE {sql} AND {after} {order} LIMIT ?",
                (*params, *key_params(key), limit)).fetchall()
        return [event_from_row(r) for r in rows]

    def _from_end(self, skip: int, limit: int) -> list[SystemEvent]:
        sql, params = self.plan.sql, self.plan.params
        with self.store.db.read() as conn:
            rows = conn.execute(f"{EVENT_QUERY} WHERE {sql} {self.order.sql(reverse=True)}"
                                " LIMIT ? OFFSET ?",
                                (*params, limit, max(0, skip))).fetchall()
        return [event_from_row(r) for r in rows][::-1]


def position(store: Store, where: EventFilter, event_id: int,
             planned: Plan | None = None) -> int | None:
    """The row an event has among those ``where`` lets through, or None when it is not there.

    The rows before it are counted through the index (``(registered, id) > (?, ?)``), so an
    event near the top is found at once and one at the bottom costs one count; for a filter
    with many candidates, that count is of the candidates."""
    planned = planned or plan_for(store, where)
    value = where.order.expression
    with store.db.read() as conn:
        if where.active:
            target = conn.execute(f"SELECT {value} FROM system_event e WHERE {planned.sql}"
                                  " AND e.id = ?", (*planned.params, event_id)).fetchone()
        else:
            target = conn.execute(f"SELECT {value} FROM system_event e WHERE e.id = ?",
                                  (event_id,)).fetchone()
        if target is None:
            return None
        return rows_before(store, where, (target[0], event_id), planned)


def sort_key_of(store: Store, event_id: int, order: EventOrder = NEWEST_FIRST
                ) -> SortKey | None:
    """Where an event sorts (whatever the filter), or None when it is not in the store."""
    row = store.db.fetch_one(f"SELECT {order.expression} FROM system_event e WHERE e.id = ?",
                             (event_id,))
    return (row[0], event_id) if row else None


def rows_before(store: Store, where: EventFilter, key: SortKey,
                planned: Plan | None = None) -> int:
    """How many of the rows ``where`` lets through sort before ``key`` (in its order): the row
    of the event with that sort key, or, when it is gone, of the one that took its place."""
    planned = planned or plan_for(store, where)
    sql, params = planned.sql, planned.params
    with store.db.read() as conn:
        if not where.active and where.order == NEWEST_FIRST:
            return _position(conn, *key)
        before = f"AND {where.order.before()}"
        if planned.narrow is None or planned.few:
            return int(conn.execute(f"SELECT count(*) FROM system_event e WHERE {sql} {before}",
                                    (*params, *key_params(key))).fetchone()[0])
        # Many candidates: scan from the top while the event is near it, else count those of
        # the candidates before it (a third of a second for 300,000 of a million, however deep).
        near: int = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM system_event e WHERE {sql}"
                                 f" {before} LIMIT ?)",
                                 (*params, *key_params(key), NEAR)).fetchone()[0]
        if near < NEAR:
            return near
        counting, params = planned.count_query()
        return int(conn.execute(f"{counting} {before}",
                                (*params, *key_params(key))).fetchone()[0])


def _position(conn: sqlite3.Connection, registered: str, event_id: int) -> int:
    """Counted from the nearer end, judged by time: the newer rows, or all less the older."""
    newest = conn.execute("SELECT max(registered) FROM system_event").fetchone()[0]
    oldest = conn.execute("SELECT min(registered) FROM system_event").fetchone()[0]
    if newest is None:  # no events: none before it
        return 0
    moment = datetime.fromisoformat(registered)
    if datetime.fromisoformat(newest) - moment <= moment - datetime.fromisoformat(oldest):
        return int(conn.execute("SELECT count(*) FROM system_event WHERE (registered, id) > (?, ?)",
                                (registered, event_id)).fetchone()[0])
    older = conn.execute("SELECT count(*) FROM system_event WHERE (registered, id) <= (?, ?)",
                         (registered, event_id)).fetchone()[0]
    return int(conn.execute("SELECT count(*) FROM system_event").fetchone()[0] - older)


def every_page(store: Store, where: EventFilter, count: int | None = None,
               size: int = 500) -> Iterator[list[SystemEvent]]:
    """Every event ``where`` lets through, in its order, ``size`` at a time, each page sought
    from the last one's key (``OFFSET`` pages would walk past every row before each: 46 s
    instead of 5 s over 300,000 events). ``count``: how many, when already counted."""
    if count is None:
        count = count_planned_for(store, where)
    pager = EventPager(store, where, count)
    offset = 0
    while page := pager.page(offset, size):
        yield page
        offset += len(page)


def count_planned_for(store: Store, where: EventFilter) -> int:
    if not where.active:
        return store.event_count()
    planned = plan_for(store, where)
    with store.db.read() as conn:
        return count_planned(conn, planned)


COUNTS_KEPT = 64  # filters whose counts a store keeps (Database.counts)


def store_version(store: Store) -> tuple[int, int]:
    """Changes when the store does: by another connection (``data_version``) or by this one
    (``total_changes``). Two integer reads."""
    with store.db.read() as conn:
        return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes


def known_count(store: Store, where: EventFilter,
                version: tuple[int, int] | None = None) -> int | None:
    """The count of ``where`` made since the store last changed (``version``: the store's
    now, when the caller has read it), or None."""
    known = store.db.counts.get(where)
    if known is None:
        return None
    return known[1] if known[0] == (version or store_version(store)) else None


def remember_count(store: Store, where: EventFilter, version: tuple[int, int], value: int) -> None:
    counts = store.db.counts
    if len(counts) > COUNTS_KEPT:
        counts.clear()
    counts[where] = (version, value)


def cached_count(store: Store, where: EventFilter, count: Callable[[Store, EventFilter], int],
                 version: tuple[int, int] | None = None) -> int:
    """``count(store, where)``, read again only when the store has changed since."""
    version = version or store_version(store)
    value = known_count(store, where, version)
    if value is None:
        value = count(store, where)
        remember_count(store, where, version, value)
    return value


def count_apart(store: Store, planned: Plan, cancelled: Callable[[], bool]) -> int | None:
    """Count what ``planned`` lets through on a connection of its own, so the list keeps
    reading through the store's meanwhile; None as soon as ``cancelled()`` says so (it is
    asked every few thousand steps of SQLite's, and interrupts the count)."""
    if not planned.where.active:
        return store.event_count()
    conn = store.db.reader()  # opened as the store was (read-only, or immutable)
    try:
        conn.set_progress_handler(lambda: int(cancelled()), STEPS)
        return count_planned(conn, planned)
    except sqlite3.OperationalError:
        if cancelled():
            return None
        raise
    finally:
        conn.close()


_reader = threading.local()  # what the thread reading asks: has it been cancelled?


def _give_up() -> int:
    cancelled = getattr(_reader, "cancelled", None)
    return int(cancelled is not None and cancelled())


@contextmanager
def interruptible(store: Store, cancelled: Callable[[], bool]) -> Iterator[None]:
    """This thread's reads through ``store`` give up (``sqlite3.OperationalError``) as soon as
    ``cancelled()`` says so; other threads' reads on the same connection are not touched. For a
    loading worker overtaken by the next keystroke while it scans a million events."""
    with store.db.read() as conn:
        conn.set_progress_handler(_give_up, STEPS)  # asks the thread that runs the statement
    _reader.cancelled = cancelled
    try:
        yield
    finally:
        _reader.cancelled = None
