"""Text from a store, a file or a server as plain text for people: nothing hidden in it.

Text from the store is data, never markup or terminal control. :func:`clean` shows every
character that would hide what a text says (:data:`licscreen.store.models.HIDDEN_CHARACTER`)
as a visible sign, so that nothing reaches the terminal as control and nothing is spoofed:

- C0 controls as Unicode's control pictures (ESC as ``␛``, BEL as ``␇``), DEL as ``␡``;
- C1 controls, bidi overrides and isolates, zero-width and other format characters, and the
  line and paragraph separators as their code point, as ``less`` shows them: ``<U+202E>``.

Tab and newline are text: one-line text folds them (and CR) to one space; longer text keeps
its lines (CR LF as LF) and shows a tab as four spaces. Plain strings, no Rich: ``check``, CSV
and the Rich front ends (``licscreen.render.text.safe``) all go through it.
"""

from __future__ import annotations

import re

from licscreen.store.models import CONTROL_CHARACTERS, FORMAT_CHARACTERS, HIDDEN_CHARACTER

_SHOWN = re.compile(f"(?!\n)[{CONTROL_CHARACTERS}{FORMAT_CHARACTERS}]")  # newline is text
_NEWLINES = re.compile(r"[\t\r\n]+")
DEL_PICTURE = "\u2421"  # ␡


def visible(char: str) -> str:
    """How :func:`clean` shows one hidden character: ``␛`` for ESC, ``<U+202E>``."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: the control pictures
    if code == 0x7F:
        return DEL_PICTURE
    return f"<U+{code:04X}>"


def _visible(match: re.Match[str]) -> str:
    return visible(match.group())


def clean(value: object, *, one_line: bool = False) -> str:
    """``value`` as plain text for people: every control and invisible character shown."""
    text = "" if value is None else str(value)
    if text.isprintable():  # the usual case: nothing to show
        return text
    if one_line:
        text = _NEWLINES.sub(" ", text)
    else:
        text = text.replace("\r\n", "\n").replace("\t", "    ")
    return _SHOWN.sub(_visible, text)


def is_clean(value: str, *, allowed: str = "") -> bool:
    """Whether ``value`` holds no hidden character but those in ``allowed`` (say, newline)."""
    return all(char in allowed for char in HIDDEN_CHARACTER.findall(value))


def initials(full_name: str) -> str:
    """'Kari Nordmann' as 'KN', 'Kari' as 'KA', nothing usable as '?'."""
    words = HIDDEN_CHARACTER.sub("", _NEWLINES.sub(" ", full_name or "")).split()
    parts = [p for p in words if p[:1].isalpha()]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()
