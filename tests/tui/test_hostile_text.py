"""Text from the store and the file system reaches the screen literally: no terminal control, no
bidi override or zero-width character, never markup, in every widget, inputs included."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Select, TextArea

from licscreen.store import Store
from licscreen.store.events import MESSAGE_MAX
from licscreen.tui.events.form import EventForm
from licscreen.tui.licences.load import LoadLicenceScreen, resolve
from tests.kit.app import screen_text, settle, system_messages
from tests.kit.hostile import (
    BIDI,
    CSI_8BIT,
    ESC_CLEAR,
    EVERY_HOSTILE,
    ISOLATES,
    OSC_52,
    ZERO_WIDTH,
    copy_store,
    fill_text,
    hostile_store,
    unsafe_characters,
)

FORM_TEXTS = [ESC_CLEAR, OSC_52, BIDI + ZERO_WIDTH, EVERY_HOSTILE]  # EVERY_HOSTILE: all


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return hostile_store(tmp_path_factory.mktemp("hostile") / "template.db")


def shown(app) -> str:
    """Every character the screen shows now, and what its notifications say."""
    notes = [n.message + n.title for n in app._notifications]
    return "\n".join([screen_text(app), *notes])


def assert_literal(app, *expected: str) -> None:
    text = shown(app)
    assert unsafe_characters(text, allowed="\n") == []
    for fragment in expected:
        assert fragment in text


def admin_event(path: Path, message: str, description: str) -> int:
    """An administrator's event (editable) with ``message`` and ``description``, as a store
    written by something else would hold them."""
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM system_event WHERE event_key = 'MessageOfTheDay'")
        cursor = conn.execute(
            "INSERT INTO system_event (scope, owner_id, event_key, name, status, message,"
            " description, registered) VALUES (1, 0, 'MessageOfTheDay', 'Message of the day',"
            " 'active', ?, ?, '2026-11-28 08:59:00')", (message, description))
    conn.close()
    return cursor.lastrowid


@pytest.mark.parametrize("text", FORM_TEXTS, ids=range(len(FORM_TEXTS)))
async def test_the_event_form_shows_stored_controls_as_signs(demo_path: Path, make_app,
                                                             text: str):
    event_id = admin_event(demo_path, f"Down {text} soon", f"Line one {text}\nline two")
    store = Store.open(demo_path)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await system_messages(pilot)
        assert pane.table.move_to_key(event_id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EventForm)
        message = form.query_one("#message", Input).value
        description = form.query_one("#description", TextArea).text
        for value in (message, description):
            assert unsafe_characters(value, allowed="\n") == []
        assert message.startswith("Down ") and message.endswith(" soon")
        assert description.endswith("\nline two")
        assert_literal(app, "saved as shown")
        # Saved as shown: the signs are text, and nothing hidden is written back.
        await pilot.press("ctrl+s")
        await settle(pilot)
        if len(message) > MESSAGE_MAX:  # the signs made it longer: said on its field
            assert "at most 200 characters" in form.shown_errors["message"]
            assert_literal(app)
            return
        assert not isinstance(app.screen, EventForm), form.shown_errors
        saved = store.event(event_id)
        assert saved.message == message and unsafe_characters(saved.description, allowed="\n") == []
    store.close()


async def test_the_form_says_nothing_for_plain_text(demo_path: Path, make_app):
    event_id = admin_event(demo_path, "Plain message", "Tabs\tand\nlines")
    store = Store.open(demo_path)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await system_messages(pilot)
        assert pane.table.move_to_key(event_id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EventForm)
        assert "saved as shown" not in shown(app)
        assert app.screen.query_one("#message", Input).value == "Plain message"
    store.close()


@pytest.mark.parametrize("text", [ESC_CLEAR, OSC_52, f"{BIDI}{ZERO_WIDTH}{ISOLATES}\x07\x7f\x00"])
async def test_pasted_controls_become_signs_and_are_saved_as_shown(demo_store: Store, make_app,
                                                                    text: str):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await system_messages(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EventForm)
        for field in ("message", "description"):
            widget = form.query_one(f"#{field}")
            widget.focus()
            widget.post_message(events.Paste(f"Hi {text}"))
            await pilot.pause()
        message = form.query_one("#message", Input).value
        description = form.query_one("#description", TextArea).text
        assert message.startswith("Hi ") and description.startswith("Hi ")
        assert message != f"Hi {text}" and unsafe_characters(message + description) == []
        assert_literal(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EventForm)
    added = next(e for e in demo_store.events(0, 100) if e.message == message)
    assert added.description == description


async def test_a_user_whose_id_holds_controls_is_shown_and_still_chosen(demo_path: Path,
                                                                         make_app):
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE user SET user_id = ? WHERE user_id = 'ANNEH'", (f"AN{ESC_CLEAR}",))
    conn.close()
    store = Store.open(demo_path)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await system_messages(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#scope", Select).value = "user"
        await pilot.pause()
        form.query_one("#owner", Input).value = "an␛[2J␛[?1049l"
        form.query_one("#message", Input).value = "For one user"
        await pilot.pause()
        assert_literal(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EventForm), form.shown_errors
        added = next(e for e in store.events(0, 100) if e.message == "For one user")
        assert added.owner_name == f"AN{ESC_CLEAR}"
    store.close()


@pytest.mark.parametrize("name", [f"li{ESC_CLEAR}c.json", f"{OSC_52}{CSI_8BIT}\x07.json",
                                  f"{BIDI}{ZERO_WIDTH}.lic"])
async def test_path_completion_shows_file_names_literally(demo_store: Store, make_app,
                                                          tmp_path: Path, name: str):
    folder = tmp_path / "licences"
    folder.mkdir()
    (folder / name).write_bytes(b"not a licence")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LoadLicenceScreen)
        field = screen.query_one(Input)
        field.value = f"{folder}/"
        await settle(pilot)
        assert_literal(app)
        await pilot.press("tab")  # completes the one file there
        await settle(pilot)
        assert field.value != f"{folder}/" and unsafe_characters(field.value) == []
        assert resolve(field.value) == folder / name  # the file it stands for
        await pilot.press("enter")  # loads that file: refused as no licence, shown literally
        await settle(pilot)
        assert_literal(app)
        assert "cannot be read" not in shown(app)


async def test_tabs_header_palette_and_notifications_show_store_text_literally(
        template: Path, tmp_path: Path, make_app):
    path = copy_store(template, tmp_path / f"store{ESC_CLEAR}.db")
    fill_text(path, EVERY_HOSTILE)
    store = Store.open(path)
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert_literal(app, "[bold red]markup[/] [/]", "store␛[2J")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"markup")
        await settle(pilot)
        assert_literal(app, "[bold red]markup[/] [/]")
    store.close()


@pytest.mark.parametrize("text", [ESC_CLEAR, EVERY_HOSTILE], ids=["escape", "all"])
async def test_every_screen_of_a_hostile_store(template: Path, tmp_path: Path, make_app,
                                               text: str):
    path = copy_store(template, tmp_path / "store.db")
    fill_text(path, text)
    store = Store.open(path)
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert_literal(app)
        for keys in (["2"], ["3"], ["4"], ["e"], ["escape", "c"]):
            await pilot.press(*keys)
            await settle(pilot)
            assert_literal(app)
    store.close()
