"""The app when its store file is replaced by another program, or cannot be written: it says
so, and no write is reported as saved and then lost (issue 13, classes 4 and 10)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

from licscreen.store import Store
from licscreen.store.events.input import FORM, MESSAGE
from licscreen.tui.events.form import EventForm
from tests.kit.app import notices, settle, system_messages

SRC = Path(__file__).resolve().parents[2] / "src"
REPLACE = """
import os, sys
from pathlib import Path
from licscreen.store import create_store
path = Path(sys.argv[1])
create_store(path.with_name("next.db"), demo=False).close()
os.replace(path.with_name("next.db"), path)
"""


async def test_the_app_says_its_store_was_replaced_and_saves_nothing(demo_path: Path, make_app):
    store = Store.open(demo_path)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await system_messages(pilot)
        shown = pane.table.row_count
        subprocess.run([sys.executable, "-c", REPLACE, str(demo_path)], check=True, timeout=120,
                       env={**os.environ, "PYTHONPATH": str(SRC)})
        deadline = time.monotonic() + 5
        while not any("was replaced or removed" in n for n in notices(app)):
            assert time.monotonic() < deadline, "the app did not notice"
            await asyncio.sleep(0.05)
            await pilot.pause()

        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EventForm)
        form.query_one(f"#{MESSAGE}").value = "Upgrade"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # not saved: the form stays, saying why
        assert "replaced or removed by another program" in form.shown_errors[FORM]
        assert not any("saved." in n for n in notices(app))
        assert pane.table.row_count == shown
    store.close()
    after = Store.open(demo_path)
    assert after.event_count() == 0  # the new store: the event is in neither
    after.close()


async def test_the_header_says_why_the_store_is_read_only(demo_path: Path, make_app,
                                                          monkeypatch):
    monkeypatch.setattr("licscreen.store.db.read_only_reason",
                        lambda path: "its folder is not writable")
    store = Store.open(demo_path)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.sub_title.endswith(" · read-only: its folder is not writable")
    store.close()
