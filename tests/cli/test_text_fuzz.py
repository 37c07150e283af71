"""Fuzz: any text in every stored text field, and no terminal table of the command line shows a
control character (newline aside) or a raw bidi, zero-width or other format character."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.kit.cli import NOW, WIDE, run
from tests.kit.hostile import copy_store, fill_text, hostile_store, texts, unsafe_characters

SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return hostile_store(tmp_path_factory.mktemp("fuzz") / "template.db")


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts())
def test_no_terminal_table_shows_hidden_characters(template: Path, text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = copy_store(template, Path(folder) / "store.db")
        names = fill_text(path, text)
        db = ("--db", str(path))
        for args in (("status", *NOW), ("licences",), ("holders", names["ten-sales-premium"]),
                     ("events", "list", *NOW), ("licence", "pending"), ("licence", "history"),
                     ("usage",)):
            result = run(*args, *db, env={**WIDE, "FORCE_COLOR": "1"})
            assert result.exit_code in (0, 2), (args, result.output)  # 2: a name with a '/'
            assert unsafe_characters(SGR.sub("", result.output), allowed="\n") == [], args
