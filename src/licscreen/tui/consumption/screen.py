"""The consumption dashboard: the metered services month by month, against their thresholds.

Opened from the Status tab (its Consumption button, or ``c``). The table lists every service
for the selected month (the current one at first): used, included, use, over, the charge and,
for the current month, the projection to its end. Below it the selected service's threshold,
outcome and how it is projected, and a chart of the months up to the selected one.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.present.amounts import fmt_month_short
from licscreen.present.labels import service_name
from licscreen.present.mirror import usage_gap
from licscreen.render.text import safe
from licscreen.store import (
    MeteredService,
    MonthlyUsage,
    ServiceMonth,
    StoreError,
    invoice_total,
    is_mirror,
    month_figures,
    month_key,
    months_between,
    months_ending,
    projected_invoice_total,
    service_series,
)
from licscreen.tui.consumption.chart import MONTHS_WIDE, UsageChart, legend
from licscreen.tui.consumption.text import (
    SERVICE_SORT,
    detail_text,
    invoice_line,
    month_heading,
    service_columns,
    service_row,
    services_export,
    shown_services,
)
from licscreen.tui.context import app_of
from licscreen.tui.live import StoreChange
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.help_screen import HelpScreen
from licscreen.tui.widgets.key_bar import KeyBar
from licscreen.tui.widgets.list_view_state import ListHandling
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.table_model import ListSource
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

MONTHS = Binding.Group(N_("Month"), compact=True)
LEAVE = Binding.Group(N_("Back, to that tab"), compact=True)


class ConsumptionScreen(ReportWorkerErrors, Screen[None]):
    """How much of each metered service was used per month, and what the overage costs."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back")),
        Binding("left,h,left_square_bracket", "month(-1)", N_("Previous month"), group=MONTHS,
                key_display="←"),
        Binding("right,l,right_square_bracket", "month(1)", N_("Next month"), group=MONTHS,
                key_display="→"),
        Binding("t", "this_month", N_("This month")),
        Binding("question_mark,f1", "help", N_("Help"), key_display="?"),
        *[Binding(str(n), f"leave_to_tab({n})", N_("Back, to tab {n}").format(n=n), show=False,
                  group=LEAVE) for n in range(1, 10)],
    ]

    month: reactive[str] = reactive("", init=False)
    service_key: reactive[str | None] = reactive(None, init=False)

    @dataclass
    class Loaded(Message):
        services: list[MeteredService]
        usage: list[MonthlyUsage]
        currency: str

    def __init__(self) -> None:
        super().__init__()
        self.services: list[MeteredService] = []
        self.usage: list[MonthlyUsage] = []
        self.currency = ""
        self.months: list[str] = []  # the months one can move between, oldest first
        self.rows: list[ServiceMonth] = []  # the selected month's figures, as shown
        self.every: list[ServiceMonth] = []  # and all of them
        self._keys_shown: tuple[bool | None, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        empty = _("No metered services in this store.")
        with suppress(StoreError, sqlite3.Error):  # the load's worker reports a bad store
            if is_mirror(app_of(self).store):  # sync never reads them: say where they come from
                empty = _("Metered services: {words}").format(words=usage_gap())
        table = PagedTable(service_columns(), empty_text=empty, classes="services")
        yield table
        yield Static(classes="service-detail")
        yield UsageChart(classes="usage-chart")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = _("Consumption")
        self.table.focus()
        app_of(self).store_changed.subscribe(self, self._store_changed)
        self.handling = ListHandling("services", SERVICE_SORT, lambda _view: self.show_month(),
                                     title=_("Consumption"), export=self._export)
        self.handling.attach(self.table)
        self.load_usage()

    def _store_changed(self, change: StoreChange) -> None:
        if change & StoreChange.OTHER:  # the usage: imported by another process
            self.load_usage()

    @property
    def table(self) -> PagedTable:
        return self.query_one(".services", PagedTable)

    @property
    def current_month(self) -> str:
        return month_key(app_of(self).now())

    # Reading the store

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_usage(self) -> None:
        """Read the services and their usage."""
        store = app_of(self).store
        services, usage = store.services(), store.usage()
        installation = store.installation()
        if not get_current_worker().is_cancelled:
            currency = installation.currency if installation else ""
            self.post_message(self.Loaded(services, usage, currency))

    def on_consumption_screen_loaded(self, message: Loaded) -> None:
        message.stop()
        self.services, self.usage, self.currency = message.services, message.usage, message.currency
        current = self.current_month
        known = [u.month for u in self.usage]
        self.months = months_between(min([*known, current]), max([*known, current]))
        if self.month not in self.months:
            self.set_reactive(ConsumptionScreen.month, current)
        self.show_month()

    # Drawing

    def show_month(self) -> None:
        now = app_of(self).now()
        self.every = every = month_figures(self.services, self.usage, self.month, now)
        self.rows = shown_services(every, self.handling.view)
        table = self.table
        table.border_title = self.handling.title_with_filter(month_heading(self.month, now),
                                                             (len(self.rows), len(every)))
        projected = projected_invoice_total(every) if self.month == self.current_month else None
        table.border_subtitle = invoice_line(invoice_total(every), projected, self.currency)
        height = len(self.rows) + 3 if self.rows else 4  # borders and header: no scrolling
        if table.styles.height is None or table.styles.height.value != height:
            table.styles.height = height
        table.set_source(ListSource([service_row(row, self.app) for row in self.rows]),
                         keep=self.service_key)
        keys = tuple(self.check_action(a, p) for a, p in (("month", (-1,)), ("month", (1,)),
                                                          ("this_month", ())))
        if keys != self._keys_shown:  # the footer greys the keys that would do nothing
            self._keys_shown = keys
            self.refresh_bindings()
        self.show_service()

    def _export(self) -> ExportSource:
        return services_export(self.month, self.currency, self.every, self.rows)

    def show_service(self) -> None:
        row = next((r for r in self.rows if r.service.key == self.service_key), None)
        chart = self.query_one(UsageChart)
        if row is None:
            self.query_one(".service-detail", Static).update(
                detail_text(None, None, self.currency, app_of(self).now(), self.app))
            chart.show([])
            chart.border_title = None
            return
        series = service_series(row.service, self.usage, months_ending(self.month, MONTHS_WIDE),
                                app_of(self).now())
        previous = series[-2] if len(series) > 1 else None
        self.query_one(".service-detail", Static).update(
            detail_text(row, previous, self.currency, app_of(self).now(), self.app))
        chart.show(series)
        chart.border_subtitle = legend(self.app, row.service.unit)
        self._title_chart()

    def _title_chart(self) -> None:
        chart = self.query_one(UsageChart)
        shown = chart.shown
        if not shown:
            return
        title = safe(service_name(shown[-1].service.key, shown[-1].service.name), one_line=True)
        title.append(" · " + _("{first} – {last}").format(
            first=fmt_month_short(shown[0].month), last=fmt_month_short(shown[-1].month)))
        chart.border_title = title

    def on_resize(self) -> None:
        self.call_after_refresh(self._title_chart)  # 12 or 24 months, by the chart's width

    def watch_month(self) -> None:
        self.show_month()

    def watch_service_key(self) -> None:
        self.show_service()

    def on_paged_table_cursor_moved(self, message: PagedTable.CursorMoved) -> None:
        message.stop()
        if isinstance(message.key, str):
            self.service_key = message.key

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        step = parameters[0] if parameters else 0
        if action == "month" and self.month in self.months and isinstance(step, int):
            index = self.months.index(self.month) + step
            return True if 0 <= index < len(self.months) else None  # None: shown, greyed
        if action == "this_month":
            return True if self.month != self.current_month else None
        return True

    def action_month(self, step: int) -> None:
        if self.month in self.months:
            index = self.months.index(self.month) + step
            if 0 <= index < len(self.months):
                self.month = self.months[index]

    def action_this_month(self) -> None:
        self.month = self.current_month

    def action_back(self) -> None:
        self.dismiss()

    def action_leave_to_tab(self, number: int) -> None:
        app = app_of(self)
        # Forget the focus under us: restored, it would bring its own tab back to the front.
        app.screen_stack[0].set_focus(None)
        self.dismiss()
        app.action_show_tab(number)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen([(_("Consumption"), ConsumptionScreen),
                                         (_("In the list of services"), PagedTable),
                                         (_("Everywhere"), type(self.app))]))
