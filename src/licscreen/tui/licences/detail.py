"""The detail panel of the licence under the cursor, down to the users who hold it."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.i18n.l10n import date_width
from licscreen.present.export import HOLDER_FIELDS
from licscreen.present.history import forecast_words
from licscreen.present.labels import licence_type_label
from licscreen.present.listing import ListView
from licscreen.present.text import clean
from licscreen.present.time import fmt_date
from licscreen.render.seat_chart import SeatChart
from licscreen.render.text import safe
from licscreen.store import (
    Forecast,
    Store,
    UsageDay,
    as_of_today,
    forecast,
    licence_history,
)
from licscreen.store.models import Holder, Level, Licence
from licscreen.store.models import LicenceDetail as Detail
from licscreen.tui.context import app_of
from licscreen.tui.licences.list_view import HOLDER_SORT, HolderView, holders_export, shown_holders
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.list_view_state import ListHandling
from licscreen.tui.widgets.paged_table import PAGE_SIZE, PagedTable
from licscreen.tui.widgets.table_model import EMPTY_SOURCE, Column, Row
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

CHART_DAYS = 365  # the chart's twelve months
ALL = ListView()  # the holders by user ID, unfiltered: read a page at a time


def holder_columns() -> list[Column]:
    """The holders' columns; the dates' widths are those of the language in use."""
    return [
        Column(N_("User ID"), width=8),
        Column(N_("Full name"), min_width=10),
        Column(N_("Valid from"), width=date_width(), drop_order=2),  # 11 in English
        Column(N_("Valid to"), width=date_width(), drop_order=1),
    ]

def holder_row(holder: Holder) -> Row:
    return Row(
        holder.user_id,
        (
            safe(holder.user_id, one_line=True),
            safe(holder.full_name, one_line=True),
            Text(fmt_date(holder.valid_from)),
            Text(fmt_date(holder.valid_to)),
        ),
    )


class HolderSource:
    """A licence's holders, read from the store a page at a time.

    Made in a worker, which reads the first page and the pages of the rows ``around`` either
    side of row ``near`` (where the cursor is): showing them, as the store changes under the
    app, reads nothing on the UI thread."""

    def __init__(self, store: Store, licence_id: int, *, near: int = 0, around: int = 0,
                 view: ListView = ALL) -> None:
        self.store = store
        self.licence_id = licence_id
        self.view = view
        self.total = self._count = store.holder_count(licence_id)
        self.order = (view.sort, view.descending) if view.sort is not None else None
        self._viewed = None if not view.filter else HolderView(
            shown_holders(store, licence_id, view), self.total)  # filtered: in memory
        if self._viewed is not None:
            self._count, near, around = self._viewed.count(), 0, 0
        last = min(near + around, self._count - 1)
        wanted = {0, *range(max(0, near - around) // PAGE_SIZE * PAGE_SIZE, last + 1, PAGE_SIZE)}
        self._read = {offset: store.holders(licence_id, offset, PAGE_SIZE, self.order)
                      for offset in sorted(wanted) if offset < self._count
                      and self._viewed is None}

    def count(self) -> int:
        return self._count

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        holders = self._read.get(offset) if limit == PAGE_SIZE else None
        if self._viewed is not None:
            holders = self._viewed.page(offset, limit)
        elif holders is None:
            holders = self.store.holders(self.licence_id, offset, limit, self.order)
        return [holder_row(h) for h in holders]

    def index_of(self, key: Hashable) -> int | None:
        return self._viewed.index_of(key) if self._viewed is not None else None


def _names(licences: Sequence[Licence]) -> Text:
    return Text(", ").join(safe(lic.description, one_line=True) for lic in licences)


@dataclass
class LicenceShown(Message):
    """A licence's detail and its holders, read in a worker (or before the first frame)."""

    licence_id: int | None
    detail: Detail | None
    holders: HolderSource | None
    history: tuple[UsageDay, ...] = ()  # the last 12 months
    forecast: Forecast | None = None


def read_licence(store: Store, licence_id: int | None, today: date, *, near: int = 0,
                 around: int = 0, view: ListView = ALL) -> LicenceShown:
    """A licence's detail, the holders around ``near`` in the list's ``view`` and its last 12
    months (``today``: UTC's, as the history is kept)."""
    detail = store.licence_detail(licence_id) if licence_id is not None else None
    if detail is None or licence_id is None:
        return LicenceShown(licence_id, None, None)
    holders = HolderSource(store, licence_id, near=near, around=around, view=view)
    history = licence_history(store, licence_id, today - timedelta(days=CHART_DAYS - 1), today)
    days = as_of_today(detail.licence, history, today) if history else []
    return LicenceShown(licence_id, detail, holders, tuple(days),
                        forecast(detail.licence, history, today))


class LicenceDetail(ReportWorkerErrors, Vertical):
    """What a licence is, its figures, how it relates to others, and its holders: ``+`` gives
    it to a user picked from a list, Del takes it back from the holder under the cursor."""

    HELP_TITLE = N_("Holders")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,insert", "add_holder", N_("Add holder"), key_display="+"),
        Binding("delete", "remove_holder", N_("Remove holder"), key_display="Del"),
    ]

    licence_id: int | None = None
    _drawn: tuple[Detail, tuple[UsageDay, ...]] | None = None  # drawn in the info panel

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="licence-info-scroll"):
            yield Static(Text(_("Select a licence to see its details."), style="dim italic"),
                         classes="licence-info")
        table = PagedTable(holder_columns(), empty_text=_("Nobody holds this licence."),
                           classes="holders")
        table.border_title = _("Holders")
        yield table

    def on_mount(self) -> None:
        self.border_title = _("Details")
        self.handling = ListHandling("holders", HOLDER_SORT, self._view_changed,
                                     title=_("Holders"), export=self._export)
        self.handling.attach(self.query_one(".holders", PagedTable))

    def _view_changed(self, view: ListView) -> None:
        self.show(self.licence_id, force=True)

    def _export(self) -> ExportSource:
        store = app_of(self).store
        if self._drawn is None:
            return ExportSource(HOLDER_FIELDS, lambda: iter(()), lambda: 0)
        return holders_export(store, self._drawn[0].licence, self.handling.view)

    def show(self, licence_id: int | None, *, force: bool = False) -> None:
        """Show a licence; nothing to do when it is already shown, unless ``force``."""
        if licence_id != self.licence_id or force:
            self.licence_id = licence_id
            tables = self.query(".holders").results(PagedTable)
            holders = next(tables, None)  # where the holders' cursor is: its rows are read
            near, around = (holders.cursor, holders.size.height) if holders else (0, 0)
            self.load_licence(licence_id, near, around)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_licence(self, licence_id: int | None, near: int = 0, around: int = 0) -> None:
        app = app_of(self)
        shown = read_licence(app.store, licence_id, app.utc_today(), near=near, around=around,
                             view=self.handling.view)
        if not get_current_worker().is_cancelled:
            self.post_message(shown)

    def on_licence_shown(self, message: LicenceShown) -> None:
        message.stop()
        if message.licence_id == self.licence_id:  # not one the cursor has already left
            self.present(message)

    def present(self, message: LicenceShown) -> None:
        self.licence_id = message.licence_id
        info = self.query_one(".licence-info", Static)
        table = self.query_one(".holders", PagedTable)
        if message.detail is None or message.holders is None:
            self._drawn = None
            info.update(Text(_("Select a licence to see its details."), style="dim italic"))
            table.set_source(EMPTY_SOURCE)
            return
        drawn = (message.detail, message.history)
        if drawn != self._drawn:  # read again as the store changed: the same is kept
            self._drawn = drawn
            info.update(self._render_detail(message.detail, message.history, message.forecast))
        if message.holders.view != self.handling.view:  # read before the view was restored
            self.show(message.licence_id, force=True)
        holders = message.holders
        table.border_title = self.handling.title_with_filter(
            _("Holders ({n})").format(n=holders.total), (holders.count(), holders.total))
        table.set_source(holders)

    def _style(self, level: Level) -> str:
        return level_style(self.app, level)

    def _render_detail(self, detail: Detail, history: Sequence[UsageDay] = (),
                       outlook: Forecast | None = None) -> Group:
        lic = detail.licence
        kind = licence_type_label(lic.type, noun=True)
        if lic.is_user_plan:
            kind += " · " + _("user plan")
        head = Text.assemble(safe(lic.description, "bold", one_line=True), "\n")
        head.append(Text.assemble(safe(lic.name, one_line=True), f" · {kind}", style="dim"))
        facts = Table.grid(padding=(0, 1))
        facts.add_column(style="bold", no_wrap=True)
        facts.add_column()
        if lic.unrestricted:
            facts.add_row(_("Counter"), Text(_("unrestricted: no counter, anyone may use it")))
        else:
            figures = Text(_("{total} total · {used} in use · ").format(
                total=lic.total, used=lic.in_use))
            figures.append(_("{free} free").format(free=lic.free),
                           style=level_style(self.app, lic.level))
            facts.add_row(_("Licences"), figures)
            if lic.over_assigned:
                facts.add_row("", Text(_("Over-assigned: {n} more holders than licences").format(
                    n=-lic.free), style=level_style(self.app, lic.level)))
            if outlook is not None:
                facts.add_row(_("Forecast"), Text(forecast_words(outlook),
                                                  style=self._style(outlook.level)))
        more = Table.grid(padding=(0, 1))
        more.add_column(style="bold", no_wrap=True)
        more.add_column()
        if lic.tooltip:
            more.add_row(_("About"), safe(lic.tooltip))
        if lic.prerequisite:
            required = detail.prerequisite.description if detail.prerequisite else lic.prerequisite
            more.add_row(_("Requires"), safe(required, one_line=True))
        if detail.required_by:
            more.add_row(_("Required by"), _names(detail.required_by))
        if detail.grants:
            more.add_row(_("Grants"), _names(detail.grants))
        if detail.granted_by:
            more.add_row(_("Granted by"), _names(detail.granted_by))
        if lic.unrestricted:
            return Group(head, facts, more)
        chart = SeatChart(history, self._style)  # figures first, the 12 months, then the rest
        return Group(head, facts, Text(_("In use over 12 months"), style="bold"), chart, more)

    # Holders given and taken back (tui/users/holders.py)

    def action_add_holder(self) -> None:
        from licscreen.tui.users.holders import may_write
        from licscreen.tui.users.picker import UserPicker

        licence_id = self.licence_id
        if licence_id is None or self._drawn is None or not may_write(app_of(self)):
            return
        title = _("Give {licence} to").format(licence=clean(self._drawn[0].licence.description,
                                                             one_line=True))
        self.app.push_screen(UserPicker(title), lambda user: self._picked(licence_id, user))

    def _picked(self, licence_id: int, user_id: str | None) -> None:
        if user_id is not None:
            self.write_holder(licence_id, user_id, give=True)

    def action_remove_holder(self) -> None:
        from licscreen.tui.users.holders import may_write
        from licscreen.tui.widgets.confirm import ConfirmScreen

        user = self.query_one(".holders", PagedTable).cursor_key
        licence_id = self.licence_id
        if licence_id is None or self._drawn is None or not isinstance(user, str) \
                or not may_write(app_of(self)):
            return
        name = self._drawn[0].licence.description
        question = safe(_("Take {licence} back from {user}?").format(licence=name, user=user))
        self.app.push_screen(ConfirmScreen(_("Remove holder"), question, yes=_("Remove"),
                                           danger=True),
                             lambda yes: self._remove_confirmed(bool(yes), licence_id, user))

    def _remove_confirmed(self, yes: bool, licence_id: int, user_id: str) -> None:
        if yes:
            self.write_holder(licence_id, user_id, give=False)

    @work(thread=True, group="seat-write", exit_on_error=False)
    def write_holder(self, licence_id: int, user_id: str, *, give: bool) -> None:
        from licscreen.tui.users.holders import show_written, write_seats

        app = app_of(self)
        app.call_from_thread(show_written, app, write_seats(app, licence_id, user_id, give=give))
