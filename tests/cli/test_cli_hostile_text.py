"""Hostile text on the command line: the store's text in every terminal table shows no terminal
control and no raw bidi or zero-width character; JSON keeps it exactly; text given to
``events add`` and ``events update`` with such characters is refused, the store unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.kit.cli import NOW, WIDE, assert_one_line_error, run
from tests.kit.hostile import (
    BIDI,
    CSI_8BIT,
    ESC_CLEAR,
    EVERY_HOSTILE,
    HOSTILE,
    ISOLATES,
    OSC_52,
    ZERO_WIDTH,
    copy_store,
    fill_text,
    hostile_store,
    unsafe_characters,
)
from tests.kit.strict import dump_hash

SGR = re.compile(r"\x1b\[[0-9;]*m")  # colour on a terminal: the only escape licscreen writes


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return hostile_store(tmp_path_factory.mktemp("hostile") / "template.db")


def tables(path: Path, names: dict[str, str]) -> list[tuple[str, ...]]:
    """Every command that prints the store's text for people."""
    licence = names["ten-sales-premium"]  # with a '/' in it, refused: the refusal is shown too
    return [("status", *NOW), ("licences",), ("holders", f"SUPEROFFICE/{licence}"),
            ("events", "list", *NOW), ("licence", "pending"), ("licence", "history"),
            ("usage",), ("check",)]


@pytest.mark.parametrize("text", [*HOSTILE, EVERY_HOSTILE], ids=range(len(HOSTILE) + 1))
@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_terminal_tables_show_hostile_text_literally(template: Path, tmp_path: Path,
                                                     text: str, colour: bool):
    path = copy_store(template, tmp_path / "store.db")
    names = fill_text(path, text)
    env = {**WIDE, "FORCE_COLOR": "1"} if colour else {**WIDE, "NO_COLOR": "1"}
    for args in tables(path, names):
        result = run(*args, "--db", str(path), env=env)
        assert result.exit_code in (0, 1, 2), (args, result.output)  # check: 1 is a warning
        out = SGR.sub("", result.output)
        assert unsafe_characters(out, allowed="\n") == [], (args, out)


def test_the_signs_are_the_ones_the_app_shows(template: Path, tmp_path: Path):
    path = copy_store(template, tmp_path / "store.db")
    fill_text(path, f"{ESC_CLEAR} {BIDI} {ZERO_WIDTH}")
    out = run("licences", "--db", str(path), env=WIDE).stdout
    assert "␛[2J␛[?1049l <U+202E>gnp.exe Ad<U+200B>min<U+FEFF><U+2060>" in out


@pytest.mark.parametrize("args", [("licences",), ("events", "list", *NOW), ("status", *NOW)])
def test_json_keeps_the_exact_text(template: Path, tmp_path: Path, args: tuple[str, ...]):
    path = copy_store(template, tmp_path / "store.db")
    fill_text(path, EVERY_HOSTILE)
    result = run(*args, "--db", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert any(EVERY_HOSTILE in value for value in strings(json.loads(result.stdout)))
    assert "\x1b" not in result.stdout  # JSON escapes it: \u001b


def strings(value: object) -> list[str]:
    """Every string in a JSON document."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in strings(item)]


HIDDEN = [("escape", ESC_CLEAR, "U+001B"), ("osc 52", OSC_52, "U+001B"),
          ("csi", CSI_8BIT, "U+009B"), ("bidi", BIDI, "U+202E"),
          ("zero width", ZERO_WIDTH, "U+200B"), ("isolate", ISOLATES, "U+2066"),
          ("bell", "ding\x07", "U+0007"), ("nul", "a\x00b", "U+0000"), ("del", "x\x7f", "U+007F"),
          ("vertical tab", "a\x0bb", "U+000B"), ("line separator", "a\u2028b", "U+2028")]
WRITES = [
    ("add --message", ("events", "add", "--type", "motd", "--message", "{}"), "--message"),
    ("add --description", ("events", "add", "--type", "motd", "--message", "Hi",
                           "--description", "{}"), "--description"),
    ("update --message", ("events", "update", "{id}", "--message", "{}"), "--message"),
    ("update --description", ("events", "update", "{id}", "--description", "{}"),
     "--description"),
]


@pytest.mark.parametrize(("what", "text", "code"), HIDDEN, ids=[h[0] for h in HIDDEN])
@pytest.mark.parametrize(("how", "args", "option"), WRITES, ids=[w[0] for w in WRITES])
def test_text_with_hidden_characters_is_refused(demo_path: Path, what: str, text: str,
                                                code: str, how: str, args: tuple[str, ...],
                                                option: str):
    added = run("events", "add", "--type", "no-travel", "--message", "Plain",
                "--db", str(demo_path), *NOW)
    assert added.exit_code == 0, added.output
    event_id = added.stdout.split()[2].rstrip(":")
    before = dump_hash(demo_path)
    argv = [a.replace("{id}", event_id).replace("{}", f"Hi {text} there") for a in args]
    result = run(*argv, "--db", str(demo_path), *NOW)
    line = assert_one_line_error(result, option, code)
    assert unsafe_characters(line) == []
    assert dump_hash(demo_path) == before


@pytest.mark.parametrize("text", ["tab\there", "two\nlines", "windows\r\nline"])
def test_tabs_and_line_breaks_are_text(demo_path: Path, text: str):
    result = run("events", "add", "--type", "motd", "--scope", "user:BJORNA", "--message", text,
                 "--description", text, "--db", str(demo_path), "--json", *NOW)
    assert result.exit_code == 0, result.output
    event = json.loads(result.stdout)
    assert event["message"] == " ".join(text.split())  # one line
    assert event["description"] == text.replace("\r\n", "\n")  # its lines kept, as LF
