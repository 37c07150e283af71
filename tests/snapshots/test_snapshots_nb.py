"""SVG snapshots of both tabs in bokmål at 100x30 and 80x24, as test_snapshots.py takes them in
English: the same store, clock and keys, with the app speaking Norwegian.

Update them after an intended change with ``pytest tests/snapshots/test_snapshots_nb.py
--snapshot-update``; look at them before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.kit.app import settle, snapshot_app_in
from tests.kit.i18n import speaking

SIZES = [(100, 30), (80, 24)]


@pytest.fixture
def snapshot_app(tmp_path: Path, monkeypatch):
    with speaking("nb"), snapshot_app_in(tmp_path, monkeypatch) as app:
        yield app


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
