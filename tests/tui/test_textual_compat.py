"""The private Textual APIs of tui/textual_compat.py still do what licscreen uses them for."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets.tabbed_content import ContentTab

from licscreen.tui.textual_compat import breakpoint_classes, class_bindings
from licscreen.tui.widgets.confirm import ConfirmScreen
from licscreen.tui.widgets.paged_table import PagedTable

BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (150, "-wide")]


async def test_breakpoint_classes_are_those_textual_gives_on_a_resize():
    app = App[None]()
    app.HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen: Screen[object] = app.screen
        assert breakpoint_classes(screen, 120, BREAKPOINTS) == {"-medium"}
        assert screen.has_class("-medium")  # what Textual itself gave the screen at 120
        assert breakpoint_classes(screen, 80, BREAKPOINTS) == {"-narrow"}
        assert breakpoint_classes(screen, 200, BREAKPOINTS) == {"-wide"}


def test_class_bindings_holds_own_and_inherited_keys():
    class Table(PagedTable):
        BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "mark", "Mark")]

    keys = class_bindings(Table).key_to_bindings
    assert keys["x"][0].action == "mark"
    assert keys["j"][0].action == "cursor_down"  # PagedTable's
    assert "y" in class_bindings(ConfirmScreen).key_to_bindings


def test_content_tab_is_public():
    assert ContentTab.sans_prefix(ContentTab.add_prefix("status")) == "status"
