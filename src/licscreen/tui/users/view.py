"""What the Reclaim and Audit views share: a full screen with a filter line, a list and a
footer below it; Escape closes it, ``/`` filters, Enter in the filter goes back to the list."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from licscreen.i18n import N_
from licscreen.tui.events.filter_bar import FilterInput
from licscreen.tui.widgets.key_bar import KeyBar
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.table_model import Column
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors


class ListScreen(ReportWorkerErrors, Screen[None]):
    """A list filling the screen; subclasses say what it holds (``compose_list``)."""

    AUTO_FOCUS = ".view-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", N_("Close")),
        Binding("slash", "filter", N_("Filter"), key_display="/"),
    ]
    DEFAULT_CSS = """
    ListScreen .view-list {
        height: 1fr; padding: 0 1; border: round $accent;
        border-title-color: $text-accent; border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    ListScreen .view-footer { height: auto; max-height: 8; padding: 0 1; }
    """

    def compose_list(self, columns: list[Column], *, title: str, empty: str,
                     placeholder: str) -> ComposeResult:
        yield FilterInput(placeholder=placeholder, compact=True)
        table = PagedTable(columns, empty_text=empty, classes="view-list")
        table.border_title = title
        yield table
        yield Static(classes="view-footer")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(FilterInput).display = False

    @property
    def table(self) -> PagedTable:
        return self.query_one(".view-list", PagedTable)

    @property
    def footer(self) -> Static:
        return self.query_one(".view-footer", Static)

    def action_filter(self) -> None:
        field = self.query_one(FilterInput)
        field.display = True
        field.focus()

    @on(Input.Submitted, "FilterInput")
    def _back_to_list(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()
