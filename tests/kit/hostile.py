"""Hostile text: a store with it in every stored text field, and what may not reach a terminal.

``hostile_store(path)`` makes a demo store with a licence activated and one waiting (so that
the licence history and pending have rows), and ``fill_text(path, text)`` writes ``text`` into
every text field a person is shown: owners, licences, users, groups, holders' comments, the
installation, plan restrictions, events, services, activations and waiting licences. Fields
that must stay unique begin with the row's ID (SQLite compares text without case only
up to a NUL character).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

from licscreen.store import create_store
from tests.kit.cli import NOW, run
from tests.kit.clock import FROZEN

ESC_CLEAR = "\x1b[2J\x1b[?1049l"  # clears the screen, leaves the alternate screen
OSC_52 = "\x1b]52;c;QUJD\x1b\\"  # writes "ABC" to the administrator's clipboard
CSI_8BIT = "\x9b31m"  # the one-byte CSI
BIDI = "\u202egnp.exe"  # shown as 'exe.png' where bidi overrides work
ZERO_WIDTH = "Ad\u200bmin\ufeff\u2060"
ISOLATES = "\u2066a\u2067b\u2068c\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d"
HOSTILE = (ESC_CLEAR, OSC_52, CSI_8BIT, BIDI, ZERO_WIDTH, ISOLATES,
           "bell\x07 bs\x08 del\x7f nul\x00 cr\r", "[bold red]markup[/] [/]")
EVERY_HOSTILE = " ".join(HOSTILE)

HIDING = ("Cc", "Cf", "Zl", "Zp")  # controls, format characters, line and paragraph separators


def unsafe_characters(output: str, *, allowed: str = "") -> list[str]:
    """The control and invisible characters ``output`` holds (by Unicode's categories, not by
    licscreen's list), but those ``allowed``."""
    return [char for char in output if not char.isprintable() and char not in allowed
            and unicodedata.category(char) in HIDING]


def hostile_store(path: Path) -> Path:
    """A demo store at ``path`` with an activated licence and a waiting one."""
    create_store(path, demo=True, now=FROZEN).close()
    db = ("--db", str(path))
    for name, options in (("raised.json", ("--no-lower",)), ("lowered.json", ())):
        out = path.with_name(name)
        result = run("demo", "licence", *db, "--out", str(out), *options, *NOW)
        assert result.exit_code == 0, result.output
        result = run("licence", "load", str(out), *db, *NOW)
        assert result.exit_code == 0, result.output
    return path


def copy_store(template: Path, path: Path) -> Path:
    shutil.copyfile(template, path)
    return path


def fill_text(path: Path, text: str) -> dict[str, str]:
    """``text`` in every stored text field of the store at ``path``; returns the licences'
    new code names by their old ones."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            return _fill(conn, text)
    finally:
        conn.close()


def _fill(conn: sqlite3.Connection, text: str) -> dict[str, str]:
    # Each row's own value is made here: SQLite's || stops at a NUL character.
    def each(table: str, key: str, sql: str, *values: Any) -> None:
        for (row,) in conn.execute(f"SELECT {key} FROM {table}").fetchall():
            conn.execute(sql, (*[v(row) if callable(v) else v for v in values], row))

    each("owner", "name", "UPDATE owner SET description = ?, company_name = ?,"
         " serial_number = ?, product_description = ? WHERE name = ?",
         lambda name: f"{text} {name}", text, text, text)
    names = {}
    for licence_id, name in conn.execute("SELECT id, name FROM module_licence").fetchall():
        names[name] = f"{licence_id}{text}"
        conn.execute("UPDATE module_licence SET name = ?, description = ?, tooltip = ?"
                     " WHERE id = ?", (names[name], f"{licence_id} {text}", text, licence_id))
    for old, new in names.items():
        conn.execute("UPDATE module_licence SET prerequisite = ? WHERE prerequisite = ?",
                     (new, old))
    each("user_group", "id", "UPDATE user_group SET name = ? WHERE id = ?",
         lambda row: f"{row} {text}")
    logged_in = conn.execute("SELECT user.id FROM installation JOIN user"
                             " ON user.user_id = installation.logged_in_user").fetchone()
    each("user", "id", "UPDATE user SET user_id = ?, full_name = ? WHERE id = ?",
         lambda row: f"{row}{text}", text)
    if logged_in:  # the same user, by the new ID
        conn.execute("UPDATE installation SET logged_in_user = ?", (f"{logged_in[0]}{text}",))
    conn.execute("UPDATE licence_user SET comment = ?", (text,))
    conn.execute("UPDATE installation SET owner = ?, serial_number = ?, database_type = ?,"
                 " subscription = ?, plan = ?, currency = ?", (text, text, text, text, text, text))
    each("plan_restriction", "id", "UPDATE plan_restriction SET name = ? WHERE id = ?",
         lambda row: f"{row} {text}")
    conn.execute("UPDATE system_event SET name = ?, message = ?, description = ?",
                 (text, text, text))
    conn.execute("UPDATE metered_service SET name = ?", (text,))
    conn.execute("UPDATE pending_licence SET loaded_by = ?", (text,))
    for row_id, changes in conn.execute("SELECT id, changes FROM licence_activation").fetchall():
        conn.execute("UPDATE licence_activation SET activated_by = ?, changes = ? WHERE id = ?",
                     (text, json.dumps(_described(json.loads(changes), text)), row_id))
    return names


def _described(value: Any, text: str) -> Any:
    """A licence's changes with every description replaced by ``text``."""
    if isinstance(value, dict):
        return {key: text if key == "description" else _described(item, text)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_described(item, text) for item in value]
    return value


def texts():
    """Hypothesis: any text (surrogates aside), and text made of the characters that hide
    what it says, of escape sequences and of markup."""
    from hypothesis import strategies as st

    hiding = st.sampled_from(
        ["\x1b", "\x9b", "\x07", "\x00", "\x7f", "\x85", "\r", "\n", "\t", "\x0b", "\u202e",
         "\u202d", "\u2066", "\u2069", "\u200b", "\u200d", "\u2060", "\ufeff", "\u2028",
         "\u00ad", "\U000e0041", "[", "]", "/", "\\", "[b]", "[/]", "a", " ", "Å", "日",
         *HOSTILE])
    anything = st.characters(codec="utf-8")
    return st.one_of(st.text(anything, max_size=40),
                     st.lists(hiding, max_size=12).map("".join),
                     st.lists(st.one_of(hiding, st.text(anything, max_size=3)),
                              max_size=10).map("".join))
