"""SVG snapshots of the consumption dashboard at 100x30 and 80x24, on a frozen clock.

100x30: this month, storage selected (its line, the threshold, the projection).
80x24: March 2026, e-mails selected (a month over the threshold, bars).
Update them after an intended change with ``pytest --snapshot-update``; look at them first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from licscreen.store import Store, create_store

from .conftest import FROZEN, frozen_clock


@pytest.fixture
def snapshot_app(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative store path keeps tmp_path out of the header
    path = Path("licscreen.db")
    create_store(path, demo=True, now=FROZEN).close()
    store = Store.open(path)
    from licscreen.tui.app import LicScreenApp

    yield LicScreenApp(store, clock=frozen_clock)
    store.close()


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_dashboard(pilot) -> None:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)


def test_dashboard_this_month(snap_compare, snapshot_app):
    assert snap_compare(snapshot_app, terminal_size=(100, 30), run_before=open_dashboard)


def test_dashboard_a_month_over_the_threshold(snap_compare, snapshot_app):
    async def run_before(pilot) -> None:
        await open_dashboard(pilot)
        await pilot.press(*["left"] * 8, "j")  # March 2026, e-mails sent via mailings
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=(80, 24), run_before=run_before)
