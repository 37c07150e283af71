"""Pages of the System messages list by keyset, so a deep page costs what the first one does.

``LIMIT ? OFFSET ?`` walks past every row before the page: two seconds at the end of a million
events. A :class:`EventPager` remembers the sort key ``(registered, id)`` of the first and last
row of each page it has read, and seeks from the neighbouring page with a row-value comparison
the index ``system_event_by_registered`` serves. The last pages are read from the other end,
oldest first; only a jump into the middle with no neighbour known falls back to ``OFFSET``.
"""

from __future__ import annotations

from datetime import datetime

from licscreen.store.event_queries import EventFilter, events
from licscreen.store.models import SystemEvent
from licscreen.store.queries import _EVENT_QUERY, EVENT_ORDER, Store, _event, to_db_time

OLDEST_FIRST = "ORDER BY e.registered, e.id"
REMEMBERED = 2_000  # row positions whose sort key is kept


def sort_key(event: SystemEvent) -> tuple[str, int]:
    return to_db_time(event.activated), event.id


class EventPager:
    """Reads pages of the events ``where`` lets through, newest first, for one ``count``."""

    def __init__(self, store: Store, where: EventFilter, count: int) -> None:
        self.store = store
        self.where = where
        self.total = count
        self._keys: dict[int, tuple[str, int]] = {}  # row position -> its sort key

    def page(self, offset: int, limit: int) -> list[SystemEvent]:
        offset = max(0, offset)
        limit = max(0, min(limit, self.total - offset))
        if limit == 0:
            return []
        if offset == 0:
            rows = events(self.store, self.where, 0, limit)
        elif offset - 1 in self._keys:
            rows = self._seek("<", self._keys[offset - 1], EVENT_ORDER, limit)
        elif offset + limit in self._keys:
            rows = self._seek(">", self._keys[offset + limit], OLDEST_FIRST, limit)[::-1]
        elif self.total - offset - limit < offset:  # nearer the end: read from there
            rows = self._from_end(self.total - offset - limit, limit)
        else:
            rows = events(self.store, self.where, offset, limit)
        if rows:
            if len(self._keys) > REMEMBERED:
                self._keys.clear()
            self._keys[offset] = sort_key(rows[0])
            self._keys[offset + len(rows) - 1] = sort_key(rows[-1])
        return rows

    def _seek(self, op: str, key: tuple[str, int], order: str, limit: int) -> list[SystemEvent]:
        sql, params = self.where.where()
        with self.store.db.read() as conn:
            rows = conn.execute(
                f"{_EVENT_QUERY} WHERE {sql} AND (e.registered, e.id) {op} (?, ?) {order} LIMIT ?",
                (*params, *key, limit)).fetchall()
        return [_event(r) for r in rows]

    def _from_end(self, skip: int, limit: int) -> list[SystemEvent]:
        sql, params = self.where.where()
        with self.store.db.read() as conn:
            rows = conn.execute(f"{_EVENT_QUERY} WHERE {sql} {OLDEST_FIRST} LIMIT ? OFFSET ?",
                                (*params, limit, max(0, skip))).fetchall()
        return [_event(r) for r in rows][::-1]


def position(store: Store, where: EventFilter, event_id: int) -> int | None:
    """The row an event has among those ``where`` lets through, or None when it is not there.

    The rows before it are counted through the index (``(registered, id) > (?, ?)``), so an
    event near the top is found at once and one at the bottom costs one count."""
    sql, params = where.where()
    with store.db.read() as conn:
        if where.active:
            target = conn.execute(f"SELECT e.registered FROM ({_EVENT_QUERY} WHERE {sql}"
                                  " AND e.id = ?) e", (*params, event_id)).fetchone()
        else:
            target = conn.execute("SELECT registered FROM system_event WHERE id = ?",
                                  (event_id,)).fetchone()
        if target is None:
            return None
        if not where.active:
            return _position(conn, target[0], event_id)
        return conn.execute(
            f"SELECT count(*) FROM ({_EVENT_QUERY} WHERE {sql} AND (e.registered, e.id) > (?, ?))",
            (*params, target[0], event_id)).fetchone()[0]


def _position(conn, registered: str, event_id: int) -> int:
    """Counted from the nearer end, judged by time: the newer rows, or all less the older."""
    newest = conn.execute("SELECT max(registered) FROM system_event").fetchone()[0]
    oldest = conn.execute("SELECT min(registered) FROM system_event").fetchone()[0]
    moment = datetime.fromisoformat(registered)
    if datetime.fromisoformat(newest) - moment <= moment - datetime.fromisoformat(oldest):
        return conn.execute("SELECT count(*) FROM system_event WHERE (registered, id) > (?, ?)",
                            (registered, event_id)).fetchone()[0]
    older = conn.execute("SELECT count(*) FROM system_event WHERE (registered, id) <= (?, ?)",
                         (registered, event_id)).fetchone()[0]
    return conn.execute("SELECT count(*) FROM system_event").fetchone()[0] - older


_counts: dict[tuple[str, EventFilter], tuple[tuple[int, int], int]] = {}


def cached_count(store: Store, where: EventFilter, count) -> int:
    """``count(store, where)``, read again only when the store has changed since: by another
    connection (``data_version``) or by this one (``total_changes``)."""
    with store.db.read() as conn:
        version = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
    key = (str(store.path), where)
    known = _counts.get(key)
    if known is not None and known[0] == version:
        return known[1]
    value = count(store, where)
    if len(_counts) > 64:
        _counts.clear()
    _counts[key] = (version, value)
    return value
