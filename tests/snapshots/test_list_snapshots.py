"""SVG snapshots of the list handling: a licence list sorted (▲/▼ in its header) and filtered
('N of M shown' in its border) with the filter prompt open, and the export dialog."""

from __future__ import annotations

import pytest

from tests.kit.app import settle

SIZES = [(100, 30), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_sorted_list_and_its_filter_prompt(snap_compare, snapshot_app, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("s", "s", "s", "S")  # by Free, descending
        await pilot.press("slash", *"sales", "enter")  # filtered: 'N of M shown' below
        await settle(pilot)
        await pilot.press("slash")  # the prompt again, over the list it filters
        await pilot.pause(0.3)
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_export_dialog(snap_compare, snapshot_app, size):
    async def run_before(pilot) -> None:
        from textual.widgets import Input

        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        pilot.app.screen.query_one(Input).value = "licences.csv"
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)
