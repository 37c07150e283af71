"""The Users tab's filter as SQL: a text matches a user when it is in any column the tab shows
(user ID, full name, group, plan, licences held, last login, state), any case; ``!text``: in
none of them.

The store keeps the first three as text; the others the tab computes, and two of them it puts
in words (the state, and the last login as "3 days ago"). :class:`ShownAs` says how, and the
filter turns the text into conditions over what the store keeps: the states whose words hold
the text, the plans whose names do, and the minutes and days since a login whose words do (a
last login's words depend only on how long ago it was). So one keystroke over 20,000 users is
one query, not 20,000 rows put in words (benchmarks/users.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from licscreen.store.sql import db_moment, like_pattern

if TYPE_CHECKING:
    from licscreen.store.store import Store

DAY = 24 * 60  # minutes

# A user's state ranked as the tab sorts it (store/users.py): active, cannot log in, waiting,
# retired.
STATE_RANK = ("CASE WHEN u.retired THEN 3 WHEN u.waiting_for_approval THEN 2"
              " WHEN u.can_log_in THEN 0 ELSE 1 END")
STATE_RANKS = {"active": 0, "cannot_log_in": 1, "waiting_for_approval": 2, "retired": 3}
# Minutes since the last login (a login "in the future", a clock set wrong, is "just now").
SINCE = "max(0, (? - CAST(strftime('%s', u.last_login) AS INTEGER)) / 60)"
HELD = ("(SELECT count(*) FROM licence_user lu JOIN module_licence l ON l.id = lu.licence_id"
        " WHERE lu.user_id = u.id AND l.hidden = 0)")
PLAN_HOLDERS = ("SELECT lu.user_id FROM licence_user lu JOIN module_licence l"
                " ON l.id = lu.licence_id WHERE l.extra_flags & 1")
# Whether the plan the tab shows (the first held by sort order) is one of ``{plans}``: read
# only for the users holding one of them (an index each), so a page or a position read stops
# early, with nothing worked out for every user first.
SHOWN_PLAN = ("EXISTS (SELECT 1 FROM licence_user lu WHERE lu.user_id = u.id"
              " AND lu.licence_id IN ({plans})) AND (SELECT l.id FROM licence_user lu"
              " JOIN module_licence l ON l.id = lu.licence_id WHERE lu.user_id = u.id"
              " AND l.extra_flags & 1 ORDER BY l.sort_order LIMIT 1) IN ({plans})")


@dataclass(frozen=True)
class ShownAs:
    """How the tab shows what it computes: each state (UserState's values) in words, a last
    login never made, one made ``m`` minutes ago (``recent[m]``, under a day) and one made
    ``d`` days ago (``days(d)``), a user without a plan; and the moment it shows them at."""

    states: Mapping[str, str]
    never: str
    recent: Sequence[str]
    days: Callable[[int], str]
    no_plan: str
    now: datetime


@dataclass(frozen=True)
class UserFilter:
    """A filter's WHERE over ``user u LEFT JOIN user_group g`` and its parameters."""

    text: str
    where: str = ""
    params: tuple[object, ...] = field(default=())


def _login_condition(store: Store, needle: str, shown: ShownAs
                     ) -> tuple[list[str], list[object]]:
    conditions: list[str] = []
    params: list[object] = []
    if needle in shown.never.casefold():
        conditions.append("u.last_login IS NULL")
    minutes = [m for m, words in enumerate(shown.recent) if needle in words.casefold()]
    oldest = store.db.fetch_value("SELECT min(last_login) FROM user")
    days: list[int] = []
    if oldest is not None:
        span = int((shown.now - db_moment(str(oldest))).total_seconds() // 60 // DAY)
        days = [d for d in range(1, span + 1) if needle in shown.days(d).casefold()]
    # The minutes since a login in one IN, the days in another: each reads the minutes once
    # per user (the minutes listed are under a day; the days listed from 1).
    now = int(shown.now.timestamp())
    for values, since in ((minutes, SINCE), (days, f"{SINCE} / {DAY}")):
        if values:
            conditions.append(f"u.last_login IS NOT NULL AND {since} IN"
                              f" ({', '.join(map(str, values))})")
            params.append(now)
    return conditions, params


def user_filter(store: Store, text: str, shown: ShownAs | None = None) -> UserFilter:
    """The users ``text`` matches, in any column the tab shows (those it puts in words only
    with ``shown``); ``!text``: the users it does not match."""
    text = text.strip()
    exclude = text.startswith("!")
    needle = (text[1:].strip() if exclude else text).casefold()
    if not needle:
        return UserFilter(text)
    pattern = like_pattern(needle)
    # Every condition is true or false, never NULL: ``NOT (a OR b …)`` then stops at the first
    # true one, as ``a OR b`` does (``ifnull()`` around it would work out every one of them).
    columns = ("u.user_id", "u.full_name", "coalesce(g.name, '')")
    if needle.isascii():
        conditions = [f"{c} LIKE ? ESCAPE '\\'" for c in columns]
    else:  # LIKE folds ASCII letters only
        conditions = [f"fold({c}) LIKE ? ESCAPE '\\'" for c in columns]
    params: list[object] = [pattern] * 3
    # The cheap conditions first: a user one of them finds is not looked up in the seats.
    if shown is not None:
        ranks = sorted(rank for state, rank in STATE_RANKS.items()
                       if needle in shown.states.get(state, state).casefold())
        if ranks:
            conditions.append(f"{STATE_RANK} IN ({', '.join(map(str, ranks))})")
        logins, login_params = _login_condition(store, needle, shown)
        conditions += logins
        params += login_params
        if needle in shown.no_plan.casefold():
            conditions.append(f"u.id NOT IN ({PLAN_HOLDERS})")
    plans = [str(row[0]) for row in store.db.fetch_all(
        "SELECT id, description FROM module_licence WHERE extra_flags & 1")
        if needle in str(row[1]).casefold()]
    if plans:
        conditions.append(SHOWN_PLAN.format(plans=", ".join(plans)))
    if needle.isdigit():
        conditions.append(f"CAST({HELD} AS TEXT) LIKE ? ESCAPE '\\'")
        params.append(pattern)
    found = "(" + " OR ".join(f"({c})" for c in conditions) + ")"
    if exclude:
        found = f"NOT {found}"
    return UserFilter(text, f" WHERE {found}", tuple(params))
