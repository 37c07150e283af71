"""Every screen and modal in bokmål, opened with Pilot: no English of the catalogue shows.

The app speaks bokmål (tests/kit/i18n.py ``speaking``), as a Norwegian process has it. Each
look records the screen's text; then each is searched for the English phrases of every
catalogue entry whose translation differs (store data left aside).
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from licscreen.licence.demo import demo_licence
from licscreen.store import Store, create_store
from licscreen.tui.app import LicScreenApp
from licscreen.tui.widgets.paged_table import PagedTable
from tests.kit.app import screen_text, settle
from tests.kit.clock import FROZEN
from tests.kit.i18n import speaking, store_words, untranslated

# (what, keys pressed before looking, the screen class expected on top)
WALK = [
    ("SuperOffice tab", (), "Screen"),
    ("help", ("question_mark",), "HelpScreen"),
    ("partner tab", ("escape", "2"), "Screen"),
    ("licence history", ("1", "h"), "HistoryScreen"),
    ("purchase new licences", ("escape", "p"), "PurchaseScreen"),
    ("load licence from file", ("escape", "l"), "LoadLicenceScreen"),
]
STATUS_WALK = [
    ("Status tab", ("4",), "Screen"),
    ("Status tab help", ("question_mark",), "HelpScreen"),
    ("an event's description", ("escape", "j", "j", "j"), "Screen"),
    ("delete confirmation", ("delete",), "ConfirmScreen"),
    ("add event form", ("n", "a"), "EventForm"),
    ("cancel-operation confirmation", ("escape", "k", "x"), "ConfirmScreen"),
    ("filter", ("escape", "slash"), "Screen"),
    ("consumption dashboard", ("escape", "escape", "c"), "ConsumptionScreen"),
    ("consumption help", ("question_mark",), "HelpScreen"),
    ("Users tab", ("escape", "escape", "5"), "Screen"),
    ("Users tab help", ("question_mark",), "HelpScreen"),
    ("reclaim seats", ("escape", "R", "space"), "ReclaimScreen"),
    ("reclaim confirmation", ("x",), "ConfirmScreen"),
    ("audit trail", ("n", "escape", "A"), "AuditScreen"),
    ("user picker", ("escape", "1", "tab", "plus"), "UserPicker"),
]


async def test_every_screen_and_modal_is_in_bokmal(tmp_path: Path):
    path = tmp_path / "demo.db"
    seen: dict[str, str] = {}
    with speaking("nb"):
        create_store(path, demo=True, now=FROZEN).close()
        store = Store.open(path)
        licence_file = tmp_path / "new.json"
        licence_file.write_bytes(demo_licence(store, now=FROZEN))  # over-assigns two licences
        app = LicScreenApp(store, clock=lambda: FROZEN)
        async with app.run_test(size=(100, 30)) as pilot:

            async def look(what: str, keys: tuple[str, ...], screen: str) -> None:
                for key in keys:
                    await pilot.press(key)
                    await settle(pilot)
                assert type(app.screen).__name__ == screen, what
                seen[what] = screen_text(app)

            await settle(pilot)
            for step in WALK:
                await look(*step)
            app.screen.query_one(Input).value = str(licence_file)
            await look("activate new licence", ("enter",), "ActivateScreen")
            app.screen.query_one(".changes", PagedTable).move_to_key("ten-marketing-essentials")
            await look("remove superfluous licences", ("enter",), "RemoveHoldersScreen")
            await look("closed again", ("escape", "escape"), "Screen")
            for step in STATUS_WALK:
                await look(*step)
        store.close()
    assert "Systemmeldinger" in seen["Status tab"] and "Forbruk" in seen["consumption dashboard"]
    assert "Fjern overflødige lisenser" in seen["remove superfluous licences"]
    words = store_words(path)
    english = {what: untranslated(text, words) for what, text in seen.items()}
    assert not {what: found for what, found in english.items() if found}
