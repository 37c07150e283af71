"""One licence owner's tab: the owner block, the licence list and the licence's details."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.present.history import owner_dates, sparkline
from licscreen.present.time import fmt_date, fmt_days_left
from licscreen.render.text import safe
from licscreen.store import Licence, Owner, Store, as_of_today, usage_history
from licscreen.tui.context import app_of
from licscreen.tui.licences import actions
from licscreen.tui.licences.detail import LicenceDetail, LicenceShown, read_licence
from licscreen.tui.licences.list_view import LICENCE_SORT, licences_export, shown_licences
from licscreen.tui.licences.status_line import LicenceStatusLine, read_status
from licscreen.tui.live import StoreChange
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.list_view_state import ListHandling
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.table_model import Column, ListSource, Row
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

TREND_DAYS = 90  # the trend column's days: the forecast's
LICENCE_COLUMNS = [
    Column(N_("Licence"), min_width=20),
    Column(N_("In use"), width=6, justify="right"),
    Column(N_("Free"), width=5, justify="right"),
    Column(N_("Total"), width=5, justify="right"),
    # A sparkline of the last 90 days, on wide terminals only: the names keep 20 columns.
    Column(N_("Trend"), width=13, drop_order=1),
]


class OwnerHeader(Static):
    """Company name, serial number and, when the licence is time-limited, its expiry."""

    _shown: tuple[Owner | None, date] | None = None

    def show(self, owner: Owner | None, today: date) -> None:
        if (owner, today) == self._shown:
            return  # read again as the store changed, and the same: nothing to draw
        self._shown = (owner, today)
        if owner is None:
            self.update(Text(_("No licence from this owner in the store."), style="dim italic"))
            return
        left: list[tuple[str, Text]] = [
            (_("Company"), safe(owner.company_name, "bold", one_line=True)),
            (_("Serial number"), safe(owner.serial_number, one_line=True))]
        if owner.expires is not None:
            days = owner.days_left(today)
            style = level_style(self.app, owner.expiry_level(today))
            expiry = Text(fmt_date(owner.expires))
            expiry.append(f"  ({fmt_days_left(days or 0)})", style=style)
            left.append((_("Expires"), expiry))
        right = [(label, Text(fmt_date(when), style=level_style(self.app, level)))
                 for label, when, level in owner_dates(owner, today)]  # grace, maintenance...
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        if right:
            grid.add_column(style="bold", no_wrap=True)
            grid.add_column(no_wrap=True)
        blank = ("", Text(""))
        for n in range(max(len(left), len(right))):
            cells: list[str | Text] = list(left[n] if n < len(left) else blank)
            if right:
                cells += right[n] if n < len(right) else blank
            grid.add_row(*cells)
        self.update(grid)


def licence_row(licence: Licence, app: App[Any], trend: Sequence[int] = ()) -> Row:
    name = safe(licence.description, one_line=True)
    if licence.unrestricted:
        return Row(licence.id, (name, Text(""), Text(""), Text("∞", style="dim")))
    spark = sparkline(trend, LICENCE_COLUMNS[-1].width, licence.total) if trend else ""
    return Row(
        licence.id,
        (
            name,
            Text(str(licence.in_use)),
            Text(str(licence.free), style=level_style(app, licence.level)),
            Text(str(licence.total)),
            Text(spark, style=level_style(app, licence.level) or "dim"),
        ),
    )


def licence_rows(licences: list[Licence], app: App[Any],
                 trends: Mapping[int, Sequence[int]] | None = None) -> list[Row]:
    """The list as the Licences screen shows it: system licences, then user licences."""
    rows: list[Row] = []
    for title, system in ((_("System licences"), True), (_("User licences"), False)):
        group = [lic for lic in licences if lic.type.is_system == system]
        if group:
            rows.append(Row(None, (Text(title),)))
            rows.extend(licence_row(lic, app, (trends or {}).get(lic.id, ())) for lic in group)
    return rows


class OwnerPane(ReportWorkerErrors, Vertical):
    """The SuperOffice tab, or a third-party owner's tab, and the keys of the licence flow."""

    HELP_TITLE = N_("Licences")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "load_licence", N_("Load licence")),
        Binding("a", "licence_update", N_("Activate / what changed"), show=False),
        Binding("h", "licence_history", N_("History"),
                tooltip=N_("The history of licence activations")),
        Binding("p", "purchase_licences", N_("Purchase licences"), show=False),
    ]

    selected: reactive[int | None] = reactive(None, init=False)  # the first detail is preloaded

    @dataclass
    class Loaded(Message):
        owner: Owner | None
        licences: list[Licence]
        first: LicenceShown | None = None  # the first licence's detail, when read up front
        trends: dict[int, list[int]] | None = None  # in use, the last 90 days, by licence

    def __init__(self, owner_name: str, initial: Loaded | None = None, **kwargs: Any) -> None:
        """``initial``: data read before the first frame, so the first screen is complete."""
        super().__init__(**kwargs)
        self.owner_name = owner_name
        self._initial = initial
        self._licences: list[Licence] = []
        self._trends: dict[int, list[int]] = {}  # in use, the last 90 days, by licence
        self.handling = ListHandling(f"licences/{owner_name}", LICENCE_SORT,
                                     lambda _view: self._show_licences(), title=_("Licences"),
                                     export=lambda: licences_export(self._shown))
        self._shown: list[Licence] = []

    def compose(self) -> ComposeResult:
        yield OwnerHeader(classes="owner-header")
        yield LicenceStatusLine(self.owner_name)  # a new licence waits, or was just activated
        with Horizontal(classes="owner-body"):
            table = PagedTable(LICENCE_COLUMNS, empty_text=_("No licences"), classes="licences")
            table.border_title = _("Licences")
            yield table
            yield LicenceDetail()

    def on_mount(self) -> None:
        app_of(self).store_changed.subscribe(self, self._store_changed)
        self.handling.attach(self.table)
        if self._initial is not None:
            self.on_owner_pane_loaded(self._initial)
            self._initial = None
        else:
            self.load_licences()

    def _store_changed(self, change: StoreChange) -> None:
        if change & StoreChange.LICENCES:
            self.load_licences()

    @property
    def table(self) -> PagedTable:
        return self.query_one(".licences", PagedTable)

    @staticmethod
    def read(store: Store, owner_name: str, today: date, *,
             with_first: bool = False) -> OwnerPane.Loaded:
        """An owner and its visible licences, their last 90 days (and the first one's
        detail, if asked). ``today``: UTC's, as the history is kept."""
        owner = next((o for o in store.owners() if o.name == owner_name), None)
        licences = store.licences(owner_name)
        first = read_licence(store, licences[0].id, today) if with_first and licences else None
        history = usage_history(store, [lic.id for lic in licences],
                                today - timedelta(days=TREND_DAYS - 1), today)
        trends = {lic.id: [d.in_use for d in as_of_today(lic, history[lic.id], today)]
                  for lic in licences if lic.id in history}
        return OwnerPane.Loaded(owner, licences, first, trends)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_licences(self) -> None:
        app = app_of(self)
        loaded = self.read(app.store, self.owner_name, app.utc_today())
        if not get_current_worker().is_cancelled:
            self.post_message(loaded)

    def on_owner_pane_loaded(self, message: Loaded) -> None:
        message.stop()
        detail = self.query_one(LicenceDetail)
        if message.first is not None:
            detail.present(message.first)
        elif self.selected is not None:
            detail.show(self.selected, force=True)
        self.query_one(OwnerHeader).show(message.owner, app_of(self).today())
        self.query_one(LicenceStatusLine).load_status()
        self._licences = message.licences
        self._trends = message.trends or {}
        self._show_licences()

    def _show_licences(self) -> None:
        """The licences as the list's view shows them (sorted within their groups)."""
        self._shown = shown_licences(self._licences, self.handling.view)
        self.table.set_source(ListSource(licence_rows(self._shown, self.app, self._trends)))
        self.table.border_title = self.handling.title_with_filter(_("Licences"))
        self.handling.shown(len(self._shown), len(self._licences))

    def on_paged_table_cursor_moved(self, message: PagedTable.CursorMoved) -> None:
        if message.table is self.table:
            message.stop()
            self.selected = message.key if isinstance(message.key, int) else None

    def watch_selected(self, licence_id: int | None) -> None:
        self.query_one(LicenceDetail).show(licence_id)

    def select_licence(self, key: Hashable) -> None:
        """Put the cursor on a licence (the command palette jumps here), now or once loaded."""
        self.table.select_key(key)
        self.table.focus()

    # The licence flow's keys

    def action_load_licence(self) -> None:
        actions.load_licence(app_of(self))

    def action_licence_update(self) -> None:
        """Review and activate the licence that waits, or see what the last one changed."""
        self.load_licence_status()

    @on(LicenceStatusLine.Clicked)
    def _status_clicked(self, message: LicenceStatusLine.Clicked) -> None:
        message.stop()
        self.action_licence_update()

    @work(thread=True, exclusive=True, group="licence-status", exit_on_error=False)
    def load_licence_status(self) -> None:
        app = app_of(self)
        status = read_status(app.store, self.owner_name)
        if not get_current_worker().is_cancelled:
            app.call_from_thread(actions.show_licence_status, app, status)

    def action_licence_history(self) -> None:
        from licscreen.tui.licences.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_purchase_licences(self) -> None:
        from licscreen.tui.licences.purchase import PurchaseScreen

        self.app.push_screen(PurchaseScreen())
