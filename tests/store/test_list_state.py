"""The lists' views kept per store (store/list_state.py): written whole or not at all, read back,
and a damaged file ignored with a notice, never an exception."""

from __future__ import annotations

import json
import os

import pytest

from licscreen.store import ListStates, store_key


def test_a_view_is_kept_per_store_and_list_and_read_back(tmp_path):
    path = tmp_path / "state" / "lists.json"
    states = ListStates.load(path)
    assert states.notice is None and states.get("a.db", "holders") is None
    assert states.put("/x/a.db", "holders", "-full_name", "!anne")
    assert states.put("/x/b.db", "holders", "", "")  # the list's own view: nothing kept
    again = ListStates.load(path)
    assert again.get("/x/a.db", "holders") == ("-full_name", "!anne")
    assert again.get("/x/b.db", "holders") is None
    assert [p.name for p in path.parent.iterdir()] == ["lists.json"]  # no temporary left


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b"[]", b'{"version": 9}',
                                     b'{"version": 1, "stores": {"a": {"l": {"sort": 3}}}}',
                                     b"x" * 2_000_000])
def test_a_damaged_file_is_ignored_with_a_notice_and_replaced_on_the_next_change(tmp_path,
                                                                                 content):
    path = tmp_path / "lists.json"
    path.write_bytes(content)
    states = ListStates.load(path)
    assert states.notice and "damaged" in states.notice
    assert states.get("a", "l") is None
    assert states.put("a", "l", "name", "")
    assert json.loads(path.read_text())["stores"] == {"a": {"l": {"filter": "", "sort": "name"}}}


def test_a_file_that_cannot_be_written_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    states = ListStates.load(blocker / "lists.json")  # its folder is a file
    assert states.notice == "The list views were not read: Not a directory"
    assert states.put("a", "l", "name", "") is False


def test_a_write_replaces_the_file_in_one_step(tmp_path, monkeypatch):
    path = tmp_path / "lists.json"
    ListStates.load(path).put("a", "l", "name", "")
    before = path.read_bytes()

    def fail(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    assert ListStates.load(path).put("a", "l", "-name", "x") is False
    assert path.read_bytes() == before  # the old file whole
    assert [p.name for p in tmp_path.iterdir()] == ["lists.json"]


def test_a_store_is_named_by_its_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from pathlib import Path

    assert store_key(Path("licscreen.db")) == str(tmp_path / "licscreen.db")
