"""SVG snapshots of the consumption dashboard at 100x30 and 80x24, on a frozen clock.

100x30: this month, storage selected (its line, the threshold, the projection).
80x24: March 2026, e-mails selected (a month over the threshold, bars).
Update them after an intended change with ``pytest --snapshot-update``; look at them first.
"""

from __future__ import annotations

from tests.kit.app import settle


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
