"""SVG snapshots of the Users tab, the user picker, the Reclaim view and the Audit view at
100x30 and 80x24, on the demo store and a frozen clock (the demo's users' last logins, states
and licences as docs/users.md describes them).

Update them after an intended change with ``pytest --snapshot-update``; look at them first.
"""

from __future__ import annotations

import pytest

from tests.kit.app import settle
from tests.kit.users import audited_changes, same_auditor

SIZES = [(100, 30), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_users_tab(snap_compare, snapshot_app, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("j", "j")  # ANNEH: retired, still holding licences
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_user_picker(snap_compare, snapshot_app, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*["j"] * 10, "tab", "plus")  # Sales Premium's holders: give it
        await settle(pilot)
        await pilot.press("s", "a", "l", "g")
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reclaim_view(snap_compare, snapshot_app, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("space", "shift+down", "shift+down")
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_audit_view(snap_compare, snapshot_app, size, monkeypatch):
    same_auditor(monkeypatch)

    async def run_before(pilot) -> None:
        audited_changes(pilot.app.store)
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)

    assert snap_compare(snapshot_app, terminal_size=size, run_before=run_before)
