"""Moments, durations and days left as people read them, in the current language."""

from __future__ import annotations

from datetime import datetime

from licscreen.i18n import _, ngettext
from licscreen.i18n.l10n import fmt_date as fmt_date
from licscreen.i18n.l10n import fmt_moment


def fmt_time(value: datetime | None, now: datetime | None = None) -> str:
    """A moment in local time; the year only when it is not this year."""
    if value is None:
        return ""
    local = value.astimezone()
    return fmt_moment(local, with_year=now is None or local.year != now.astimezone().year)


def fmt_duration(minutes: int) -> str:
    """``minutes`` as '3 min', '2 h 15 min', '4 days'."""
    minutes = abs(minutes)
    if minutes < 60:
        return _("{n} min").format(n=minutes)
    if minutes < 48 * 60:
        hours, rest = divmod(minutes, 60)
        if rest:
            return _("{h} h {m} min").format(h=hours, m=rest)
        return _("{h} h").format(h=hours)
    days = minutes // (24 * 60)
    return ngettext("{n} day", "{n} days", days).format(n=days)


def fmt_until(moment: datetime, now: datetime) -> str:
    """'in 12 min' before ``moment``, 'overdue 3 min' after it."""
    minutes = int((moment - now).total_seconds() // 60)
    if minutes >= 0:
        return _("in {duration}").format(duration=fmt_duration(minutes))
    return _("overdue {duration}").format(duration=fmt_duration(-minutes))


def fmt_days_left(days: int) -> str:
    """'12 days left', 'expires today', 'expired 3 days ago'."""
    if days > 0:
        return ngettext("{n} day left", "{n} days left", days).format(n=days)
    if days == 0:
        return _("expires today")
    return ngettext("expired {n} day ago", "expired {n} days ago", -days).format(n=-days)


def fmt_ago(moment: datetime | None, now: datetime) -> str:
    """How long ago: 'never', 'just now', '5 min ago', '3 h ago', '3 days ago'."""
    if moment is None:
        return _("never")
    minutes = max(0, int((now - moment).total_seconds() // 60))
    if minutes < 1:
        return _("just now")
    if minutes < 24 * 60:
        return _("{duration} ago").format(duration=fmt_duration(minutes))
    days = minutes // (24 * 60)
    return ngettext("{n} day ago", "{n} days ago", days).format(n=days)
