"""What the Reclaim and Audit views share: a full screen with a filter line, a list and a
footer below it; Escape closes it, ``/`` filters, Enter in the filter goes back to the list.
The list handles as every list does (``ListHandling``): its filter line is the list's filter,
``s``/``S`` sort, ``y`` copies, ``w`` exports, the view kept per store."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from licscreen.i18n import N_, _
from licscreen.i18n.l10n import fmt_number
from licscreen.present.listing import ListView
from licscreen.present.text import clean
from licscreen.tui.events.filter_bar import FilterInput
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.key_bar import KeyBar
from licscreen.tui.widgets.list_view_state import ListHandling
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.table_model import Column
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors


class ListScreen(ReportWorkerErrors, Screen[None]):
    """A list filling the screen; subclasses say what it holds (``compose_list``), attach its
    handling (``handle_list``) and read or draw it again in ``view_changed``."""

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

    handling: ListHandling

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

    def handle_list(self, key: str, names: list[str | None], title: str,
                    export: Callable[[], ExportSource]) -> ListView:
        """The list's handling attached; the view kept for this store restored (returned)."""
        self.handling = ListHandling(key, names, self._view_changed, title=title,
                                     ask_filter=self.action_filter, export=export)
        view = self.handling.attach(self.table)
        field = self.query_one(FilterInput)
        field.value = view.filter
        field.display = bool(view.filter)
        return view

    def view_changed(self, view: ListView) -> None:
        """Read or draw the list again, as ``view`` shows it."""

    def _view_changed(self, view: ListView) -> None:
        """Sorted by a key or a click, or the filter cleared by Esc on the list."""
        field = self.query_one(FilterInput)
        if field.value != view.filter:
            field.value = view.filter
            field.display = bool(view.filter)
        self.view_changed(view)

    def typed(self, text: str) -> None:
        """The filter line's text is the list's filter (kept for next time)."""
        if self.handling.note(self.handling.view.filtered(clean(text, one_line=True))):
            self.view_changed(self.handling.view)

    def count_line(self, count: int, total: int, counted: str) -> str:
        """The border's count: ``counted`` (the list's own words), or 'N of M shown' while the
        filter holds rows back."""
        if not self.handling.view.filter:
            return counted
        return _("{n} of {total} shown").format(n=fmt_number(count), total=fmt_number(total))

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
