"""Store text as Rich text, shown literally, and the initials badge.

:func:`safe` returns a :class:`rich.text.Text`, which never parses markup, made from
:func:`licscreen.present.text.clean`, which strips escape sequences.
"""

from __future__ import annotations

import zlib

from rich.text import Text

from licscreen.present.text import clean, initials

BADGE_COLOURS = (
    "#3b82f6", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6",
    "#ec4899", "#14b8a6", "#f97316", "#6366f1", "#84cc16",
)


def safe(value: object, style: str = "", *, one_line: bool = False) -> Text:
    """Store text as a renderable shown literally: no markup, no escapes."""
    return Text(clean(value, one_line=one_line), style=style, end="")


def badge(user_id: str, full_name: str | None) -> Text:
    """A coloured initials badge: the small portrait of the Activated by column."""
    colour = BADGE_COLOURS[zlib.crc32(user_id.encode()) % len(BADGE_COLOURS)]
    return Text(f"{initials(full_name or user_id):2}", style=f"bold white on {colour}", end="")
