"""SVG snapshots of both tabs in bokmål at 100x30 and 80x24, as tests/test_snapshots.py takes
them in English: the same store, clock and keys, with licscreen imported in Norwegian.

Update them after an intended change with ``pytest tests/test_snapshots_nb.py
--snapshot-update``; look at them before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import FROZEN, frozen_clock
from .i18n_kit import language_world

SIZES = [(100, 30), (80, 24)]


@pytest.fixture
def snapshot_app(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative store path keeps tmp_path out of the header
    with language_world("nb"):
        from licscreen.store import Store, create_store
        from licscreen.tui.app import LicScreenApp

        path = Path("licscreen.db")
        create_store(path, demo=True, now=FROZEN).close()
        store = Store.open(path)
        yield LicScreenApp(store, clock=frozen_clock)
        store.close()


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_superoffice_tab_nb(snap_compare, snapshot_app, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*["j"] * 10)  # Sales Premium, over-assigned
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_status_tab_nb(snap_compare, snapshot_app, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)
