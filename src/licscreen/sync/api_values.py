"""The values of SuperOffice's REST answers, read strictly: a wrong type is a one-line error.

Moments become naive UTC (an answer without an offset is taken as UTC); SuperOffice's zero and
minimum dates (``0001-01-01``, ``1899-12-30`` …: anything before 1901) are ``None``.
"""

from __future__ import annotations

import re
import zlib
from datetime import UTC, date, datetime
from typing import Any

from licscreen.i18n import _
from licscreen.sync.errors import SyncError

_MISSING = object()


def field(row: dict[str, Any], name: str, where: str) -> Any:
    """A required field of ``row``."""
    value = row.get(name, _MISSING)
    if value is _MISSING or value is None:
        raise SyncError(_("{url}: the answer has no {field}").format(url=where, field=name))
    return value


def text(value: Any) -> str:
    """A text value; ``None`` is empty."""
    return "" if value is None else str(value)


def optional_text(value: Any) -> str | None:
    """A text value; ``None`` and empty are ``None``."""
    return None if value in (None, "") else str(value)


def integer(value: Any, name: str, where: str, default: int | None = None) -> int:
    """An integer (a number or its digits); ``None`` is ``default`` or an error."""
    if value is None or value == "":
        if default is not None:
            return default
        raise SyncError(_("{url}: the answer has no {field}").format(url=where, field=name))
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,18}", value.strip()):
        return int(value.strip())
    raise SyncError(_("{url}: {field} is not a number").format(url=where, field=name))


def optional_integer(value: Any, name: str, where: str) -> int | None:
    """An integer or ``None``; 0 is ``None`` (SuperOffice's "nobody")."""
    if value is None or value == "":
        return None
    number = integer(value, name, where)
    return number or None


def flag(value: Any, default: bool = False) -> bool:
    """A boolean as the archives give it: true/false, 1/0, or the words; ``None``: ``default``."""
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "[i:checked]", "checked")
    return False


def moment(value: Any, name: str, where: str) -> datetime | None:
    """An ISO moment as naive UTC; empty and zero dates are ``None``."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise SyncError(_("{url}: {field} is not a date").format(url=where, field=name))
    raw = value.strip()
    if raw.endswith("Z"):
        raw = raw[:-1] + "+00:00"
    head, dot, rest = raw.partition(".")
    if dot:  # .NET writes 7 digits of fractions: keep 6
        digits = len(rest) - len(rest.lstrip("0123456789"))
        rest = rest[:min(digits, 6)] + rest[digits:]
        raw = f"{head}.{rest}" if rest[:1].isdigit() else head + rest
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise SyncError(_("{url}: {field} is not a date").format(url=where, field=name)) from None
    if parsed.tzinfo is not None:
        if parsed.year <= 1900:
            return None
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return None if parsed.year <= 1900 else parsed


def day(value: Any, name: str, where: str) -> date | None:
    """An ISO date (the day of a moment as written, before any time zone); zero is ``None``."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise SyncError(_("{url}: {field} is not a date").format(url=where, field=name))
    try:
        parsed = date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise SyncError(_("{url}: {field} is not a date").format(url=where, field=name)) from None
    return None if parsed.year <= 1900 else parsed


def stable_id(*parts: str) -> int:
    """A positive 31-bit id derived from names, the same on every read (CRC-32 of the parts
    joined by NUL): for rows the REST API gives no id of their own."""
    return zlib.crc32("\0".join(parts).encode("utf-8")) & 0x7FFFFFFF or 1
