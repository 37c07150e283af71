"""The app with Pilot: tabs, cursor and details, holders, literal text, help, read-only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Static, TabbedContent

from licscreen.store import Store
from licscreen.store.models import SUPEROFFICE
from licscreen.tui.events.detail import EventDetail
from licscreen.tui.events.messages import SystemMessages
from licscreen.tui.licences.detail import LicenceDetail
from licscreen.tui.licences.owner_pane import OwnerPane
from licscreen.tui.widgets.paged_table import PagedTable
from tests.kit.app import rendered, screen_text, settle


def licence_info(app) -> str:
    return rendered(app.screen.query_one(".licence-info", Static))


async def test_tabs_for_superoffice_each_partner_status_and_users(demo_store: Store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.tab_ids() == ["owner-superoffice", "owner-docuflow", "owner-routeplan", "status",
                                 "users"]
        tabs = app.query_one(TabbedContent)
        await pilot.press("2")
        await settle(pilot)
        assert tabs.active == "owner-docuflow"
        first = demo_store.licences("DOCUFLOW")[0]  # the partner's tab shows its own licences
        assert first.description in rendered(app.query_one("#owner-docuflow .licence-info", Static))
        await pilot.press("4")
        await settle(pilot)
        assert tabs.active == "status"
        assert app.query_one(SystemMessages).table.row_count == demo_store.event_count()
        await pilot.press("1")
        assert tabs.active == "owner-superoffice"


async def test_cursor_moves_fill_the_detail_panel(demo_store: Store, make_app):
    licences = demo_store.licences(SUPEROFFICE)
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert licences[0].description in licence_info(app)
        await pilot.press("j")
        await settle(pilot)
        assert licences[1].description in licence_info(app)
        await pilot.press("k", "k")  # the section heading above the first row is skipped
        await settle(pilot)
        pane = app.query_one(OwnerPane)
        assert pane.selected == licences[0].id


async def test_over_assigned_licence_shows_its_holders(demo_store: Store, make_app):
    over = next(lic for lic in demo_store.licences(SUPEROFFICE) if lic.over_assigned)
    holders = demo_store.holders(over.id, 0, 100)
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pane = app.query_one(OwnerPane)
        pane.table.move_to_key(over.id)
        await settle(pilot)
        info = licence_info(app)
        assert f"{over.free} free" in info and "Over-assigned: 2 more holders" in info
        table = app.query_one(LicenceDetail).query_one(".holders", PagedTable)
        assert table.row_count == over.in_use
        assert table.border_title == f"Holders ({over.in_use})"
        assert [table.row_at(i).key for i in range(table.row_count)] == [h.user_id for h in holders]
        shot = screen_text(app)
        assert holders[0].user_id in shot and holders[0].full_name.split()[0] in shot


async def test_hidden_licences_are_not_listed_and_unrestricted_has_no_counter(demo_store, make_app):
    everything = demo_store.licences(SUPEROFFICE, include_hidden=True)
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.query_one(OwnerPane).table
        keys = {table.row_at(i).key for i in range(table.row_count)}
        assert all((lic.id in keys) != lic.hidden for lic in everything)
        free = next(lic for lic in everything if lic.unrestricted and not lic.hidden)
        row = table.row_at(table._source.index_of(free.id))
        assert [c.plain for c in row.cells[1:]] == ["", "", "∞"]


async def test_free_below_zero_is_drawn_in_the_error_style(demo_store, make_app):
    over = next(lic for lic in demo_store.licences(SUPEROFFICE) if lic.over_assigned)
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.query_one(OwnerPane).table
        free_cell = table.row_at(table._source.index_of(over.id)).cells[2]
        assert free_cell.plain == str(over.free)
        assert app.current_theme.error.lower() in str(free_cell.style).lower()


async def test_status_tab_database_facts_and_event_description(demo_store, make_app):
    app = make_app(demo_store)
    first = demo_store.events(0, 2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        shot = screen_text(app)
        inst = demo_store.installation()
        for fact in (inst.owner, inst.serial_number, inst.database_type, inst.logged_in_user):
            assert fact in shot
        detail = app.query_one(EventDetail)
        assert detail.event.id == first[0].id
        await pilot.press("j")
        await settle(pilot)
        assert detail.event.id == first[1].id
        text = rendered(detail.query_one(".event-text", Static))
        assert first[1].key in text and first[1].name in text


async def test_markup_and_escapes_from_the_store_are_shown_literally(demo_path: Path, make_app):
    nasty = "[bold]Fjordvik[/bold] [link=http://evil]x[/link] \x1b[31mred\x1b]0;title\x07"
    conn = sqlite3.connect(demo_path)
    conn.execute(
        "INSERT INTO system_event (scope, owner_id, event_key, name, status, message, description,"
        " registered) VALUES (1, 0, 'T', ?, 'active', ?, ?, '2026-11-28 08:59:00')",
        (nasty, nasty, nasty),
    )
    conn.execute("UPDATE module_licence SET description = ? WHERE name = 'soserver'", (nasty,))
    conn.commit()
    conn.close()
    store = Store.open(demo_path)
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "[bold]Fjordvik[/bold]" in licence_info(app)
        await pilot.press("4")
        await settle(pilot)
        text = rendered(app.query_one(EventDetail).query_one(".event-text", Static))
        assert "[bold]Fjordvik[/bold] [link=http://evil]x[/link] ␛[31mred␛]0;title␇" in text
        assert "\x1b" not in text and "\x07" not in text
        row = app.query_one(SystemMessages).table.row_at(0)
        assert row.cells[0].plain.startswith("[bold]Fjordvik[/bold]") and not row.cells[0].spans
    store.close()


async def test_help_lists_every_key(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = rendered(app.screen.query_one(Static))
        for description in ("Quit", "Help", "Reload", "Down", "Up", "Page down", "Select"):
            assert description in text
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]


async def test_the_mouse_selects_a_row(demo_store, make_app):
    licences = demo_store.licences(SUPEROFFICE)
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.query_one(OwnerPane).table
        # border, header line, section heading, then the rows: click the third licence
        await pilot.click(table, offset=(3, 1 + 1 + 1 + 2))
        await settle(pilot)
        assert app.query_one(OwnerPane).selected == licences[2].id


async def test_palette_jumps_to_a_licence_of_a_partner(demo_store, make_app):
    target = demo_store.licences("ROUTEPLAN")[-1]
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.jump_to_licence(target)
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "owner-routeplan"
        pane = next(p for p in app.query(OwnerPane) if p.owner_name == "ROUTEPLAN")
        assert pane.selected == target.id


async def test_palette_jumps_to_an_event_before_the_status_tab_was_opened(demo_store, make_app):
    target = demo_store.events(0, 10)[7]
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.jump_to_event(target.id)
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "status"
        assert app.query_one(EventDetail).event.id == target.id


async def test_demo_notice_and_store_location(demo_store, make_app):
    app = make_app(demo_store, created=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.sub_title.startswith("Demo installation")
        assert str(demo_store.path) in app.sub_title
        notices = [n.message for n in app._notifications]
        assert any("demo data" in n and str(demo_store.path) in n for n in notices)


async def test_read_only_store_is_marked(demo_path: Path, make_app):
    store = Store.open(demo_path, read_only=True)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.sub_title.endswith("read-only")
        assert app.query_one(OwnerPane).table.row_count > 0
    store.close()


async def test_an_empty_store_says_so(empty_store, make_app):
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "No licence from this owner" in screen_text(app)
        await pilot.press("2")
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "status"


async def test_a_failing_read_is_reported_as_one_line(demo_store, make_app, monkeypatch):
    from licscreen.store.errors import StoreCorrupt

    def broken(licence_id):
        raise StoreCorrupt("demo.db: the store is damaged (database disk image is malformed)")

    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(demo_store, "licence_detail", broken)
        await pilot.press("j")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("the store is damaged" in m and "\n" not in m for m in messages)
        assert app.is_running
