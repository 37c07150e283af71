"""The consumption dashboard with Pilot: opening it, months, services, projection, reload."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.content import Content
from textual.widgets import Static, TabbedContent

from licscreen.store import Store
from licscreen.store.usage_import import import_usage
from licscreen.tui.consumption.chart import UsageChart
from licscreen.tui.consumption.screen import ConsumptionScreen
from tests.kit.app import rendered, screen_text, settle


def title(widget, *, sub: bool = False) -> str:
    """A border title or subtitle as the user reads it (the widget keeps it as markup)."""
    return Content.from_markup(widget.border_subtitle if sub else widget.border_title).plain


async def open_dashboard(pilot, *, with_key: bool = False) -> ConsumptionScreen:
    """The dashboard, opened with c on the Status tab or (quicker) by its action."""
    await settle(pilot)
    if with_key:
        await press(pilot, "4")
        await settle(pilot)
        await press(pilot, "c")
    else:
        pilot.app.action_consumption()
        await settle(pilot)
    assert isinstance(pilot.app.screen, ConsumptionScreen)
    return pilot.app.screen


def cells(screen: ConsumptionScreen, key: str) -> list[str]:
    table = screen.table
    row = table.row_at(table._source.index_of(key))
    return [cell.plain for cell in row.cells]


def detail(screen: ConsumptionScreen) -> str:
    return rendered(screen.query_one(".service-detail", Static))


async def press(pilot, *keys: str) -> None:
    """Keys, then a pause for what they draw (moving between months reads nothing)."""
    await pilot.press(*keys)
    await pilot.pause()


async def test_c_opens_it_on_the_status_tab_only_escape_returns_and_help_lists_keys(
        demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "c")  # on a licence owner's tab c is not ours
        assert not isinstance(app.screen, ConsumptionScreen)
        assert "Consumption" not in screen_text(app).splitlines()[-1]
        screen = await open_dashboard(pilot, with_key=True)
        assert screen.month == "2026-11" and screen.table.row_count == 5
        assert title(screen.table) == "November 2026 · this month, 91 % gone"
        assert cells(screen, "storage")[:6] == ["Storage space used", "30.5 GB", "30.0 GB",
                                                "102 %", "492 MB", "1.23"]
        assert cells(screen, "mailings")[1:4] == ["24,783", "40,000", "62 %"]
        assert title(screen.table, sub=True) == "Invoice so far NOK 1.23 · projected NOK 1.30"
        await press(pilot, "question_mark")
        keys = rendered(app.screen.query_one(Static))
        assert "←, h, [" in keys and "This month" in keys and "Back" in keys
        assert "Quit" in keys  # and the app's keys
        await press(pilot, "escape", "escape")
        assert not isinstance(app.screen, ConsumptionScreen)
        assert app.query_one(TabbedContent).active == "status"
        assert "c Consumption" in screen_text(app).splitlines()[-1]


async def test_the_button_opens_it_and_a_digit_leaves_it_for_that_tab(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        await settle(pilot)
        await pilot.click(".consumption-button")
        await settle(pilot)
        assert isinstance(app.screen, ConsumptionScreen)
        chart = app.screen.query_one(UsageChart)  # 80 wide: a year
        assert [r.month for r in chart.shown][::11] == ["2025-12", "2026-11"]
        assert title(chart) == "Storage space used · Dec 2025 – Nov 2026"
        await press(pilot, "1")
        assert not isinstance(app.screen, ConsumptionScreen)
        assert app.query_one(TabbedContent).active == "owner-superoffice"


async def test_moving_between_months_and_services(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_dashboard(pilot)
        # This month: the projection, and how it is made, for storage and for a count
        text = detail(screen)
        assert "Included: 10.0 GB + 500 MB per user × 40 users = 30.0 GB" in text
        assert "Projected 102 % of included: about NOK 1.30 over" in text
        assert "Projected: the growth since 31 Oct (+299 MB) carried on to 30 Nov." in text
        await press(pilot, "down")
        assert screen.service_key == "mailings"
        text = detail(screen)
        assert "Projected 68 % of included: stays under the threshold" in text
        assert "Projected: 24,783 in 27.4 of 30 days, scaled to the whole month." in text
        await press(pilot, "k")
        assert screen.service_key == "storage"
        # Back a month and more, across the year; never past this month
        await press(pilot, "right")
        assert screen.month == "2026-11"
        await press(pilot, "left")
        assert screen.month == "2026-10" and title(screen.table) == "October 2026"
        assert cells(screen, "storage")[1:3] == ["30.2 GB", "29.5 GB"]
        assert cells(screen, "storage")[6] == ""  # a closed month is not projected
        assert "A closed month" in detail(screen)
        await press(pilot, "h", "left_square_bracket", *["left"] * 7)
        assert screen.month == "2026-01"
        await press(pilot, "[")
        assert screen.month == "2025-12" and title(screen.table) == "December 2025"
        await press(pilot, "]", "l", "l")
        assert screen.month == "2026-03"
        # March 2026: the mailings went over, and stand out
        assert cells(screen, "mailings")[1:6] == ["53,231", "38,000", "140 %", "15,231", "761.55"]
        assert title(screen.table, sub=True) == "Invoice NOK 761.55"
        row = screen.table.row_at(screen.table._source.index_of("mailings"))
        assert app.current_theme.error.lower() in str(row.cells[3].style).lower()
        await press(pilot, "j")
        assert screen.service_key == "mailings"
        text = detail(screen)
        assert "Included: 20,000 + 500 per user × 36 users = 38,000" in text
        assert "15,231 over the threshold: NOK 761.55 on the next invoice" in text
        assert title(screen.query_one(UsageChart)) == (
            "E-mails sent via mailings · Apr 2025 – Mar 2026")
        # The first month with usage is the last one back; t returns to this month
        screen.month = "2025-01"
        await press(pilot, "left", "left")
        assert screen.month == "2024-12"
        await press(pilot, "t")
        assert screen.month == "2026-11" and screen.service_key == "mailings"


async def test_imported_usage_shows_on_reload(demo_path: Path, make_app, tmp_path: Path):
    store = Store.open(demo_path)
    app = make_app(store)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_dashboard(pilot)
            await press(pilot, "down")
            csv = tmp_path / "usage.csv"
            csv.write_text("service,month,amount,users\nmailings,2026-11,60000,40\n")
            other = Store.open(demo_path)  # as 'licscreen usage import' would, from outside
            import_usage(other, csv)
            other.close()
            await press(pilot, "r")
            await settle(pilot)
            assert isinstance(app.screen, ConsumptionScreen) and screen.month == "2026-11"
            assert screen.service_key == "mailings"
            assert cells(screen, "mailings")[1:6] == ["60,000", "40,000", "150 %", "20,000",
                                                      "1,000.00"]
            assert "Projected 164 % of included: about NOK 1,288 over" in detail(screen)
    finally:
        store.close()


async def test_the_chart_shows_two_years_when_wide(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_dashboard(pilot)
        chart = screen.query_one(UsageChart)
        assert len(chart.shown) == 24 and chart.shown[0].month == "2024-12"
        assert title(chart) == "Storage space used · Dec 2024 – Nov 2026"


async def test_a_store_without_services(empty_store, make_app):
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dashboard(pilot)
        assert screen.table.row_count == 0
        assert "No metered services in this store." in screen_text(app)
        await press(pilot, "left")
        assert screen.month == "2026-11"


def test_the_app_starts_without_loading_plotext():
    code = ("import sys, licscreen.tui.app, licscreen.tui.events.status_pane; "
            "print(any(m.split('.')[0] in ('plotext', 'textual_plotext') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
