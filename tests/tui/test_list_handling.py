"""Every list handles the same (tui/widgets/list_view_state.py): s/S and a header click sort with
▲/▼ and the cursor kept on its row, / filters ('!text' excludes) with 'N of M shown', Esc
clears, y copies the row, w exports the view in the CLI's format, and the view comes back at
the next start."""

from __future__ import annotations

import csv
import io
import json

from textual.widgets import Input

from licscreen.store import Store
from licscreen.store.models import SUPEROFFICE
from licscreen.tui.licences.detail import LicenceDetail
from licscreen.tui.licences.owner_pane import OwnerPane
from licscreen.tui.widgets.confirm import ConfirmScreen
from licscreen.tui.widgets.export import ExportScreen
from licscreen.tui.widgets.filter_prompt import FilterPrompt
from licscreen.tui.widgets.list_view_state import forget_states
from licscreen.tui.widgets.paged_table import PagedTable
from tests.kit.app import header, rows_of, screen_text, settle, system_messages


def licence_rows(app) -> list[list[str]]:
    return rows_of(app.query_one(OwnerPane).table)


async def test_licences_sort_within_their_groups_and_the_cursor_keeps_its_row(demo_path,
                                                                             make_app):
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app = pilot.app
        table = app.query_one(OwnerPane).table
        table.focus()
        await pilot.press("j", "j", "j")
        kept = table.cursor_key
        await pilot.press("s", "s")  # the list's own order, then Licence, then In use
        await settle(pilot)
        assert "In use ▲" in header(table) or "In us▲" in header(table)
        rows = licence_rows(app)
        groups = [i for i, r in enumerate(rows) if len(r) == 1]
        assert [rows[i][0] for i in groups] == ["System licences", "User licences"]
        for start, end in ((groups[0] + 1, groups[1]), (groups[1] + 1, len(rows))):
            used = [int(r[1]) for r in rows[start:end] if r[1]]
            assert used == sorted(used)
        assert table.cursor_key == kept  # the same licence, wherever it went
        await pilot.press("S")
        await settle(pilot)
        assert "▼" in header(table)
        user = [int(r[1]) for r in licence_rows(app)[groups[1] + 1:] if r[1]]
        assert user == sorted(user, reverse=True)
    store.close()


async def test_a_click_on_a_header_sorts_by_it_and_again_the_other_way(demo_path, make_app):
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = pilot.app.query_one(OwnerPane).table
        free = next(i for i, c in enumerate(table.columns) if c.label == "Free")
        x = sum(w + 1 for i, w in table._columns_for(table.scrollable_content_region.width)
                if i < free) + 1
        await pilot.click(table, offset=(x + 1, 1))  # the border, then the header line
        await settle(pilot)
        assert "▲" in header(table) and pilot.app.query_one(OwnerPane).handling.view.sort == "free"
        await pilot.click(table, offset=(x + 1, 1))
        await settle(pilot)
        assert pilot.app.query_one(OwnerPane).handling.view.sort_spec == "-free"
    store.close()


async def test_a_filter_shows_n_of_m_excludes_with_a_bang_and_esc_clears_it(demo_path,
                                                                            make_app):
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app = pilot.app
        table = app.query_one(OwnerPane).table
        table.focus()
        every = [r for r in licence_rows(app) if len(r) > 1]
        await pilot.press("slash")
        assert isinstance(app.screen, FilterPrompt)
        await pilot.press(*"sales", "enter")
        await settle(pilot)
        shown = [r for r in licence_rows(app) if len(r) > 1]
        assert shown and all("sales" in r[0].lower() for r in shown)
        assert table.border_subtitle == f"{len(shown)} of {len(every)} shown"
        assert "filter: sales" in str(table.border_title)
        await pilot.press("slash")
        app.screen.query_one(Input).value = "!sales"
        await pilot.press("enter")
        await settle(pilot)
        rest = [r for r in licence_rows(app) if len(r) > 1]
        assert len(rest) + len(shown) == len(every)
        await pilot.press("escape")
        await settle(pilot)
        assert len([r for r in licence_rows(app) if len(r) > 1]) == len(every)
        assert not table.border_subtitle
    store.close()


async def test_y_copies_the_row_under_the_cursor_as_tab_separated_text(demo_path, make_app):
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = pilot.app.query_one(OwnerPane).table
        table.focus()
        await pilot.press("y")
        row = table.row_at(table.cursor)
        assert pilot.app.clipboard == "\t".join(row.cells[i].plain for i in range(4))
        assert pilot.app.clipboard.count("\t") == 3  # the trend column is not shown at 100
    store.close()


async def test_w_exports_the_view_in_the_clis_format_and_asks_before_overwriting(
        demo_path, make_app, tmp_path):
    store = Store.open(demo_path)
    target = tmp_path / "out.csv"
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app = pilot.app
        table = app.query_one(OwnerPane).table
        table.focus()
        await pilot.press("s", "s", "s", "S")  # by Free, descending
        await settle(pilot)
        for attempt in range(2):
            await pilot.press("w")
            assert isinstance(app.screen, ExportScreen)
            app.screen.query_one(Input).value = str(target)
            await pilot.press("enter")
            await settle(pilot)
            if attempt:  # the file is there now: asked first
                assert isinstance(app.screen, ConfirmScreen)
                await pilot.press("y")
                await settle(pilot)
            assert not isinstance(app.screen, ExportScreen | ConfirmScreen)
        rows = list(csv.DictReader(io.StringIO(target.read_text())))
    shown = [r[0] for r in rows_of(table) if len(r) > 1]
    assert [r["description"] for r in rows] == shown
    assert list(rows[0]) == ["owner", "name", "description", "type", "in_use", "free", "total",
                             "unrestricted"]
    store.close()


async def test_export_to_json_of_the_holders_filtered(demo_path, make_app, tmp_path):
    store = Store.open(demo_path)
    premium = next(lic for lic in store.licences(SUPEROFFICE) if lic.name == "ten-sales-premium")
    target = tmp_path / "holders.json"
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app = pilot.app
        app.query_one(OwnerPane).select_licence(premium.id)
        await settle(pilot)
        holders = app.query_one(LicenceDetail).query_one(".holders", PagedTable)
        holders.focus()
        await pilot.press("slash")
        app.screen.query_one(Input).value = "!a"
        await pilot.press("enter")
        await settle(pilot)
        shown = [r[0] for r in rows_of(holders)]
        assert "of 22 shown" in str(holders.border_title)
        await pilot.press("w")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    exported = json.loads(target.read_text())
    assert [h["user_id"] for h in exported] == shown
    assert all("a" not in (h["user_id"] + h["full_name"]).lower() for h in exported)
    store.close()


async def test_the_view_comes_back_at_the_next_start_and_a_damaged_file_is_told(
        demo_path, make_app, list_views):
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pilot.app.query_one(OwnerPane).table.focus()
        await pilot.press("s", "S")
        await settle(pilot)
    forget_states()
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = pilot.app.query_one(OwnerPane).table
        assert "Licence ▼" in header(table)
    list_views.write_text("{damaged")
    forget_states()
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "▲" not in header(table := pilot.app.query_one(OwnerPane).table)
        assert "▼" not in header(table)
        assert any("damaged" in str(n.message) for n in pilot.app._notifications)
    store.close()


async def test_system_messages_sort_by_a_column_and_keep_the_cursors_event(demo_path,
                                                                            make_app):
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        messages = await system_messages(pilot)
        table = messages.table
        table.focus()
        await pilot.press("j", "j")
        kept = table.cursor_key
        await pilot.press("s", "s", "s")  # Operation, Status, Message
        await settle(pilot)
        assert "Message ▲" in header(table)
        texts = [r[2].casefold() for r in rows_of(table)]
        assert texts == sorted(texts)
        assert table.cursor_key == kept
        await pilot.press("slash")
        await pilot.press(*"!import", "enter")
        await settle(pilot)
        assert all("import" not in r[0].lower() for r in rows_of(table))
        assert "of 16 shown" in str(table.border_subtitle)
        await pilot.press("escape")
        await settle(pilot)
        assert "16 events" in str(table.border_subtitle)
        assert "Message ▲" in header(table)  # Esc clears the filter, not the sort
        assert "Message" in screen_text(pilot.app)
    store.close()


async def test_the_consumption_services_sort_by_their_use(demo_path, make_app):
    from licscreen.tui.consumption.screen import ConsumptionScreen

    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ConsumptionScreen)
        await pilot.press("s", "s", "s", "s", "S")  # Use, highest first
        await settle(pilot)
        shown = [int(r[3].rstrip(" %")) for r in rows_of(screen.table) if r[3].strip()]
        assert shown == sorted(shown, reverse=True) and len(shown) > 2
        assert "Use ▼" in header(screen.table) or "Us▼" in header(screen.table)
    store.close()


async def test_the_consumption_filter_matches_the_figures_as_shown(demo_path, make_app):
    from textual.widgets import Input

    from licscreen.tui.consumption.screen import ConsumptionScreen

    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4", "c")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ConsumptionScreen)
        every = rows_of(screen.table)
        over = [r for r in every if r[4].strip() != "–"]  # the Over column: a figure
        assert over and len(over) < len(every)
        for text, wanted in ((over[0][3].strip(), [r for r in every if over[0][3].strip() in
                                                   " ".join(r)]),  # a use in percent
                             ("!–", over)):  # not "–": those over their threshold
            await pilot.press("slash")
            pilot.app.screen.query_one(Input).value = text  # the filter prompt
            await pilot.press("enter")
            await settle(pilot)
            assert rows_of(screen.table) == wanted, text
    store.close()


async def test_the_licence_history_filters_with_n_of_m_in_its_title(demo_path, make_app,
                                                                    tmp_path):
    from licscreen.tui.licences.history import HistoryScreen
    from tests.kit.licence import demo_file

    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for lower in (False, False):  # two activations
            file = tmp_path / "new.json"
            file.write_bytes(demo_file(demo_path, lower=lower))
            await pilot.press("l")
            await settle(pilot)
            pilot.app.screen.query_one(Input).value = str(file)
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)
        table = pilot.app.screen.query_one(PagedTable)
        every = len(rows_of(table))
        await pilot.press("slash")
        pilot.app.screen.query_one(Input).value = "!automatic"
        await pilot.press("enter")
        await settle(pilot)
        assert all("automatic" not in r[3] for r in rows_of(table))
        title = str(pilot.app.screen.query_one("Vertical").border_title)
        assert f"of {every} shown" in title
    store.close()


async def test_the_system_messages_export_in_their_order_as_events_list_json(demo_path,
                                                                            make_app, tmp_path):
    store = Store.open(demo_path)
    target = tmp_path / "events.csv"
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        messages = await system_messages(pilot)
        messages.table.focus()
        await pilot.press("s", "s")  # by Status
        await settle(pilot)
        shown = [messages.table.row_at(i).key for i in range(messages.table.row_count)]
        await pilot.press("w")
        pilot.app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert [int(r["id"]) for r in rows] == shown
    assert list(rows[0])[:3] == ["id", "key", "name"]
    store.close()
