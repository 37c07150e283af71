"""The demo's seat history (``data/demo/history.toml``): twelve months of days up to ``today``.

Steps are counted in days before the data's ``as_of``, which is today once the data is rebased,
so the history ends on today's figures however the clock is set (snapshot tests freeze it).
"""

from __future__ import annotations

import sqlite3
import tomllib
from datetime import date, timedelta
from pathlib import Path

from licscreen.i18n import _
from licscreen.store.errors import DataFileError

YEAR = 365


def _steps(value: object, path: Path, where: str) -> list[tuple[int, int]]:
    if not isinstance(value, list) or not all(
            isinstance(s, list) and len(s) == 2 and all(isinstance(n, int) for n in s)
            for s in value):
        raise DataFileError(f"{path}:{where}: " + _("steps must be [days before, figure] pairs"))
    return sorted(((int(s[0]), int(s[1])) for s in value), reverse=True)


def _at(steps: list[tuple[int, int]], ago: int) -> int:
    """The figure ``ago`` days back: its last step on or before then (the first before it)."""
    figure = steps[0][1]
    for step_ago, value in steps:
        if step_ago < ago:
            break
        figure = value
    return figure


def load_history(conn: sqlite3.Connection, folder: Path, today: date) -> None:
    """Replace the store's seat history with the demo's, ending on ``today``'s figures."""
    path = folder / "history.toml"
    try:
        with path.open("rb") as file:
            stories = tomllib.load(file).get("licences", [])
    except FileNotFoundError:
        stories = []
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"{path}: {error}") from None
    licences = {f"{owner}/{name}": (lid, in_use, total) for lid, owner, name, in_use, total in
                conn.execute("""SELECT id, owner, name, (SELECT count(*) FROM licence_user
                                WHERE licence_id = id), total FROM module_licence""")}
    told: dict[int, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
    for index, story in enumerate(stories):
        where = f"licences[{index}]"
        found = licences.get(str(story.get("licence")))
        if found is None:
            raise DataFileError(f"{path}:{where}: " + _("unknown licence '{name}'").format(
                name=story.get("licence")))
        told[found[0]] = (_steps(story.get("in_use", []), path, where),
                          _steps(story.get("total", []), path, where))
    rows = []
    for lid, in_use, total in licences.values():
        used, totals = told.get(lid, ([], []))
        used, totals = used or [(YEAR, in_use)], totals or [(YEAR, total)]
        for ago in sorted({YEAR, *(a for a, _f in used + totals)}, reverse=True):
            if ago > 0:
                day = (today - timedelta(days=ago)).isoformat()
                rows.append((lid, day, _at(used, ago), _at(totals, ago)))
        rows.append((lid, today.isoformat(), in_use, total))
    conn.execute("DELETE FROM licence_usage_day")
    conn.executemany("INSERT INTO licence_usage_day (licence_id, day, in_use, total)"
                     " VALUES (?, ?, ?, ?)", rows)
