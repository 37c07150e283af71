"""The footer's key bar: the keys that work here, drawn in the first frame, clickable."""

from __future__ import annotations

from textual.widgets import TabbedContent

from licscreen.tui.widgets.help_screen import HelpScreen
from licscreen.tui.widgets.key_bar import KeyBar
from tests.kit.app import settle


def entry_x(bar: KeyBar, description: str) -> int:
    """Where an entry starts on the bar (the space before its keys)."""
    text = bar.render().plain
    return text.index(f" {description} ") - len(next(
        item.label for item in bar.drawn if item.description == description)) - 1


async def test_the_first_frame_shows_the_keys(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        # The focused licence list's pane first (its keys), then the keys that work everywhere.
        assert [(item.label, item.description) for item in bar.drawn][:5] == [
            ("l", "Load licence"), ("h", "History"), ("q", "Quit"), ("?", "Help"),
            ("123", "Tabs")]
        assert bar.render().plain.startswith(
            " l Load licence  h History  q Quit  ? Help  123 Tabs ")


async def test_keys_follow_the_tab(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        bar = app.query_one(KeyBar)
        assert "Consumption" not in [item.description for item in bar.drawn]
        await pilot.press("4")
        await settle(pilot)
        assert "Consumption" in [item.description for item in bar.drawn]
        assert "Load licence" not in [item.description for item in bar.drawn]


async def test_a_click_on_a_key_presses_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        bar = app.query_one(KeyBar)
        start = entry_x(bar, "Tabs")
        await pilot.click(KeyBar, offset=(start + 2, 0))  # the "2" of "123"
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "owner-docuflow"
        await pilot.click(KeyBar, offset=(entry_x(bar, "Help") + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_a_key_that_would_do_nothing_is_dimmed(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4", "c")  # the consumption dashboard opens on this month
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        this_month = next(item for item in bar.drawn if item.description == "This month")
        assert not this_month.enabled
        line = bar.render()
        start = line.plain.index(" t This month")
        assert line.get_style_at_offset(app.console, start + 1).dim
