"""How the lists put what the store computes in words, for the store's filters to match them
as shown: the Users tab's states, last logins and a user without a plan
(:class:`licscreen.store.ShownAs`), an audit entry's moment and changes
(:class:`licscreen.store.EntryWords`), the System messages' statuses, types and operations
(:class:`licscreen.store.events.EventWords`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

from licscreen.i18n import _, language
from licscreen.present.labels import (
    CHANGE_ARROW,
    CHANGE_NOTHING,
    scope_label,
    status_label,
    user_state_label,
)
from licscreen.present.time import fmt_ago, fmt_time
from licscreen.store import EntryWords, EventScope, EventStatus, ShownAs, UserState
from licscreen.store.events import ADMIN_TYPES, EventWords

NO_PLAN = "—"  # the Plan column of a user without one


@cache
def _recent(lang: str) -> tuple[str, ...]:
    """A last login 0 to 1,439 minutes ago, in words (they depend on how long ago only)."""
    now = datetime(2000, 1, 1)
    return tuple(fmt_ago(now - timedelta(minutes=m), now) for m in range(24 * 60))


@cache
def _days(lang: str, days: int) -> str:
    now = datetime(2000, 1, 1)
    return fmt_ago(now - timedelta(days=days), now)


def users_shown(now: datetime) -> ShownAs:
    """The Users tab's words at ``now``, in the language in use."""
    lang = language()
    return ShownAs({state.value: user_state_label(state.value) for state in UserState},
                   fmt_ago(None, now), _recent(lang), lambda d: _days(lang, d),
                   NO_PLAN, now)


def entries_shown(now: datetime) -> EntryWords:
    """An audit entry as the Audit view shows it at ``now``: the moment in local time, as
    fmt_time puts it ('28 Nov 09:00', the year when not this year's)."""
    def day(value: date) -> str:
        noon = datetime(value.year, value.month, value.day, 12).astimezone()
        return fmt_time(noon, now).removesuffix("12:00")

    return EntryWords(day, "%H:%M", True, CHANGE_NOTHING, CHANGE_ARROW)


def entries_listed() -> EntryWords:
    """An audit entry as ``licscreen audit`` lists it: the moment in UTC, ISO 8601."""
    return EntryWords(lambda day: f"{day.isoformat()}T", "%H:%M:%SZ", False, CHANGE_NOTHING,
                      CHANGE_ARROW)


def event_words() -> EventWords:
    """The System messages' words in the language in use: the statuses, the types, the
    administrator's event types' names, 'system' for an event no user activated."""
    return EventWords(tuple((s.value, status_label(s)) for s in EventStatus),
                      tuple((int(s), scope_label(s)) for s in EventScope),
                      tuple((t.key, t.name, t.label) for t in ADMIN_TYPES if t.label != t.name),
                      _("system"))
