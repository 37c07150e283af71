"""The app's Load licence dialog, given a FIFO, a device, an endless device, a folder or a file
over 1 MB: the refusal is shown in the dialog in one line naming the path, the store is
unchanged, and the app still quits (a worker blocked opening a FIFO used to keep it from
quitting). Each run has a time limit, so that a regression fails instead of hanging."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from licscreen.licence.files import MAX_LICENCE_BYTES
from licscreen.store import Store
from licscreen.tui.licences.load import LoadLicenceScreen
from tests.kit.app import rendered, settle
from tests.kit.files import SPECIAL, dump_hash, release, special_path, within


@pytest.mark.parametrize("kind", list(SPECIAL))
async def test_the_load_dialog_refuses_what_is_no_small_file(kind: str, demo_path: Path,
                                                             tmp_path: Path, make_app):
    path = special_path(kind, tmp_path, MAX_LICENCE_BYTES)
    before = dump_hash(demo_path)
    store = Store.open(demo_path)
    app = make_app(store)
    try:
        with within(30):
            async with app.run_test(size=(100, 30)) as pilot:
                await settle(pilot)
                await pilot.press("l")
                await settle(pilot)
                assert isinstance(app.screen, LoadLicenceScreen)
                app.screen.query_one(Input).value = str(path)
                await pilot.press("enter")
                await settle(pilot)
                assert isinstance(app.screen, LoadLicenceScreen)  # the dialog stays open
                error = rendered(app.screen.query_one(".load-error", Static))
                assert str(path) in error and SPECIAL[kind] in error, error
                assert len(error.strip().splitlines()) == 1
                await pilot.press("escape")
                await pilot.press("q")
            assert app.return_code is not None  # it quit
    finally:
        release(path)
        store.close()
    assert dump_hash(demo_path) == before
