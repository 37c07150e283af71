"""Turning store values into text a person reads. Rich only: the CLI shares this.

Text from the store is data, never markup: :func:`safe` strips control characters (terminal
escape sequences among them) and returns a :class:`rich.text.Text`, which never parses markup.
"""

from __future__ import annotations

import re
import zlib
from datetime import datetime

from rich.text import Text

from licscreen.i18n import _, ngettext
from licscreen.l10n import fmt_date as fmt_date
from licscreen.l10n import fmt_moment

# C0 and C1 control characters and DEL, except tab and newline (which we fold to spaces in
# one-line cells); with ESC gone, no escape sequence can reach the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"[\t\r\n]+")


def clean(value: object, *, one_line: bool = False) -> str:
    """``value`` as plain text, without control characters."""
    text = _CONTROL.sub("", "" if value is None else str(value))
    return _NEWLINES.sub(" ", text) if one_line else text.replace("\t", "    ")


def safe(value: object, style: str = "", *, one_line: bool = False) -> Text:
    """Store text as a renderable shown literally: no markup, no escapes."""
    return Text(clean(value, one_line=one_line), style=style, end="")


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
    if days > 0:
        return ngettext("{n} day left", "{n} days left", days).format(n=days)
    if days == 0:
        return _("expires today")
    return ngettext("expired {n} day ago", "expired {n} days ago", -days).format(n=-days)


BADGE_COLOURS = (
    "#3b82f6", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6",
    "#ec4899", "#14b8a6", "#f97316", "#6366f1", "#84cc16",
)


def initials(full_name: str) -> str:
    parts = [p for p in clean(full_name, one_line=True).split() if p[:1].isalpha()]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()


def badge(user_id: str, full_name: str | None) -> Text:
    """A coloured initials badge: the small portrait of the Activated by column."""
    colour = BADGE_COLOURS[zlib.crc32(user_id.encode()) % len(BADGE_COLOURS)]
    return Text(f"{initials(full_name or user_id):2}", style=f"bold white on {colour}", end="")
