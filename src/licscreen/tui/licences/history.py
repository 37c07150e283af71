"""The history of licence activations: when, by whom, and what changed."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.i18n.l10n import moment_width
from licscreen.licence.shapes import HISTORY_CSV_FIELDS, activation_json, history_csv_rows
from licscreen.licence.state import (
    Activation,
    activation,
    activation_position,
    history,
    history_count,
)
from licscreen.present.labels import change_kind_label
from licscreen.present.listing import ListView, apply_view
from licscreen.present.time import fmt_date, fmt_time
from licscreen.render.text import safe
from licscreen.store import Store
from licscreen.tui.context import app_of
from licscreen.tui.licences.activate import total_text
from licscreen.tui.live import StoreChange
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.list_view_state import ListHandling
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.table_model import Column, Row

if TYPE_CHECKING:
    from licscreen.tui.app import LicScreenApp
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors


def history_columns() -> list[Column]:
    """The history's columns; the moments' width is that of the language in use."""
    return [
        Column(N_("Activated"), width=moment_width(with_year=True)),  # 17 in English
        Column(N_("By"), width=8, drop_order=1),
        Column(N_("Licence"), min_width=12),
        Column(N_("How"), width=10, drop_order=2),
    ]


# The history's columns, as a sort names them, and each one's value.
HISTORY_SORT: list[str | None] = ["activated", "by", "licence", "how"]
HISTORY_KEYS = {"activated": lambda a: a.activated_at, "by": lambda a: a.activated_by,
                "licence": lambda a: (a.owner, a.licence_version), "how": lambda a: a.automatic}


class HistorySource:
    """Activations, newest first, read a page at a time; sorted or filtered (a few dozen):
    every one read and kept."""

    def __init__(self, store: Store, now: datetime, view: ListView | None = None) -> None:
        self.store = store
        self.now = now
        self.total = self._count = history_count(store)
        self._viewed: list[Activation] | None = None
        if view is not None and view != ListView():
            every = history(store, None, 0, max(1, self._count))
            self._viewed = apply_view(every, view, keys=HISTORY_KEYS, texts=lambda a: [
                cell.plain for cell in self.row(a).cells])
            self._count = len(self._viewed)
            self._index = {a.id: i for i, a in enumerate(self._viewed)}

    def count(self) -> int:
        return self._count

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        if self._viewed is not None:
            return [self.row(a) for a in self._viewed[offset:offset + limit]]
        return [self.row(a) for a in history(self.store, None, offset, limit)]

    def row(self, act: Activation) -> Row:
        how = _("automatic") if act.automatic else _("by admin")
        return Row(act.id, (
            Text(fmt_time(act.activated_at, self.now)),
            safe(act.activated_by or "", one_line=True),
            safe(_("{owner} v{version}").format(owner=act.owner, version=act.licence_version),
                 one_line=True),
            Text(how, style="dim" if act.automatic else ""),
        ))

    def index_of(self, key: Hashable) -> int | None:
        if self._viewed is not None:
            return self._index.get(key) if isinstance(key, int) else None
        index = activation_position(self.store, key) if isinstance(key, int) else None
        return index if index is not None and index < self._count else None

    def activations(self) -> list[Activation]:
        """Every activation the view shows, in its order."""
        if self._viewed is not None:
            return self._viewed
        return history(self.store, None, 0, max(1, self._count))


def history_export(store: Store, now: datetime, view: ListView) -> ExportSource:
    """The activations as ``view`` shows them, as ``licscreen licence history --json`` and
    ``--csv`` write them (read in the writing thread, by ``count``, which it asks first)."""
    shown: list[Activation] = []

    def count() -> int:
        shown[:] = HistorySource(store, now, view).activations()
        return len(shown)

    def rows() -> Iterator[dict[str, Any]]:
        return (activation_json(act) for act in shown)

    def csv_rows() -> Iterator[dict[str, Any]]:
        return (row for act in shown for row in history_csv_rows(act))

    return ExportSource(HISTORY_CSV_FIELDS, rows, count, csv_rows)


def changes_view(act: Activation, app: LicScreenApp) -> Group:
    """What an activation changed, for people."""
    changes = act.changes
    head = Text.assemble(safe(changes.description, "bold", one_line=True), "  ",
                         _("licence version {old} → {new}").format(
                             old=changes.old_version or "—", new=changes.new_version))
    facts = Table.grid(padding=(0, 1))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    how = _("automatically, on loading") if act.automatic else _("after review")
    facts.add_row(_("Activated"), safe(_("{when} by {who}, {how}").format(
        when=fmt_time(act.activated_at, app.now()), who=act.activated_by or "?", how=how),
        one_line=True))
    if changes.old_expires != changes.new_expires:
        old, new = (fmt_date(changes.old_expires) or _("never"),
                    fmt_date(changes.new_expires) or _("never"))
        facts.add_row(_("Expires"), Text(f"{old} → {new}"))
    for m in changes.modules:
        line = Text(total_text(m.old_total, m.new_total, (m.old_unrestricted, m.new_unrestricted)))
        line.append(f"  {change_kind_label(m.kind)}", style="dim")
        facts.add_row(safe(m.description, one_line=True), line)
    if not changes.modules:
        facts.add_row(_("Totals"), Text(_("no total changed"), style="dim"))
    by_licence: dict[str, list[str]] = {}
    for licence, user in act.removed_holders:
        by_licence.setdefault(licence, []).append(user)
    for licence, users in by_licence.items():
        module = changes.module(licence)
        facts.add_row(_("Removed"), safe(_("{users} from {licence}").format(
            users=", ".join(users), licence=module.description if module else licence)))
    return Group(head, facts)


@dataclass
class HistoryRead(Message):
    source: HistorySource


@dataclass
class ActivationRead(Message):
    activation: Activation | None


class HistoryScreen(ReportWorkerErrors, ModalScreen[None]):
    """Every activation, newest first; the selected one's changes below."""

    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > Vertical {
        width: 90; max-width: 98%; height: 90%; padding: 0 1;
        border: round $accent; background: $panel;
    }
    HistoryScreen .history { height: 2fr; min-height: 4; max-height: 12; }
    HistoryScreen .history-scroll { height: 3fr; border-top: solid $primary 30%; }
    HistoryScreen .history-detail { height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h", "close", N_("Close")),
        Binding("question_mark,f1", "help", N_("Help"), key_display="?"),
    ]

    def __init__(self, select: int | None = None) -> None:
        """``select``: an activation to put the cursor on (the newest otherwise)."""
        super().__init__()
        self.select = select

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("Licence history")
            box.border_subtitle = _("Esc closes")
            yield PagedTable(history_columns(), empty_text=_("No licence activated yet."),
                             classes="history")
            with VerticalScroll(classes="history-scroll"):
                yield Static(classes="history-detail")

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.focus()
        app_of(self).store_changed.subscribe(self, self._store_changed)
        self.handling = ListHandling("history", HISTORY_SORT, self._view_changed,
                                     title=_("Licence history"), export=self._export)
        self.handling.attach(table)
        self.load_history()

    def _store_changed(self, change: StoreChange) -> None:
        if change & StoreChange.LICENCES:
            self.load_history()

    def _view_changed(self, _view: ListView) -> None:
        self.load_history()

    def _export(self) -> ExportSource:
        app = app_of(self)
        return history_export(app.store, app.now(), self.handling.view)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load_history(self) -> None:
        app = app_of(self)
        source = HistorySource(app.store, app.now(), self.handling.view)
        if not get_current_worker().is_cancelled:
            self.post_message(HistoryRead(source))

    def on_history_read(self, message: HistoryRead) -> None:
        table = self.query_one(PagedTable)
        table.set_source(message.source, keep=self.select)
        self.select = None
        self.query_one(Vertical).border_title = self.handling.title_with_filter(
            _("Licence history"), (message.source.count(), message.source.total))

    def on_paged_table_cursor_moved(self, message: PagedTable.CursorMoved) -> None:
        message.stop()
        self.load_activation(message.key)

    @work(thread=True, exclusive=True, group="history-detail", exit_on_error=False)
    def load_activation(self, activation_id: Hashable | None) -> None:
        store = app_of(self).store
        found = activation(store, int(activation_id)) if isinstance(activation_id, int) else None
        if not get_current_worker().is_cancelled:
            self.post_message(ActivationRead(found))

    def on_activation_read(self, message: ActivationRead) -> None:
        detail = self.query_one(".history-detail", Static)
        if message.activation is None:
            detail.update(Text(_("Licences activated from a file are listed here."),
                               style="dim italic"))
        else:
            detail.update(changes_view(message.activation, app_of(self)))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        """The keys of the history and of its list (s/S, /, y, w)."""
        from licscreen.tui.widgets.help_screen import HelpScreen

        self.app.push_screen(HelpScreen([(_("Licence history"), HistoryScreen),
                                         (_("In a list"), PagedTable)]))
