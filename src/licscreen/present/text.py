"""Text from a store, a file or a server as plain text for people: no control characters.

Text from the store is data, never markup or terminal control: :func:`clean` strips C0 and C1
control characters (escape sequences among them). Plain strings, no Rich: ``check``, CSV and
the Rich front ends all go through it.
"""

from __future__ import annotations

import re

# C0 and C1 control characters and DEL, except tab and newline (which we fold to spaces in
# one-line cells); with ESC gone, no escape sequence can reach the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"[\t\r\n]+")


def clean(value: object, *, one_line: bool = False) -> str:
    """``value`` as plain text, without control characters."""
    text = _CONTROL.sub("", "" if value is None else str(value))
    return _NEWLINES.sub(" ", text) if one_line else text.replace("\t", "    ")


def initials(full_name: str) -> str:
    """'Kari Nordmann' as 'KN', 'Kari' as 'KA', nothing usable as '?'."""
    parts = [p for p in clean(full_name, one_line=True).split() if p[:1].isalpha()]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()
