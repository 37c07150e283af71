"""The command line documents itself: every command and subcommand has help, and docs/cli.md
covers each one (as sqlite-utils' tests/test_docs.py does for its commands)."""

from __future__ import annotations

import pytest

from licscreen.cli import main
from licscreen.cli.i18n import help_msgid, walk
from tests.kit.cli import DOCS

COMMANDS = {ctx.command_path: command for command, ctx in walk(main, name="licscreen")}


def test_the_command_line_has_every_command():
    assert len(COMMANDS) == 31
    assert {"licscreen status", "licscreen usage import", "licscreen licence trust",
            "licscreen demo licence", "licscreen events delete", "licscreen init"} <= set(COMMANDS)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_has_help(path: str):
    assert help_msgid(COMMANDS[path])


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_is_in_docs_cli(path: str):
    assert path in (DOCS / "cli.md").read_text(encoding="utf-8")
