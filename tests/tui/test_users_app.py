"""The Users tab and the seat views with Pilot: the list and its filter, a user's licences and
Space, a licence's holders given and taken back, Reclaim's marks and confirmation, the Audit
view, and a refusal told as one line with the store unchanged."""

from __future__ import annotations

from licscreen.store import audit_entries
from licscreen.tui.licences.owner_pane import OwnerPane
from licscreen.tui.users.audit import AuditScreen
from licscreen.tui.users.detail import UserDetailPanel
from licscreen.tui.users.picker import UserPicker
from licscreen.tui.users.reclaim import ReclaimScreen
from licscreen.tui.widgets.confirm import ConfirmScreen
from tests.kit.app import notices, screen_text, settle, users_tab
from tests.kit.faults import dump_hash
from tests.kit.seats import holdings, licence_id


async def on_licence_of(pilot, user_id: str, licence: str) -> None:
    """The Users tab, ``user_id`` selected, the cursor on ``licence`` in the user's list."""
    pane = await users_tab(pilot)
    pane.table.select_key(user_id)
    await settle(pilot)
    detail = pilot.app.query_one(UserDetailPanel)
    detail.table.focus()
    detail.table.select_key(licence_id(pilot.app.store, licence))
    await settle(pilot)


async def test_the_users_tab_lists_and_filters_users(demo_store, make_app):
    store = demo_store
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        pane = await users_tab(pilot)
        text = screen_text(pilot.app)
        assert "41 users" in text and "341 days ago" in text and "retired" in text
        await pilot.press("slash", *"økonomi")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert pane.table.row_count == 4
        assert "4 of 41 shown" in screen_text(pilot.app)
        await pilot.press("enter")
        await settle(pilot)
        assert pane.table.cursor_key == "ANNEH"
        assert "Windows App" in screen_text(pilot.app)


async def test_space_gives_and_takes_back_a_licence(demo_store, make_app):
    store = demo_store
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await on_licence_of(pilot, "SOFIEK", "windows")
        await pilot.press("space")
        await settle(pilot)
        assert holdings(store, "SOFIEK") == {"windows", "user"}
        assert "SOFIEK: Windows App given." in notices(pilot.app)
        assert audit_entries(store)[0].command == "app"
        await pilot.press("space")
        await settle(pilot)
        assert holdings(store, "SOFIEK") == set()


async def test_a_refusal_is_one_line_and_changes_nothing(demo_path, demo_store, make_app):
    store = demo_store
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await on_licence_of(pilot, "SOFIEK", "ten-sales-premium")
        before = dump_hash(demo_path)
        await pilot.press("space")
        await settle(pilot)
        assert any("no free seat on Sales Premium" in n for n in notices(pilot.app))
        assert dump_hash(demo_path) == before


async def test_holders_are_added_through_the_picker_and_removed_with_del(demo_store, make_app):
    store = demo_store  # tall enough for the seat chart and the whole holders list below it
    async with make_app(store).run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        pilot.app.query_one(OwnerPane).select_licence(licence_id(store, "windows"))
        await settle(pilot)
        await pilot.press("tab")  # its holders
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)
        assert isinstance(pilot.app.screen, UserPicker)
        await pilot.press(*"sofie")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "windows" in holdings(store, "SOFIEK")
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "SOFIEK" in text
        holders = pilot.app.query_one(".holders")
        holders.focus()
        await pilot.press("end")  # SOFIEK, the last by user ID
        await settle(pilot)
        assert holders.cursor_key == "SOFIEK"
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert holdings(store, "SOFIEK") == set()


async def test_reclaim_marks_confirms_with_the_count_and_frees(demo_store, make_app):
    store = demo_store
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await users_tab(pilot)
        await pilot.press("R")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReclaimScreen)
        await pilot.press("space")  # ANNEH's Sales Essentials; the cursor goes on
        await pilot.press("shift+down")  # her Windows App, and Archive User below it
        await settle(pilot)
        assert "3 seats marked" in screen_text(pilot.app)
        await pilot.press("x")
        await settle(pilot)
        assert "Take back 3 seats?" in screen_text(pilot.app)
        await pilot.press("y")
        await settle(pilot)
        assert holdings(store, "ANNEH") == set()
        await pilot.press("a")  # every seat shown
        await settle(pilot)
        assert "13 seats marked" in screen_text(pilot.app)


async def test_the_audit_view_shows_the_newest_first_and_filters(demo_store, make_app):
    store = demo_store
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await on_licence_of(pilot, "SOFIEK", "windows")
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AuditScreen)
        text = screen_text(pilot.app)
        assert "1 entry" in text and "SOFIEK: SUPEROFFICE/windows" in text
        await pilot.press("slash", *"nobody")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "0 of 1 shown" in screen_text(pilot.app)  # the border, as every list's
