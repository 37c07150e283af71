"""--sort and --filter on licences, holders, events list and audit: the rows and their order change,
the shape does not; an unknown column is one line naming the columns (exit code 2)."""

from __future__ import annotations

import json

import pytest

from licscreen.cli.formats import HOLDER_FIELDS, LICENCE_FIELDS
from licscreen.store.events import SORT_NAMES
from tests.kit.cli import run


def json_of(demo_path, *args: str):
    result = run("--db", str(demo_path), *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_licences_sort_by_free_descending_within_each_owner(demo_path):
    plain = json_of(demo_path, "licences", "--owner", "superoffice")
    rows = json_of(demo_path, "licences", "--owner", "superoffice", "--sort", "-free")
    assert sorted(map(json.dumps, rows)) == sorted(map(json.dumps, plain))  # the same rows
    counted = [r["free"] for r in rows if r["free"] is not None]
    assert counted == sorted(counted, reverse=True)
    assert rows[-1]["free"] is None  # unrestricted: no counter, last
    assert set(rows[0]) == set(LICENCE_FIELDS)


def test_licences_filter_keeps_rows_with_the_text_and_bang_the_others(demo_path):
    every = json_of(demo_path, "licences")
    sales = json_of(demo_path, "licences", "--filter", "SALES")
    others = json_of(demo_path, "licences", "--filter", "!sales")
    assert sales and all(any("sales" in str(v).lower() for v in r.values()) for r in sales)
    assert len(sales) + len(others) == len(every)


def test_holders_sort_by_name_and_csv_keeps_its_header(demo_path):
    rows = json_of(demo_path, "holders", "ten-sales-premium", "--sort", "full_name")
    names = [r["full_name"].casefold() for r in rows]
    assert names == sorted(names) and len(names) > 5
    result = run("--db", str(demo_path), "holders", "ten-sales-premium", "--sort=-valid_from",
                 "--csv")
    assert result.output.splitlines()[0] == ",".join(HOLDER_FIELDS)


@pytest.mark.parametrize("command", [["licences"], ["holders", "ten-sales-premium"],
                                     ["events", "list"]])
def test_an_unknown_column_is_refused_with_the_columns(demo_path, command):
    result = run("--db", str(demo_path), *command, "--sort", "-size")
    assert result.exit_code == 2
    assert "unknown column '-size' (columns: " in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("column", SORT_NAMES)
def test_events_list_sorts_by_every_column_either_way(demo_path, column):
    every = json_of(demo_path, "events", "list")
    for descending in (False, True):
        spec = ("-" if descending else "") + column
        rows = json_of(demo_path, "events", "list", "--sort", spec)
        assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in every)
        keys = [event_key(r, column) for r in rows]
        assert keys == sorted(keys, reverse=descending), spec


def event_key(row, column):
    """The order --sort promises, from the JSON (ends: none last ascending)."""
    value = {"activated_by": row["activated_by"] or "", "ends": row["ends"] or "9999",
             "scope": ["system", "database", "group", "user"].index(row["scope"])}.get(
        column, row.get(column))
    return (value.casefold() if isinstance(value, str) else value, row["id"])


def test_events_list_filter_and_its_inverse_split_the_events(demo_path):
    every = json_of(demo_path, "events", "list")
    some = json_of(demo_path, "events", "list", "--filter", "import")
    rest = json_of(demo_path, "events", "list", "--filter", "!import")
    assert some and rest
    assert sorted(r["id"] for r in some + rest) == sorted(r["id"] for r in every)
    assert all("import" not in (r["name"] + r["message"]).lower() for r in rest)


def test_the_events_csv_columns_are_the_json_fields_in_order(demo_store):
    from datetime import UTC, datetime

    from licscreen.present.export import EVENT_FIELDS, event_json
    from licscreen.store.events import EventFilter, events

    first = events(demo_store, EventFilter(), 0, 1)[0]
    assert list(event_json(first, datetime(2026, 12, 1, tzinfo=UTC))) == EVENT_FIELDS


def test_audit_sorts_by_a_column_and_filters_with_a_bang(demo_path):
    db = str(demo_path)
    for args in (("assign", "windows", "SOFIEK"), ("unassign", "windows", "SOFIEK"),
                 ("events", "add", "--type", "no-login", "--scope", "user:SOFIEK",
                  "--message", "Not yet")):
        assert run(*args, "--db", db).exit_code == 0
    newest = json_of(demo_path, "audit")
    assert [e["id"] for e in newest] == [3, 2, 1]
    by_command = json_of(demo_path, "audit", "--sort", "command")
    assert [e["command"] for e in by_command] == sorted(e["command"] for e in newest)
    assert [e["id"] for e in json_of(demo_path, "audit", "--sort", "-command")] == [
        e["id"] for e in reversed(by_command)]
    assert [e["id"] for e in json_of(demo_path, "audit", "--sort", "at")] == [1, 2, 3]
    assert [e["command"] for e in json_of(demo_path, "audit", "--filter", "ASSIGN")] == [
        "licscreen unassign", "licscreen assign"]
    assert [e["command"] for e in json_of(demo_path, "audit", "--filter", "!assign")] == [
        "licscreen events add"]
    refused = run("--db", db, "audit", "--sort", "size")
    assert refused.exit_code == 2
    assert "unknown column 'size' (columns: id, at, os_user, client, command)" in refused.output
