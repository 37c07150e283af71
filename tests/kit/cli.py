"""What the command-line tests share: ``licscreen`` run in-process, its JSON, its one-line
errors, and the JSON types that docs/json-formats.md documents."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click
from click.testing import CliRunner, Result

from licscreen.cli import main
from licscreen.cli.i18n import walk
from tests.kit.clock import FROZEN

DOCS = Path(__file__).resolve().parents[2] / "docs"
NOW = ("--now", FROZEN.isoformat())  # the frozen moment, for the commands that take --now
WIDE = {"COLUMNS": "200"}


def run(*args: str, env: Mapping[str, str | None] | None = None, stdin: str | None = None,
        catch_exceptions: bool = False) -> Result:
    """``licscreen ARGS``, in this process; an exception the command lets out fails the test."""
    return CliRunner().invoke(main, list(args), input=stdin, env=env, prog_name="licscreen",
                              catch_exceptions=catch_exceptions)


def commands() -> dict[str, tuple[click.Command, click.Context]]:
    """Every command and group of the command line by its path ("licscreen licence load"),
    loaded as click loads them, with its context (``ctx.parent`` up to the main group)."""
    return {ctx.command_path: (command, ctx) for command, ctx in walk(main, name="licscreen")}


def takes(command: click.Command, name: str) -> bool:
    """Whether ``command`` has a parameter called ``name`` (``db``, ``now``)."""
    return any(param.name == name for param in command.params)


def json_of(*args: str, env: dict[str, str] | None = None) -> Any:
    """What ``licscreen ARGS --json`` writes, read; the command must succeed."""
    result = run(*args, "--json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_one_line_error(result: Result, *fragments: str) -> str:
    """The refusal every command gives: one line on stderr naming what is wrong, nothing on
    stdout, exit code 2. Returns the line."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("licscreen: "), result.stderr
    assert "Traceback" not in result.output and result.stdout == ""
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def is_a(value: object, kind: str) -> bool:
    """Whether ``value`` is of a type docs/json-formats.md names ("integer", "date or null")."""
    checks = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
        "date": lambda v: isinstance(v, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", v),
        "moment": lambda v: isinstance(v, str)
        and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", v),
    }
    base, _, null = kind.partition(" or ")
    return (null == "null" and value is None) or bool(checks[base](value))


def documented_fields() -> dict[str, dict[str, str]]:
    """Every '### `path`' section's table of docs/json-formats.md, as {field: type}."""
    sections: dict[str, dict[str, str]] = {}
    current = None
    for line in (DOCS / "json-formats.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"### `([^`]+)`", line)
        if heading:
            current = sections.setdefault(heading.group(1), {})
        row = re.match(r"\| `(\w+)` \| ([a-z ]+) \|", line)
        if row and current is not None:
            current[row.group(1)] = row.group(2).strip()
    return sections
