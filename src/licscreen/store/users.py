"""Users as the Users tab and the seat commands see them: who they are, their state, their
plan, their licences, their last login. Reads only; the writes are in store/seats.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from licscreen.store.models import SystemEvent
from licscreen.store.sql import (
    EVENT_ORDER,
    EVENT_QUERY,
    LICENCE_COLUMNS,
    Row,
    event_from_row,
    from_db_time,
    licence_from_row,
)
from licscreen.store.user_match import STATE_RANK, UserFilter, user_filter

if TYPE_CHECKING:
    from licscreen.store.models import Licence
    from licscreen.store.store import Store


class UserState(StrEnum):
    """What a user may do now, the strongest first: retired, waiting for an administrator's
    approval, not allowed to log in, or active."""

    ACTIVE = "active"
    CANNOT_LOG_IN = "cannot_log_in"
    RETIRED = "retired"
    WAITING = "waiting_for_approval"


def user_state(retired: bool, can_log_in: bool, waiting: bool) -> UserState:
    if retired:
        return UserState.RETIRED
    if waiting:
        return UserState.WAITING
    return UserState.ACTIVE if can_log_in else UserState.CANNOT_LOG_IN


@dataclass(frozen=True, slots=True)
class UserRow:
    """One line of the Users tab."""

    id: int
    user_id: str
    full_name: str
    group: str | None
    plan: str | None  # the user plan held (its display name); None: none
    licences: int  # visible licences held
    last_login: datetime | None  # None: never
    state: UserState
    has_portrait: bool


# Users with what user_row reads; a WHERE over ``u`` and ``g`` may follow.
USER_QUERY = """
    SELECT u.id, u.user_id, u.full_name, g.name AS group_name,
           (SELECT l.description FROM licence_user lu JOIN module_licence l
                ON l.id = lu.licence_id
            WHERE lu.user_id = u.id AND l.extra_flags & 1 ORDER BY l.sort_order LIMIT 1)
               AS plan,
           (SELECT count(*) FROM licence_user lu JOIN module_licence l ON l.id = lu.licence_id
            WHERE lu.user_id = u.id AND l.hidden = 0) AS licences,
           u.last_login, u.retired, u.can_log_in, u.waiting_for_approval,
           u.portrait IS NOT NULL
    FROM user u LEFT JOIN user_group g ON g.id = u.group_id
"""
# What a sort reads of every user: the user IDs alone, in order (a WHERE over ``u`` and ``g``
# may follow); the plan and the licences held joined, only to sort by them, in one pass over
# the seats.
SORT_QUERY = "SELECT u.user_id FROM user u LEFT JOIN user_group g ON g.id = u.group_id{joins}"
SORT_JOINS = {
    "plan": """
    LEFT JOIN (SELECT lu.user_id AS uid, l.description AS name, min(l.sort_order)
               FROM licence_user lu JOIN module_licence l ON l.id = lu.licence_id
               WHERE l.extra_flags & 1 GROUP BY lu.user_id) p ON p.uid = u.id""",
    "licences": """
    LEFT JOIN (SELECT lu.user_id AS uid, count(*) AS held
               FROM licence_user lu JOIN module_licence l ON l.id = lu.licence_id
               WHERE l.hidden = 0 GROUP BY lu.user_id) n ON n.uid = u.id""",
}


# The Users tab's columns as --sort names them, each as the store sorts it (text without
# regard to case; rows without a value last either way; then by user ID). The state sorts as
# user_state ranks it: active, cannot log in, waiting, retired.
USER_ORDER = {
    "user_id": "u.user_id",
    "full_name": "u.full_name COLLATE NOCASE",
    "group": "g.name COLLATE NOCASE",
    "plan": "p.name COLLATE NOCASE",
    "licences": "coalesce(n.held, 0)",
    "last_login": "u.last_login",
    "state": STATE_RANK,
}


def user_row(row: Row) -> UserRow:
    return UserRow(row[0], row[1], row[2], row[3], row[4], row[5], from_db_time(row[6]),
                   user_state(bool(row[7]), bool(row[8]), bool(row[9])), bool(row[10]))


def _filter(store: Store, text: str | UserFilter) -> tuple[str, tuple[object, ...]]:
    """The WHERE of a filter (:mod:`licscreen.store.user_match`); a text alone matches the
    user ID, name, group, plan and licences held, any case; ``!text``: those it does not."""
    if isinstance(text, str):
        text = user_filter(store, text)
    return text.where, text.params


def _order(order: tuple[str, bool] | None) -> str:
    """ORDER BY for ``order``: (a column of :data:`USER_ORDER`, descending); None: user ID."""
    if order is None:
        return "u.user_id"
    column, way = USER_ORDER[order[0]], "DESC" if order[1] else "ASC"
    if order[0] == "user_id":
        return f"u.user_id {way}"
    return f"{column} IS NULL, {column} {way}, u.user_id {way}"


def count_users(store: Store, text: str | UserFilter = "") -> int:
    where, params = _filter(store, text)
    return int(store.db.fetch_value(
        f"SELECT count(*) FROM user u LEFT JOIN user_group g ON g.id = u.group_id{where}",
        params))


def users_page(store: Store, text: str | UserFilter = "", offset: int = 0, limit: int = 100
               ) -> list[UserRow]:
    """One page of the users ``text`` matches (user ID, name or group, any case; ``!text``:
    those it does not), by user ID."""
    where, params = _filter(store, text)
    rows = store.db.fetch_all(f"{USER_QUERY}{where} ORDER BY user_id LIMIT ? OFFSET ?",
                              (*params, limit, offset))
    return [user_row(r) for r in rows]


def sorted_user_ids(store: Store, text: str | UserFilter = "",
                    order: tuple[str, bool] | None = None) -> list[str]:
    """The user IDs of the users ``text`` matches, in ``order`` (a column of
    :data:`USER_ORDER`, descending; None: by user ID): the plan and the licences counted in
    one pass over the seats, not one read per user (20,000 users: benchmarks/users.py)."""
    where, params = _filter(store, text)
    query = SORT_QUERY.format(joins=SORT_JOINS.get(order[0], "") if order else "")
    rows = store.db.fetch_all(f"{query}{where} ORDER BY {_order(order)}", params)
    return [row[0] for row in rows]


def users_by_id(store: Store, user_ids: Sequence[str]) -> list[UserRow]:
    """The users of ``user_ids`` (a page of them), in that order; those gone left out."""
    marks = ", ".join("?" * len(user_ids))
    found = {row[1]: user_row(row) for row in store.db.fetch_all(
        f"{USER_QUERY} WHERE u.user_id IN ({marks})", tuple(user_ids))} if user_ids else {}
    return [found[user_id] for user_id in user_ids if user_id in found]


def user_position(store: Store, user_id: str, text: str | UserFilter = "") -> int | None:
    """Where ``user_id`` is in the list ``text`` filters, by user ID (None: not in it)."""
    where, params = _filter(store, text)
    found = store.db.fetch_one(f"SELECT 1 FROM user u LEFT JOIN user_group g ON g.id ="
                               f" u.group_id{where or ' WHERE 1'} AND u.user_id = ?",
                               (*params, user_id))
    if found is None:
        return None
    return int(store.db.fetch_value(
        f"SELECT count(*) FROM user u LEFT JOIN user_group g ON g.id = u.group_id"
        f"{where or ' WHERE 1'} AND u.user_id < ?", (*params, user_id)))


def find_user(store: Store, user_id: str) -> UserRow | None:
    row = store.db.fetch_one(f"{USER_QUERY} WHERE u.user_id = ?", (user_id.strip(),))
    return user_row(row) if row else None


class Holding(StrEnum):
    """A licence as it stands for one user."""

    HELD = "held"
    GRANTED = "granted"  # a hidden licence that came with the user plan held
    MISSING_PREREQUISITE = "missing_prerequisite"  # held, but its prerequisite is not
    NOT_HELD = "not_held"


@dataclass(frozen=True, slots=True)
class UserLicence:
    licence: Licence
    holding: Holding
    because: str | None = None  # the plan that grants it, or the prerequisite missing


@dataclass(frozen=True, slots=True)
class UserDetail:
    user: UserRow
    licences: tuple[UserLicence, ...]  # every owner's, held or assignable, by owner
    events: tuple[SystemEvent, ...]  # the events that apply to this user, newest first


def user_licences(store: Store, user: int) -> list[UserLicence]:
    """Every owner's user licences as they stand for ``user`` (the user's row ID): those held
    (hidden ones among them), and the visible ones that could be given."""
    rows = store.db.fetch_all(
        f"""SELECT {LICENCE_COLUMNS},
                   EXISTS (SELECT 1 FROM licence_user h WHERE h.licence_id = l.id
                           AND h.user_id = ?1)
            FROM module_licence l
            WHERE l.licence_type = 3 OR EXISTS (SELECT 1 FROM licence_user h
                  WHERE h.licence_id = l.id AND h.user_id = ?1)
            ORDER BY l.owner <> 'SUPEROFFICE', l.owner, l.hidden, l.sort_order""", (user,))
    licences = [(licence_from_row(r), bool(r[-1])) for r in rows]
    held = {(lic.owner, lic.name) for lic, has in licences if has}
    grants = store.db.fetch_all(
        """SELECT g.owner, g.name, p.description FROM licence_user lu
           JOIN plan_grant pg ON pg.plan_id = lu.licence_id
           JOIN module_licence p ON p.id = pg.plan_id
           JOIN module_licence g ON g.id = pg.granted_id WHERE lu.user_id = ?""", (user,))
    granted_by = {(owner, name): plan for owner, name, plan in grants}
    names = {(lic.owner, lic.name): lic.description for lic, _has in licences}
    result = []
    for lic, has in licences:
        if not has and lic.hidden:
            continue
        prerequisite = (lic.owner, lic.prerequisite) if lic.prerequisite else None
        if has and prerequisite and prerequisite not in held:
            result.append(UserLicence(lic, Holding.MISSING_PREREQUISITE,
                                      names.get(prerequisite, lic.prerequisite)))
        elif has and (lic.owner, lic.name) in granted_by:
            result.append(UserLicence(lic, Holding.GRANTED, granted_by[(lic.owner, lic.name)]))
        elif has:
            result.append(UserLicence(lic, Holding.HELD))
        else:
            result.append(UserLicence(lic, Holding.NOT_HELD))
    return result


def user_events(store: Store, user: int, limit: int = 50) -> Sequence[SystemEvent]:
    rows = store.db.fetch_all(
        f"{EVENT_QUERY} WHERE e.scope = 4 AND e.owner_id = ? {EVENT_ORDER} LIMIT ?",
        (user, limit))
    return [event_from_row(r) for r in rows]


def user_detail(store: Store, user_id: str) -> UserDetail | None:
    user = find_user(store, user_id)
    if user is None:
        return None
    return UserDetail(user, tuple(user_licences(store, user.id)),
                      tuple(user_events(store, user.id)))
