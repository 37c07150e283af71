"""Seat history in the app, with Pilot: the licence detail's forecast and chart, the trend
column on wide terminals only, the owners' dates, and another program's changes shown."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from licscreen.store import Store
from licscreen.tui.events.status_pane import DatabaseFacts
from licscreen.tui.licences.detail import LicenceDetail
from licscreen.tui.licences.owner_pane import OwnerHeader, OwnerPane
from licscreen.tui.live import StoreChange
from tests.kit.app import rendered, settle


def detail_text(app) -> str:
    return rendered(app.query_one(LicenceDetail).query_one(".licence-info", Static))


@asynccontextmanager
async def app_on(path: Path, make_app, size: tuple[int, int]) -> AsyncIterator[Pilot]:
    """The app on the store at ``path``, settled, at ``size``; the store closed after."""
    store = Store.open(path)
    try:
        async with make_app(store).run_test(size=size) as pilot:
            await settle(pilot)
            yield pilot
    finally:
        store.close()


async def select(pilot, name: str) -> None:
    pane = pilot.app.query_one(OwnerPane)
    licence = next(lic for lic in pilot.app.store.licences("SUPEROFFICE") if lic.name == name)
    pane.select_licence(licence.id)
    await settle(pilot)


async def test_the_detail_says_where_a_licence_is_heading(demo_path: Path, make_app):
    async with app_on(demo_path, make_app, (100, 40)) as pilot:
        app = pilot.app
        await select(pilot, "ten-sales-premium")
        text = detail_text(app)
        assert "Forecast over-assigned since 04 Nov" in text
        assert "In use over 12 months" in text and "█ in use  ╌ total  ▲ total changed" in text
        await select(pilot, "ten-cs")
        assert "▲" in detail_text(app).split("In use over 12 months")[1].split("█ in use")[0]
        await select(pilot, "ten-ws")  # unrestricted: no counter, no chart
        assert "In use over 12 months" not in detail_text(app)
        assert "Forecast" not in detail_text(app)


async def test_another_programs_change_moves_the_forecast_and_the_chart(demo_path: Path,
                                                                         make_app):
    async with app_on(demo_path, make_app, (100, 40)) as pilot:
        app = pilot.app
        await select(pilot, "ten-sales-premium")
        conn = sqlite3.connect(demo_path)
        with conn:
            premium = conn.execute("SELECT id FROM module_licence "
                                   "WHERE name = 'ten-sales-premium'").fetchone()[0]
            conn.execute("DELETE FROM licence_user WHERE licence_id = ? AND user_id IN (SELECT "
                         "user_id FROM licence_user WHERE licence_id = ? LIMIT 3)",
                         (premium, premium))
        conn.close()
        app.store_changed.publish(StoreChange.ANYTHING)
        await settle(pilot)
        text = detail_text(app)
        assert "20 total · 19 in use · 1 free" in text
        assert "over-assigned" not in text and "Forecast full in about" in text


async def test_the_trend_column_is_there_on_wide_terminals_only(demo_path: Path, make_app):
    for size, shown in (((160, 40), True), ((100, 30), False), ((80, 24), False)):
        async with app_on(demo_path, make_app, size) as pilot:
            app = pilot.app
            header = app.query_one(OwnerPane).table.render_line(0).text
            assert ("Trend" in header) is shown, (size, header)
            if shown:
                await select(pilot, "windows")
                line = app.query_one(OwnerPane).table.render_line(
                    app.query_one(OwnerPane).table.cursor - app.query_one(
                        OwnerPane).table.scroll_offset.y + 1).text
                assert "Windows App" in line and "▆▆▆▆▆▅▅▅▅▅▅▅▅" in line  # 10, then 9, 8, 7


async def test_owner_dates_beside_the_owner_and_on_a_tall_status_tab(demo_path: Path,
                                                                      make_app):
    async with app_on(demo_path, make_app, (100, 30)) as pilot:
        app = pilot.app
        header = rendered(app.query_one(OwnerHeader))
        assert "Works until     12 Mar 2027" in header
        assert "Upgrades until  26 Feb 2027" in header and "Admin warning   27 Jan 2027" in header
        await pilot.press("4")
        await settle(pilot)
        facts = rendered(app.query_one(DatabaseFacts))
        assert "Works until     29 Dec 2026" in facts  # ROUTEPLAN's: its licence expires next
        await pilot.resize_terminal(100, 24)
        await settle(pilot)
        assert "Works until" not in rendered(app.query_one(DatabaseFacts))
