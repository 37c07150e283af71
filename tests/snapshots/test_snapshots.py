"""SVG snapshots of both tabs at 100x30 and 80x24, on a fixed store and a frozen clock.

Update them after an intended change with ``pytest --snapshot-update``; look at the report
(``snapshot_report.html``) before you do.
"""

from __future__ import annotations

import pytest

from tests.kit.app import settle

SIZES = [(100, 30), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_superoffice_tab(snap_compare, snapshot_app, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("j", "j", "j", "j", "j", "j", "j", "j", "j", "j")  # Sales Premium
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_status_tab(snap_compare, snapshot_app, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)


def test_third_party_tab(snap_compare, snapshot_app):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("3", "j")
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=(100, 30), run_before=run_before)
