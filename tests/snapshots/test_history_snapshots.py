"""SVG snapshots of seat history (issue 16): the licence detail's 12-month chart with the total
raised by an activation (Customer Centre) at 100x30 and 80x24, a licence filling up (Archive
User) with its forecast, and the trend column of a wide terminal. Frozen clock, demo store."""

from __future__ import annotations

import pytest

from tests.kit.app import settle

SIZES = [(100, 30), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_total_raised_by_an_activation(snap_compare, snapshot_app, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("j", "j", "j", "j")  # Customer Centre
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_licence_filling_up(snap_compare, snapshot_app, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("2", "j", "j")  # DocuFlow's Archive User
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)


def test_the_trend_column_on_a_wide_terminal(snap_compare, snapshot_app):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("j", "j", "j", "j", "j", "j", "j", "j", "j", "j")  # Sales Premium
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=(160, 40), run_before=run_before)
