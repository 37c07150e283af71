"""How a mirror is named and aged for people (present/mirror.py): the source without scheme,
user, password or query; control characters made visible; 'synced 2 min ago'."""

from __future__ import annotations

from datetime import timedelta

import pytest

from licscreen.present.mirror import is_stale, source_label, synced_ago
from tests.kit.clock import FROZEN


@pytest.mark.parametrize(("source", "label"), [
    ("mssql+pymssql://licscreen@sql01/SuperOffice", "sql01/SuperOffice"),
    ("mssql+pymssql://licscreen:secret@sql01:1433/SuperOffice?x=secret", "sql01:1433/SuperOffice"),
    ("https://user:pw@crm.example.com/SuperOffice", "crm.example.com/SuperOffice"),
    ("https://online.superoffice.com/Cust12345/api/v1", "online.superoffice.com/Cust12345/api/v1"),
    ("sqlite:////srv/copies/so.db", "/srv/copies/so.db"),
    ("sqlite:///so.db", "so.db"),
])
def test_the_source_is_shown_as_host_and_database(source: str, label: str):
    assert source_label(source) == label
    assert "secret" not in source_label(source) and "pw" not in source_label(source)


def test_a_source_with_control_characters_is_one_visible_line():
    label = source_label("https://crm\x1b[31m.example.com/So\nOffice")
    assert "\x1b" not in label and "\n" not in label


@pytest.mark.parametrize(("age", "words", "old"), [
    (timedelta(seconds=0), "synced just now", False),
    (timedelta(seconds=59), "synced just now", False),
    (timedelta(minutes=2), "synced 2 min ago", False),
    (timedelta(hours=1), "synced 1 h ago", False),
    (timedelta(hours=1, seconds=1), "synced 1 h ago", True),
    (timedelta(days=3), "synced 3 days ago", True),
    (timedelta(minutes=-5), "synced just now", False),  # a clock behind the sync's
])
def test_the_sync_age_in_words(age: timedelta, words: str, old: bool):
    synced = FROZEN - age
    assert synced_ago(synced, FROZEN) == words
    assert is_stale(synced, FROZEN) is old


def test_never_synced_is_old():
    assert synced_ago(None, FROZEN) == "never synced" and is_stale(None, FROZEN)
