"""One sort and filter syntax for every list (present/listing.py): what --sort and the app's
keys accept, and what a filter lets through."""

from __future__ import annotations

import pytest

from licscreen.present.listing import (
    ListView,
    TextFilter,
    UnknownColumn,
    apply_view,
    parse_sort,
    sort_items,
)

NAMES = ["user_id", "full_name", "valid_to"]


def test_a_sort_names_a_column_and_a_leading_minus_turns_it_round():
    assert parse_sort("full_name", NAMES) == ("full_name", False)
    assert parse_sort("-full_name", NAMES) == ("full_name", True)
    assert parse_sort("Full-Name", NAMES) == ("full_name", False)
    assert parse_sort("", NAMES) == (None, False)


def test_an_unknown_column_is_refused_naming_the_columns_there_are():
    with pytest.raises(UnknownColumn) as refused:
        parse_sort("-size", NAMES)
    assert str(refused.value) == "unknown column '-size' (columns: user_id, full_name, valid_to)"


def test_a_filter_matches_any_column_ignoring_case_and_a_bang_excludes():
    assert TextFilter.parse("ann").matches(["ANNE", "x"])
    assert not TextFilter.parse("ann").matches(["bob", "x"])
    assert TextFilter.parse("!ann").matches(["bob", "x"])
    assert not TextFilter.parse("!ann").matches(["x", "Hanne"])
    assert TextFilter.parse("!").matches(["anything"])  # nothing to exclude yet


def test_rows_without_a_value_come_last_either_way():
    rows = [("a", 2), ("b", None), ("c", 1)]
    assert [r[0] for r in sort_items(rows, lambda r: r[1])] == ["c", "a", "b"]
    assert [r[0] for r in sort_items(rows, lambda r: r[1], descending=True)] == ["a", "c", "b"]


def test_text_sorts_without_regard_to_case_and_groups_keep_their_order():
    rows = [("sys", "beta"), ("user", "Alpha"), ("sys", "Alpha"), ("user", "beta")]
    ordered = sort_items(rows, lambda r: r[1], descending=True, group=lambda r: r[0] != "sys")
    assert ordered == [("sys", "beta"), ("sys", "Alpha"), ("user", "beta"), ("user", "Alpha")]


def test_a_view_filters_then_sorts():
    rows = [{"n": "Anne", "v": 3}, {"n": "Bob", "v": 1}, {"n": "Hanne", "v": 2}]
    view = ListView("v", True, "ann")
    shown = apply_view(rows, view, texts=lambda r: [r["n"], str(r["v"])],
                       keys={"v": lambda r: r["v"]})
    assert [r["n"] for r in shown] == ["Anne", "Hanne"]
    assert view.sort_spec == "-v"
