"""The update flow in the app, with Pilot: load, auto-activation, the over-assigned path through
Remove superfluous licences to Activate, the history, refusals and Purchase new licences."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Static

from licscreen.licence.state import history
from licscreen.store import Store
from licscreen.store.models import SUPEROFFICE
from licscreen.tui.licences.activate import ActivateScreen
from licscreen.tui.licences.history import HistoryScreen
from licscreen.tui.licences.load import LoadLicenceScreen, complete
from licscreen.tui.licences.owner_pane import OwnerPane
from licscreen.tui.licences.purchase import PurchaseScreen
from licscreen.tui.licences.remove import RemoveHoldersScreen
from licscreen.tui.licences.status_line import LicenceStatusLine
from licscreen.tui.widgets.paged_table import PagedTable
from tests.kit.app import header, rendered, screen_text, settle
from tests.kit.licence import demo_file, digest


def licence_by_name(store: Store, name: str):
    return next(lic for lic in store.licences(SUPEROFFICE, include_hidden=True)
                if lic.name == name)


async def load_file(pilot, file: Path) -> None:
    await pilot.press("l")
    await settle(pilot)
    assert isinstance(pilot.app.screen, LoadLicenceScreen)
    pilot.app.screen.query_one(Input).value = str(file)
    await pilot.press("enter")
    await settle(pilot)


def status_line(app) -> str:
    return rendered(app.query_one(OwnerPane).query_one(LicenceStatusLine))


async def test_a_licence_without_over_assignment_is_activated_at_once(demo_path, tmp_path,
                                                                     make_app):
    file = tmp_path / "new.json"
    file.write_bytes(demo_file(demo_path, lower=False))
    store = Store.open(demo_path)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.query_one(OwnerPane).query_one(LicenceStatusLine).has_class("-empty")
        await load_file(pilot, file)
        assert not isinstance(app.screen, LoadLicenceScreen)
        assert "New licence activated" in status_line(app)
        table = app.query_one(OwnerPane).table
        premium = licence_by_name(store, "ten-sales-premium")
        row = table.row_at(table._source.index_of(premium.id))
        assert [c.plain for c in row.cells[1:4]] == ["22", "2", "24"]  # then the trend
        await pilot.press("a")  # selecting the status line shows what changed
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        detail = rendered(app.screen.query_one(".history-detail", Static))
        assert "Sales Premium" in detail and "20 → 24" in detail and "Customer Centre" in detail
        assert "automatically" in detail
    store.close()


async def test_over_assigned_licence_through_removal_to_activation(demo_path, tmp_path,
                                                                  make_app):
    file = tmp_path / "new.json"
    file.write_bytes(demo_file(demo_path))
    store = Store.open(demo_path)
    marketing = licence_by_name(store, "ten-marketing-essentials")
    holders = [h.user_id for h in store.holders(marketing.id)]
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await load_file(pilot, file)
        screen = app.screen
        assert isinstance(screen, ActivateScreen)  # opened straight after loading
        table = screen.query_one(".changes", PagedTable)
        rows = {table.row_at(i).key: table.row_at(i) for i in range(table.row_count)}
        assert set(rows) == {"ten-cs", "ten-sales-premium", "ten-marketing-essentials"}
        over = rows["ten-marketing-essentials"]
        assert [c.plain for c in over.cells[1:]] == ["6 → 3", "5", "-2"]
        assert app.current_theme.error.lower() in str(over.cells[3].style).lower()
        assert screen.query_one("#activate", Button).disabled
        assert "over-assigned" in rendered(screen.query_one(".activate-note", Static))

        table.move_to_key("ten-marketing-essentials")
        await pilot.press("enter")
        await settle(pilot)
        remove = app.screen
        assert isinstance(remove, RemoveHoldersScreen)
        facts = rendered(remove.query_one(".remove-facts", Static))
        assert "In use 5 · available 3" in facts and "remove at least 2 holders" in facts
        listing = remove.table
        shown = [listing.row_at(i).key for i in range(listing.row_count)]
        assert shown == holders
        assert remove.query_one("#confirm", Button).disabled
        await pilot.press("space", "down", "space")
        await settle(pilot)
        assert remove.chosen == set(holders[:2])
        await pilot.press("enter")
        await settle(pilot)

        assert app.screen is screen
        assert not screen.query_one("#activate", Button).disabled
        row = screen.query_one(".changes", PagedTable).row_at(2)
        assert [c.plain for c in row.cells[1:]] == ["6 → 3", "3", "0"]
        assert store.holder_count(marketing.id) == 5  # nothing written before Activate
        await pilot.click("#activate")
        await settle(pilot)
        assert not isinstance(app.screen, ActivateScreen)
        assert "New licence activated" in status_line(app)
    assert licence_by_name(store, "ten-marketing-essentials").total == 3
    assert [h.user_id for h in store.holders(marketing.id)] == holders[2:]
    [entry] = history(store)
    assert not entry.automatic and entry.activated_by == "ADMIN"
    assert set(entry.removed_holders) == {("ten-marketing-essentials", u) for u in holders[:2]}
    store.close()


async def test_closing_the_dialog_leaves_the_licence_waiting(demo_path, tmp_path, make_app):
    file = tmp_path / "new.json"
    file.write_bytes(demo_file(demo_path))
    store = Store.open(demo_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await load_file(pilot, file)
        await pilot.press("escape")
        await settle(pilot)
        assert "Activate new licence" in status_line(app)
        assert "1 licence over-assigned" in status_line(app)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActivateScreen)
    store.close()


async def test_history_lists_activations_newest_first(demo_path, tmp_path, make_app):
    store = Store.open(demo_path)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "No licence activated yet" in screen_text(app)
        await pilot.press("escape")
        for owner in ("SUPEROFFICE", "DOCUFLOW"):
            file = tmp_path / f"{owner}.json"
            file.write_bytes(demo_file(demo_path, owner=owner, lower=False))
            await load_file(pilot, file)
        await pilot.press("1", "h")
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        assert table.row_count == 2
        text = screen_text(app)
        assert "DOCUFLOW v4" in text and "SUPEROFFICE v15" in text and "ADMIN" in text
    store.close()


async def test_a_refused_file_is_explained_in_the_dialog_and_changes_nothing(demo_path, tmp_path,
                                                                            make_app):
    file = tmp_path / "bad.json"
    file.write_bytes(demo_file(demo_path).replace(b'"total": 24', b'"total": 99'))
    before = digest(demo_path)
    store = Store.open(demo_path)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await load_file(pilot, file)
        assert isinstance(app.screen, LoadLicenceScreen)
        error = rendered(app.screen.query_one(".load-error", Static))
        assert "Refused: bad signature" in error
        await pilot.press("escape")
    store.close()
    assert digest(demo_path) == before


async def test_load_dialog_completes_paths(tmp_path, demo_path, make_app):
    (tmp_path / "licences").mkdir()
    (tmp_path / "licences" / "fjordvik-v15.json").write_text("{}")
    assert complete(str(tmp_path / "lic")) == str(tmp_path / "licences") + "/"
    assert complete(str(tmp_path / "licences" / "f")) == str(
        tmp_path / "licences" / "fjordvik-v15.json")
    store = Store.open(demo_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        field = app.screen.query_one(Input)
        field.value = str(tmp_path / "lic")
        await pilot.press("tab")
        assert field.value == str(tmp_path / "licences") + "/"
    store.close()


async def test_purchase_shows_the_shop_link_and_copies_it(demo_store, make_app):
    shop = demo_store.installation().shop_url
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PurchaseScreen)
        link = app.screen.query_one(".shop-address", Static).content
        assert link.plain == shop and link.style.link == shop
        assert app.clipboard == shop


async def test_licence_keys_belong_to_owner_tabs(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # Status
        await settle(pilot)
        await pilot.press("l")
        assert not isinstance(app.screen, LoadLicenceScreen)


async def test_the_remove_dialog_sorts_and_filters_as_every_list_and_keeps_its_marks(
        demo_path, tmp_path, make_app):
    file = tmp_path / "new.json"
    file.write_bytes(demo_file(demo_path))
    store = Store.open(demo_path)
    holders = sorted(h.user_id for h in store.holders(
        licence_by_name(store, "ten-marketing-essentials").id))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await load_file(pilot, file)
        app.screen.query_one(".changes", PagedTable).move_to_key("ten-marketing-essentials")
        await pilot.press("enter")
        await settle(pilot)
        remove = app.screen
        assert isinstance(remove, RemoveHoldersScreen)
        await pilot.press("space")  # the first holder chosen
        await pilot.press("s", "S")  # User ID, the other way
        await settle(pilot)
        table = remove.table
        assert "User ID ▼" in header(table)
        assert [table.row_at(i).key for i in range(table.row_count)] == holders[::-1]
        marked = [table.row_at(i).key for i in range(table.row_count)
                  if table.row_at(i).cells[0].plain == "✓"]
        assert marked == [holders[0]] and remove.chosen == {holders[0]}
        remove.query_one(Input).value = "!" + holders[0].lower()
        await pilot.pause(0.1)
        await settle(pilot)
        shown = [table.row_at(i).key for i in range(table.row_count)]
        assert shown == holders[:0:-1]
        assert table.border_subtitle == f"{len(shown)} of {len(holders)} shown"
        assert remove.chosen == {holders[0]}  # a choice the filter hides stays chosen
        table.focus()
        await pilot.press("y")
        assert app.clipboard.split("\t")[1] == table.row_at(table.cursor).key
        await pilot.press("w")
        assert type(app.screen).__name__ == "ExportScreen"
        await pilot.press("escape")  # the export
        await settle(pilot)
        await pilot.click("#cancel")  # the dialog closed with its filter set
        await settle(pilot)
        assert not isinstance(app.screen, RemoveHoldersScreen)
        await pilot.press("enter")  # open again: its sort kept, its filter for that time only
        await settle(pilot)
        again = app.screen
        assert isinstance(again, RemoveHoldersScreen)
        assert "User ID ▼" in header(again.table) and not again.query_one(Input).value
        assert again.table.row_count == len(holders)
    store.close()
