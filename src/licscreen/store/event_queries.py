"""Reads for the System messages list: filtered pages of events, and who an event may name."""

from __future__ import annotations

from dataclasses import dataclass

from licscreen.store.models import SystemEvent, User
from licscreen.store.queries import _EVENT_QUERY, EVENT_ORDER, Store, _event

OVER = "('finished', 'failed', 'cancelled')"


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Text to look for (operation, key, message, description, users, group), and whether
    events that are over (finished, failed, cancelled) are shown."""

    text: str = ""
    show_finished: bool = True

    @property
    def active(self) -> bool:
        return bool(self.text.strip()) or not self.show_finished

    def where(self) -> tuple[str, tuple]:
        """An SQL condition over ``_EVENT_QUERY``'s aliases, and its parameters."""
        clauses, params = [], []
        text = self.text.strip()
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            columns = ("e.name", "e.event_key", "e.message", "e.description", "ru.user_id",
                       "ru.full_name", "ou.user_id", "g.name")
            clauses.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
            params += [pattern] * len(columns)
        if not self.show_finished:
            clauses.append(f"e.status NOT IN {OVER}")
        return (" AND ".join(clauses) or "1"), tuple(params)


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    name: str


def event_count(store: Store, where: EventFilter) -> int:
    if not where.active:
        return store.event_count()
    sql, params = where.where()
    with store.db.read() as conn:
        return conn.execute(f"SELECT count(*) FROM ({_EVENT_QUERY} WHERE {sql})", params).fetchone()[0]


def events(store: Store, where: EventFilter, offset: int, limit: int) -> list[SystemEvent]:
    """One page of the events ``where`` lets through, newest first."""
    sql, params = where.where()
    with store.db.read() as conn:
        rows = conn.execute(f"{_EVENT_QUERY} WHERE {sql} {EVENT_ORDER} LIMIT ? OFFSET ?",
                            (*params, limit, offset)).fetchall()
    return [_event(r) for r in rows]


def event_position(store: Store, where: EventFilter, event_id: int) -> int | None:
    """The row an event has among those ``where`` lets through, or None when it is not there."""
    if not where.active:
        return store.event_position(event_id)
    sql, params = where.where()
    with store.db.read() as conn:
        target = conn.execute(f"{_EVENT_QUERY} WHERE {sql} AND e.id = ?",
                              (*params, event_id)).fetchone()
        if target is None:
            return None
        registered = target[10]
        row = conn.execute(
            f"""SELECT count(*) FROM ({_EVENT_QUERY} WHERE {sql}
                AND (e.registered > ? OR (e.registered = ? AND e.id > ?)))""",
            (*params, registered, registered, event_id),
        ).fetchone()
    return row[0]


def users(store: Store) -> list[User]:
    """Every user, by user ID: whom an event may apply to."""
    with store.db.read() as conn:
        rows = conn.execute(
            """SELECT u.id, u.user_id, u.full_name, g.name, u.portrait IS NOT NULL
               FROM user u LEFT JOIN user_group g ON g.id = u.group_id ORDER BY u.user_id"""
        ).fetchall()
    return [User(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]


def groups(store: Store) -> list[Group]:
    with store.db.read() as conn:
        rows = conn.execute("SELECT id, name FROM user_group ORDER BY name").fetchall()
    return [Group(*r) for r in rows]
