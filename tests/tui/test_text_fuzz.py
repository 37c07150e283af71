"""Fuzz: any text in every stored text field, and no screen of the app shows a control
character or a raw bidi, zero-width or other format character: the licence tab and its
detail, the other owners' tabs, the Status tab with an event's detail, and the event form."""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from licscreen.store import Store
from licscreen.tui.app import LicScreenApp
from licscreen.tui.events.form import EventForm
from tests.kit.app import screen_text, settle, system_messages
from tests.kit.clock import frozen_clock
from tests.kit.hostile import copy_store, fill_text, hostile_store, texts, unsafe_characters


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return hostile_store(tmp_path_factory.mktemp("fuzz") / "template.db")


def admin_event_id(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT id FROM system_event WHERE event_key = 'NoLogin'").fetchone()
    conn.close()
    return row[0]


def hidden_on_screen(app: LicScreenApp) -> list[str]:
    notes = [n.message + n.title for n in app._notifications]
    return unsafe_characters("\n".join([screen_text(app), *notes]), allowed="\n")


async def look_everywhere(path: Path) -> None:
    store = Store.open(path)
    app = LicScreenApp(store, clock=frozen_clock)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            assert hidden_on_screen(app) == [], "licence tab"
            for tab in ("2", "3"):
                await pilot.press(tab)
                await settle(pilot)
                assert hidden_on_screen(app) == [], f"tab {tab}"
            pane = await system_messages(pilot)
            assert hidden_on_screen(app) == [], "Status tab"
            assert pane.table.move_to_key(admin_event_id(path))
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, EventForm)
            assert hidden_on_screen(app) == [], "event form"
    finally:
        store.close()


@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts())
def test_no_screen_shows_hidden_characters(template: Path, text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = copy_store(template, Path(folder) / "store.db")
        fill_text(path, text)
        asyncio.run(look_everywhere(path))
