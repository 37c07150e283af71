"""The audit trail's filter as SQL: a text matches an entry when it is in any column a list
shows of it (its moment as the list puts it, who from where, the command, a change as
'SUBJECT: BEFORE → AFTER'), any case; ``!text``: in none of them.

Over 100,000 entries a keystroke stays quick (docs/scale.md): a text that can only be inside
one value of a change is looked for in the changes as written (the JSON list), not change by
change; and a moment's words are a day's words and the time (``EntryWords``): the days of the
trail whose words hold the text (or end with its start) are found in Python, a few hundred at
most, the time by SQLite itself, so no entry's moment is put in words one by one.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from licscreen.store.sql import like_pattern, to_db_time


@dataclass(frozen=True)
class EntryWords:
    """How a list shows an entry, for a filter to match it as shown: a moment as the words of
    its day (``day``, the local day when ``local``) followed by its time (SQLite's
    ``strftime(time_format)``), and each change as 'SUBJECT: BEFORE → AFTER', ``nothing`` for
    a value there was not."""

    day: Callable[[date], str]
    time_format: str = "%H:%M:%S"
    local: bool = False
    nothing: str = "—"
    arrow: str = " → "


TIME_CHARS = set("0123456789")  # what strftime's %H, %M, %S write
MANY_DAYS = 3_660  # a trail longer than ten years: the days it has, not every day between

STORED = EntryWords(lambda day: f"{day.isoformat()} ")  # as the store keeps it (UTC)

# A change as the lists show it, from an element of the entry's JSON list (``c``); an element
# that is not an object (the file edited by hand) has no words.
CHANGE_WORDS = ("CASE WHEN c.type = 'object' THEN coalesce(json_extract(c.value, '$.subject'), '')"
                " || ': ' || coalesce(json_extract(c.value, '$.before'), ?) || ?"
                " || coalesce(json_extract(c.value, '$.after'), ?) ELSE '' END")
# A text found in the JSON as written (``[{"after":"held","before":null,"subject":"…"}]``) is
# inside one value, as the words show it, unless it is part of the rest: a name, the syntax
# between the strings (a text without a quote is inside one string or between two), or the
# words' own separators (': ' after the subject, ' → ', '—'), which the JSON has not.
BETWEEN_STRINGS = ("[{", "},{", "}]", ":null,", ":null}", "subject", "before", "after")


def _moment_condition(conn: sqlite3.Connection, needle: str, words: EntryWords
                      ) -> tuple[str, list[object]]:
    """Where ``needle`` (folded) is in the moment's words: in its day's, in its time, or
    across them (the day's words ending with its start, the time starting with the rest)."""
    mod = ", 'localtime'" if words.local else ""
    day_sql, time_sql = f"date(at{mod})", f"strftime(?, at{mod})"
    first, last = conn.execute(f"SELECT date(min(at){mod}), date(max(at){mod}) FROM audit"
                               ).fetchone()  # by the index on at
    if first is None:
        return "0", []
    start = date.fromisoformat(first)
    span = range((date.fromisoformat(last) - start).days + 1)
    listed = ([start + timedelta(days=n) for n in span] if len(span) <= MANY_DAYS else
              [date.fromisoformat(row[0]) for row in conn.execute(
                  f"SELECT DISTINCT {day_sql} FROM audit")])  # years apart: those it has
    days = {day.isoformat(): words.day(day).casefold() for day in listed}
    found: list[str] = []
    params: list[object] = []
    if set(needle) <= TIME_CHARS | set(re.sub("%.", "", words.time_format).casefold()):
        found.append(f"{time_sql} LIKE ? ESCAPE '\\'")  # may be in the time
        params += [words.time_format, like_pattern(needle)]
    whole = [day for day, text in days.items() if needle in text]
    if whole:
        found.append(f"{day_sql} IN ({', '.join('?' * len(whole))})")
        params += whole
    for k in range(1, len(needle)):
        ending = [day for day, text in days.items() if text.endswith(needle[:k])]
        if ending:
            found.append(f"({day_sql} IN ({', '.join('?' * len(ending))})"
                         f" AND {time_sql} LIKE ? ESCAPE '\\')")
            params += [*ending, words.time_format, like_pattern(needle[k:])[1:]]
    return " OR ".join(found) or "0", params


def inside_a_value(needle: str, words: EntryWords) -> bool:
    """Whether ``needle`` (folded, stripped), found in the JSON as written, is in a change's
    words, and in them only so."""
    return not ('"' in needle or "\\" in needle or ": " in needle or needle.endswith(":")
                or any(needle in run for run in BETWEEN_STRINGS)
                or any(mark.strip() in needle for mark in (words.nothing, words.arrow)))


def audit_where(conn: sqlite3.Connection, since: datetime | None, text: str | None,
                words: EntryWords | None = None) -> tuple[str, list[object]]:
    """At or after ``since``; ``text`` in any column a list shows (the moment as ``words``
    shows it, else as the store keeps it), any case; ``!text``: in none of them."""
    parts: list[str] = []
    params: list[object] = []
    if since is not None:
        parts.append("at >= ?")
        params.append(to_db_time(since))
    text = (text or "").strip()
    exclude = text.startswith("!")
    needle = (text[1:].strip() if exclude else text).casefold()
    if needle:
        words = words or STORED
        like = "{} LIKE ? ESCAPE '\\'" if needle.isascii() else "fold({}) LIKE ? ESCAPE '\\'"
        pattern = like_pattern(needle)
        found = [like.format(c) for c in ("command", "os_user || '@' || client")]
        params += [pattern, pattern]
        if inside_a_value(needle, words):
            found.append(like.format("changes"))  # inside one value: found as written
            params.append(pattern)
        else:  # change by change, in words; not a list (edited by hand): one, its text
            raw = like.format("changes || ': ' || ? || ? || ?")
            blank = [words.nothing, words.arrow, words.nothing]
            found.append(f"(CASE WHEN NOT json_valid(changes) THEN {raw}"
                         f" WHEN json_type(changes) = 'array' THEN EXISTS (SELECT 1 FROM"
                         f" json_each(changes) c WHERE {like.format(CHANGE_WORDS)})"
                         f" ELSE {raw} END)")
            params += [*blank, pattern, *blank, pattern, *blank, pattern]
        moment, moment_params = _moment_condition(conn, needle, words)
        found.append(moment)
        params += moment_params
        condition = "(" + " OR ".join(found) + ")"  # never NULL: NOT stops at the first match
        parts.append(f"NOT {condition}" if exclude else condition)
    return (" WHERE " + " AND ".join(parts)) if parts else "", params
