"""The Users tab, the Audit view and the Reclaim view handle as every list does: s/S sort (the
users and the audit in the store) with ▲/▼ and the cursor kept on its row, / is their own filter
line ('!text' excludes) with 'N of M shown', Esc on the list clears it, y copies the row, w
exports the view in the command line's shape, and the view comes back."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from textual.widgets import Input

from licscreen.present.export import USER_FIELDS
from licscreen.present.seat_export import AUDIT_FIELDS, RECLAIM_FIELDS
from licscreen.store import Store, assign_seats, unassign_seats
from licscreen.tui.events.filter_bar import FilterInput
from licscreen.tui.users.audit import AuditScreen
from licscreen.tui.users.reclaim import ReclaimScreen
from licscreen.tui.widgets.export import ExportScreen
from licscreen.tui.widgets.list_view_state import forget_states
from tests.kit.app import export_to, header, rows_of, settle, users_tab
from tests.kit.live import until
from tests.kit.seats import licence_id


async def test_users_sort_by_any_column_in_the_store_and_keep_the_cursors_user(demo_path,
                                                                             make_app):
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        pane = await users_tab(pilot)
        await pilot.press("j", "j")
        kept = pane.table.cursor_key
        await pilot.press("s", "s")  # User ID, then Full name
        await settle(pilot)
        assert "Full name ▲" in header(pane.table)
        names = [r[1] for r in rows_of(pane.table)]
        assert names == sorted(names, key=str.casefold) and names != sorted(
            names, key=lambda n: n)[::-1]
        assert pane.table.cursor_key == kept
        await pilot.press("s", "s", "s", "S")  # Licences, descending
        await settle(pilot)
        assert "▼" in header(pane.table) and pane.handling.view.sort_spec == "-licences"
        held = [int(r[4]) for r in rows_of(pane.table)]
        assert held == sorted(held, reverse=True) and held[0] > held[-1]
        assert pane.table.cursor_key == kept
    store.close()


async def test_the_filter_line_is_the_lists_filter_and_a_bang_excludes(demo_path, make_app):
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        pane = await users_tab(pilot)
        total = pane.table.row_count
        await pilot.press("slash")
        assert pilot.app.focused is pane.query_one(FilterInput)  # one filter, not two
        await pilot.press(*"!sales", "enter")  # the plan: a column the store computes
        await settle(pilot)
        shown = rows_of(pane.table)
        assert 0 < len(shown) < total
        assert all("sales" not in " ".join(r).lower() for r in shown)
        assert pane.table.border_subtitle == f"{len(shown)} of {total} shown"
        assert "filter: !sales" in str(pane.table.border_title)
        assert pane.handling.view.filter == "!sales"
        await pilot.press("escape")  # on the list: the filter cleared
        await settle(pilot)
        assert pane.table.row_count == total and not pane.query_one(FilterInput).value
    store.close()


async def test_y_copies_a_user_and_w_exports_the_view(demo_path, make_app, tmp_path):
    store = Store.open(demo_path)
    target = tmp_path / "users.csv"
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        pane = await users_tab(pilot)
        await pilot.press("s", "s", "s", "S")  # Group, descending
        await settle(pilot)
        await pilot.press("y")
        row = pane.table.row_at(pane.table.cursor)
        assert pilot.app.clipboard.split("\t")[:3] == [c.plain for c in row.cells[:3]]
        await pilot.press("w")
        assert isinstance(pilot.app.screen, ExportScreen)
        pilot.app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        shown = [r[0] for r in rows_of(pane.table)]
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert list(rows[0]) == USER_FIELDS
    assert [r["user_id"] for r in rows] == shown
    store.close()


async def test_the_users_view_comes_back_at_the_next_start(demo_path, make_app):
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        pane = await users_tab(pilot)
        await pilot.press("s", "s", "s", "s", "s", "s", "S")  # Last login, descending
        await pilot.press("slash", "!", "z", "enter")
        await settle(pilot)
    forget_states()
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        pane = await users_tab(pilot)
        assert "Last login ▼" in header(pane.table) or "▼" in header(pane.table)
        assert pane.handling.view.sort_spec == "-last_login"
        assert pane.query_one(FilterInput).value == "!z"
        assert "of" in str(pane.table.border_subtitle)
    store.close()


async def test_the_audit_view_sorts_filters_and_exports_as_licscreen_audit(demo_path, make_app,
                                                                          tmp_path):
    store = Store.open(demo_path)
    windows = licence_id(store, "windows")
    hour = timedelta(hours=1)
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    assign_seats(store, windows, ["SOFIEK"], now=moment)  # entry 1
    unassign_seats(store, windows, ["SOFIEK"], now=moment - hour)  # 2, an hour earlier
    assign_seats(store, windows, ["SOFIEK"], now=moment + hour)  # 3, the latest
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await users_tab(pilot)
        await pilot.press("A")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, AuditScreen)
        assert [r.key for r in map(screen.table.row_at, range(3))] == [3, 2, 1]  # by ID
        await pilot.press("down")
        kept = screen.table.cursor_key
        await pilot.press("s")  # When, the earliest first
        await settle(pilot)
        assert "When ▲" in header(screen.table)
        assert [r.key for r in map(screen.table.row_at, range(3))] == [2, 1, 3]
        assert screen.table.cursor_key == kept
        await pilot.press("S")
        await pilot.press("slash")
        screen.query_one(FilterInput).value = "!not held → held"  # the assigns' changes
        await until(pilot, lambda: screen.table.border_subtitle == "1 of 3 shown")
        assert [r.key for r in map(screen.table.row_at, range(screen.table.row_count))] == [2]
        await pilot.press("escape")
        await until(pilot, lambda: screen.table.row_count == 3)
        await export_to(pilot, tmp_path / "audit.json")
        await export_to(pilot, tmp_path / "audit.csv")
    exported = json.loads((tmp_path / "audit.json").read_text())
    assert [e["id"] for e in exported] == [3, 1, 2]  # the latest first
    assert exported[0]["changes"][0]["subject"] == "SOFIEK: SUPEROFFICE/windows"
    rows = list(csv.DictReader(io.StringIO((tmp_path / "audit.csv").read_text())))
    assert list(rows[0]) == AUDIT_FIELDS  # a row per change, as licscreen audit --csv
    assert [r["id"] for r in rows] == ["3", "3", "1", "1", "2", "2"]
    store.close()


async def test_the_reclaim_view_sorts_within_its_buckets_and_exports_as_reclaim(
        demo_path, make_app, tmp_path):
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await users_tab(pilot)
        await pilot.press("R")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReclaimScreen)
        every = len(screen.shown())
        await pilot.press("s", "S")  # User ID, descending
        await settle(pilot)
        assert "User ID ▼" in header(screen.table)
        rows = rows_of(screen.table)
        headings = [i for i, r in enumerate(rows) if len(r) == 1] + [len(rows)]
        for start, end in pairwise(headings):
            users = [r[1] for r in rows[start + 1:end]]
            assert users == sorted(users, reverse=True)
        await pilot.press("slash", *"!windows", "enter")
        await settle(pilot)
        shown = screen.shown()
        assert 0 < len(shown) < every and all("windows" not in c.description.lower()
                                              for c in shown)
        assert screen.table.border_subtitle == f"{len(shown)} of {every} shown"
        await export_to(pilot, tmp_path / "reclaim.csv")
        await pilot.press("escape")  # on the list: the filter cleared, the view stays
        await settle(pilot)
        assert len(screen.shown()) == every and isinstance(pilot.app.screen, ReclaimScreen)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "reclaim.csv").read_text())))
    assert list(rows[0]) == RECLAIM_FIELDS
    assert [(r["user_id"], r["licence"]) for r in rows] == [(c.user_id, c.licence)
                                                             for c in shown]
    store.close()
