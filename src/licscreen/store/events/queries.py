"""Reads for the System messages list: filtered pages of events, and who an event may name.

A text filter is a ``LIKE '%text%'`` over the event's operation, key, message and description,
the user who registered it, and the user or group it applies to (the tests keep that meaning
as plain SQL, the reference each plan is held to). :func:`plan` turns it into a condition the
store can serve at a million events: the users and groups that match are looked up in their
own (small) tables and the events found by ``registered_by`` and ``owner_id``; for texts of
three characters or more the trigram index ``event_text`` names the candidates. Candidates
only narrow the search: the ``LIKE`` conditions always decide, so a plan lets through exactly
what the filter means (docs/scale.md).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from licscreen.store.events.order import NEWEST_FIRST, EventOrder
from licscreen.store.models import SystemEvent, User
from licscreen.store.sql import EVENT_ORDER, EVENT_QUERY, event_from_row, like_pattern
from licscreen.store.store import Store

OVER = "('finished', 'failed', 'cancelled')"
LIKE = "{} LIKE ? ESCAPE '\\'"
IDS = "(SELECT value FROM json_each(?))"  # a JSON list of row IDs, as a set
TRIGRAM = 3  # the index knows texts of three characters and more
FEW = 2_000  # this many candidates or fewer: read them all, then sort; more: scan by time
Condition = tuple[str, tuple[Any, ...]]  # SQL over ``system_event e``, and its parameters


def match_expression(text: str) -> str:
    """An FTS5 query for the trigram index: every three characters of ``text``, all present."""
    grams = dict.fromkeys(text[i:i + TRIGRAM] for i in range(len(text) - TRIGRAM + 1))
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


@dataclass(frozen=True, slots=True)
class EventWords:
    """How the list puts what the store codes in words, for a filter to match it as shown:
    each status (``EventStatus`` value, words) and scope (number, words); an administrator's
    event type shown in the language in use (key, its standard name, words); an event no user
    activated ('system')."""

    statuses: tuple[tuple[str, str], ...] = ()
    scopes: tuple[tuple[int, str], ...] = ()
    names: tuple[tuple[str, str, str], ...] = ()
    system: str = ""


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Text to look for (operation, key, message, description, users, group; with ``words``
    the status, the type and an operation as the list shows them; ``!text``: the events
    without it), whether events that are over (finished, failed, cancelled) are shown, and the
    order they are listed in."""

    text: str = ""
    show_finished: bool = True
    order: EventOrder = NEWEST_FIRST
    words: EventWords | None = None

    @property
    def needle(self) -> tuple[str, bool]:
        """The text looked for, and whether the events *without* it are wanted (``!text``)."""
        text = self.text.strip()
        if text.startswith("!"):
            return text[1:].strip(), True
        return text, False

    @property
    def active(self) -> bool:
        return bool(self.needle[0]) or not self.show_finished


@dataclass(frozen=True, slots=True)
class Plan:
    """A filter as conditions over ``system_event e`` alone.

    ``check``: the filter itself (its ``LIKE`` conditions over the event; the users and groups
    that match, as lists of IDs: who registered it, whom it applies to); ``narrow``: the
    candidates the indexes name for a text of three characters or more (a superset of what
    ``check`` lets through), or None. ``few``: there are few candidates, so a page, a count or
    an event's row is read from them; otherwise a page scans the events by time (quick, as it
    stops after a page of matches) and a count takes a good part of a second at a million
    events."""

    where: EventFilter
    check: Condition
    narrow: Condition | None = None
    few: bool = False

    @property
    def cheap(self) -> bool:
        """Counting it costs next to nothing: no filter, or few candidates."""
        return self.few or not self.where.active

    def _with(self, narrow: bool) -> Condition:
        if narrow and self.narrow is not None:
            return f"{self.narrow[0]} AND {self.check[0]}", self.narrow[1] + self.check[1]
        return self.check

    @property
    def sql(self) -> str:  # for pages: scanned by time unless the candidates are few
        return self._with(self.few)[0]

    @property
    def params(self) -> tuple[Any, ...]:
        return self._with(self.few)[1]

    def count_query(self) -> Condition:  # for counts: from the candidates if any
        sql, params = self._with(True)
        return f"SELECT count(*) FROM system_event e WHERE {sql}", params


def word_conditions(text: str, words: EventWords | None) -> tuple[list[Condition],
                                                                   list[Condition]]:
    """The conditions over ``system_event e`` for what ``text`` matches in ``words`` (a status,
    a type, an operation in the language in use, 'system'), and the same as candidates read
    by an index each."""
    if words is None:
        return [], []
    needle = text.casefold()
    checks: list[Condition] = []
    wide: list[Condition] = []
    statuses = tuple(value for value, said in words.statuses if needle in said.casefold())
    scopes = tuple(scope for scope, said in words.scopes if needle in said.casefold())
    marks = ", ".join("?" * len(statuses)), ", ".join("?" * len(scopes))
    if statuses:
        checks.append((f"e.status IN ({marks[0]})", statuses))
        wide.append((f"SELECT id FROM system_event WHERE status IN ({marks[0]})", statuses))
    if scopes:
        checks.append((f"e.scope IN ({marks[1]})", scopes))
        wide.append((f"SELECT id FROM system_event WHERE scope IN ({marks[1]})", scopes))
    for key, name, said in words.names:
        if needle in said.casefold():
            checks.append(("(e.event_key = ? AND e.name = ?)", (key, name)))
            wide.append(("SELECT id FROM system_event WHERE name = ? COLLATE NOCASE", (name,)))
    types = dict(words.scopes)
    if ":" in needle and 3 in types and 4 in types:  # across the Type column's 'Group: Salg'
        checks.append((
            "(CASE e.scope WHEN 3 THEN ? || ': ' || (SELECT name FROM user_group"
            " WHERE id = e.owner_id) WHEN 4 THEN ? || ': ' || (SELECT user_id FROM user"
            f" WHERE id = e.owner_id) END) {LIKE.format('')}",
            (types[3], types[4], like_pattern(text))))
        wide.append(("SELECT id FROM system_event WHERE scope IN (3, 4)", ()))
    if words.system and needle in words.system.casefold():
        checks.append(("e.registered_by IS NULL", ()))
        wide.append(("SELECT id FROM system_event WHERE registered_by IS NULL", ()))
    return checks, wide


def plan(conn: sqlite3.Connection, where: EventFilter) -> Plan:
    clauses: list[str] = []
    params: list[Any] = []
    text, exclude = where.needle
    narrow, few = None, False
    if text:
        pattern = like_pattern(text)
        # The users and groups it names, found once in their own (small) tables, as JSON made
        # by SQLite: registered by (user ID or full name), applies to (user ID), group name.
        named = conn.execute(
            f"SELECT json_group_array(id), json_group_array(id) FILTER (WHERE"
            f" {LIKE.format('user_id')}) FROM user WHERE {LIKE.format('user_id')}"
            f" OR {LIKE.format('full_name')}", (pattern,) * 3).fetchone() + conn.execute(
            f"SELECT json_group_array(id) FROM user_group WHERE {LIKE.format('name')}",
            (pattern,)).fetchone()
        checks, wide = word_conditions(text, where.words)
        if len(text) >= TRIGRAM and not exclude:
            candidates = " UNION ALL ".join([
                "SELECT rowid FROM event_text WHERE event_text MATCH ?",
                f"SELECT id FROM system_event WHERE registered_by IN {IDS}",
                f"SELECT id FROM system_event WHERE owner_id IN {IDS} AND scope = 4",
                f"SELECT id FROM system_event WHERE owner_id IN {IDS} AND scope = 3",
                *(sql for sql, _ in wide)])
            found = (match_expression(text), *named,
                     *(value for _, values in wide for value in values))
            narrow = (f"e.id IN ({candidates})", found)
            some = conn.execute(f"SELECT count(*) FROM ({candidates} LIMIT ?)",
                                (*found, FEW + 1)).fetchone()[0]
            few = some <= FEW
        columns = [LIKE.format(c) for c in ("e.name", "e.event_key", "e.message", "e.description")]
        matched = "(" + " OR ".join([
            *columns, f"e.registered_by IN {IDS}", f"(e.scope = 4 AND e.owner_id IN {IDS})",
            f"(e.scope = 3 AND e.owner_id IN {IDS})", *(sql for sql, _ in checks)]) + ")"
        # NOT of a NULL (an event the system registered) would drop it: NULL counts as no match
        clauses.append(f"NOT coalesce({matched}, 0)" if exclude else matched)
        params += [pattern] * len(columns) + list(named)
        params += [value for _, values in checks for value in values]
    if not where.show_finished:
        clauses.append(f"e.status NOT IN {OVER}")
    return Plan(where, (" AND ".join(clauses) or "1", tuple(params)), narrow, few)


def plan_for(store: Store, where: EventFilter) -> Plan:
    with store.db.read() as conn:
        return plan(conn, where)


def count_planned(conn: sqlite3.Connection, planned: Plan) -> int:
    return int(conn.execute(*planned.count_query()).fetchone()[0])


def search_events(store: Store, text: str, limit: int = 20) -> list[SystemEvent]:
    """Events whose operation, key or message contains ``text``, newest first (the command
    palette's jump). From three characters the trigram index names the candidates when they
    are few; otherwise the events are scanned by time, which stops after ``limit`` matches."""
    pattern = like_pattern(text)
    check = " OR ".join(LIKE.format(c) for c in ("e.name", "e.event_key", "e.message"))
    narrow, params = "", [pattern] * 3
    with store.db.read() as conn:
        if len(text) >= TRIGRAM:
            some = conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM event_text WHERE event_text MATCH ? LIMIT ?)",
                (match_expression(text), FEW + 1)).fetchone()[0]
            if some <= FEW:
                narrow = "e.id IN (SELECT rowid FROM event_text WHERE event_text MATCH ?) AND "
                params.insert(0, match_expression(text))
        rows = conn.execute(f"{EVENT_QUERY} WHERE {narrow}({check}) {EVENT_ORDER} LIMIT ?",
                            (*params, limit)).fetchall()
    return [event_from_row(r) for r in rows]


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    name: str


def event_count(store: Store, where: EventFilter, planned: Plan | None = None) -> int:
    if not where.active:
        return store.event_count()
    with store.db.read() as conn:
        return count_planned(conn, planned or plan(conn, where))


def events(store: Store, where: EventFilter, offset: int, limit: int,
           planned: Plan | None = None) -> list[SystemEvent]:
    """One page of the events ``where`` lets through, in its order."""
    with store.db.read() as conn:
        planned = planned or plan(conn, where)
        order = where.order.sql()
        rows = conn.execute(f"{EVENT_QUERY} WHERE {planned.sql} {order} LIMIT ? OFFSET ?",
                            (*planned.params, limit, offset)).fetchall()
    return [event_from_row(r) for r in rows]


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
