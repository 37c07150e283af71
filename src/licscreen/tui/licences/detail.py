"""The detail panel of the licence under the cursor, down to the users who hold it."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.i18n.l10n import date_width
from licscreen.present.export import HOLDER_FIELDS
from licscreen.present.labels import licence_type_label
from licscreen.present.listing import ListView
from licscreen.present.time import fmt_date
from licscreen.render.text import safe
from licscreen.store import Store
from licscreen.store.models import Holder, Licence
from licscreen.store.models import LicenceDetail as Detail
from licscreen.tui.context import app_of
from licscreen.tui.licences.list_view import HOLDER_SORT, HolderView, holders_export, shown_holders
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.list_view_state import ListHandling
from licscreen.tui.widgets.paged_table import PAGE_SIZE, PagedTable
from licscreen.tui.widgets.table_model import EMPTY_SOURCE, Column, Row
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

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


def read_licence(store: Store, licence_id: int | None, *, near: int = 0,
                 around: int = 0, view: ListView = ALL) -> LicenceShown:
    detail = store.licence_detail(licence_id) if licence_id is not None else None
    holders = (HolderSource(store, licence_id, near=near, around=around, view=view)
               if detail and licence_id is not None else None)
    return LicenceShown(licence_id, detail, holders)


class LicenceDetail(ReportWorkerErrors, Vertical):
    """What a licence is, its figures, how it relates to others, and its holders."""

    licence_id: int | None = None
    _drawn: Detail | None = None  # the detail drawn in the info panel

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
        return holders_export(store, self._drawn.licence, self.handling.view)

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
        shown = read_licence(app_of(self).store, licence_id, near=near, around=around,
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
        if message.detail != self._drawn:  # read again as the store changed: the same is kept
            self._drawn = message.detail
            info.update(self._render_detail(message.detail))
        if message.holders.view != self.handling.view:  # read before the view was restored
            self.show(message.licence_id, force=True)
        holders = message.holders
        table.border_title = self.handling.title_with_filter(
            _("Holders ({n})").format(n=holders.total), (holders.count(), holders.total))
        table.set_source(holders)

    def _render_detail(self, detail: Detail) -> Group:
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
        if lic.tooltip:
            facts.add_row(_("About"), safe(lic.tooltip))
        if lic.prerequisite:
            required = detail.prerequisite.description if detail.prerequisite else lic.prerequisite
            facts.add_row(_("Requires"), safe(required, one_line=True))
        if detail.required_by:
            facts.add_row(_("Required by"), _names(detail.required_by))
        if detail.grants:
            facts.add_row(_("Grants"), _names(detail.grants))
        if detail.granted_by:
            facts.add_row(_("Granted by"), _names(detail.granted_by))
        return Group(head, facts)
