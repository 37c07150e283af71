"""The Audit view: every change licscreen made to the store, newest first, filterable; the
entry under the cursor shown whole below the list."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _, ngettext
from licscreen.i18n.l10n import fmt_number
from licscreen.present.labels import change_text
from licscreen.present.text import clean
from licscreen.present.time import fmt_time
from licscreen.render.text import safe
from licscreen.store import AuditEntry, Store, audit_count, audit_entries
from licscreen.tui.context import app_of
from licscreen.tui.events.filter_bar import FilterInput
from licscreen.tui.widgets.key_bar import KeyBar
from licscreen.tui.widgets.paged_table import PAGE_SIZE, PagedTable
from licscreen.tui.widgets.table_model import Column, Row
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

COLUMNS = [Column(N_("When"), width=12), Column(N_("Who"), width=16, drop_order=1),
           Column(N_("Command"), width=18, drop_order=2), Column(N_("Change"), min_width=20)]


class AuditSource:
    """The entries ``text`` filters, newest first; the count and first page read up front."""

    def __init__(self, store: Store, now: datetime, text: str = "") -> None:
        self.store, self.now, self.text = store, now, text
        self._count = audit_count(store, text=text or None)
        self._pages = {0: audit_entries(store, text=text or None, limit=PAGE_SIZE)}
        self.entries: dict[int, AuditEntry] = {e.id: e for e in self._pages[0]}

    def count(self) -> int:
        return self._count

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        entries = self._pages.get(offset) if limit == PAGE_SIZE else None
        if entries is None:
            entries = audit_entries(self.store, text=self.text or None, offset=offset,
                                    limit=limit)
            self.entries.update((e.id, e) for e in entries)
        return [Row(e.id, cells(e, self.now)) for e in entries]

    def index_of(self, key: Hashable) -> int | None:
        return None


def cells(entry: AuditEntry, now: datetime) -> tuple[Text, ...]:
    first = entry.changes[0] if entry.changes else None
    change = change_text(first.subject, first.before, first.after) if first else ""
    more = len(entry.changes) - 1
    if more > 0:
        change += " " + _("(+{n} more)").format(n=more)
    return (Text(fmt_time(entry.at, now)), safe(f"{entry.os_user}@{entry.client}", one_line=True),
            safe(entry.command, one_line=True), safe(change, one_line=True))


class AuditScreen(ReportWorkerErrors, Screen[None]):
    """The audit trail, newest first."""

    HELP_TITLE = N_("Audit trail")
    AUTO_FOCUS = ".audit-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", N_("Close")),
        Binding("slash", "filter", N_("Filter"), key_display="/"),
    ]
    DEFAULT_CSS = """
    AuditScreen .audit-list {
        height: 1fr; padding: 0 1; border: round $accent;
        border-title-color: $text-accent; border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    AuditScreen .audit-entry { height: auto; max-height: 8; padding: 0 1; }
    """

    @dataclass
    class Loaded(Message):
        source: AuditSource

    def __init__(self) -> None:
        super().__init__()
        self.source: AuditSource | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder=_("Filter: command, user, client or change"),
                          compact=True)
        table = PagedTable(COLUMNS, empty_text=_("No audit entries."), classes="audit-list")
        table.border_title = _("Audit trail")
        yield table
        yield Static(classes="audit-entry")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(FilterInput).display = False
        app_of(self).store_changed.subscribe(self, lambda _change: self.load_entries(
            self.source.text if self.source else ""))
        self.load_entries("")

    @property
    def table(self) -> PagedTable:
        return self.query_one(".audit-list", PagedTable)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_entries(self, text: str) -> None:
        app = app_of(self)
        source = AuditSource(app.store, app.now(), text)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(source))

    def on_audit_screen_loaded(self, message: Loaded) -> None:
        message.stop()
        self.source = message.source
        self.table.set_source(message.source, keep=self.table.cursor_key)
        n = fmt_number(message.source.count())
        self.table.border_subtitle = ngettext("{n} entry", "{n} entries",
                                              message.source.count()).format(n=n)
        self.show_entry(self.table.cursor_key)

    @on(PagedTable.CursorMoved)
    def _moved(self, message: PagedTable.CursorMoved) -> None:
        message.stop()
        self.show_entry(message.key)

    def show_entry(self, key: Hashable | None) -> None:
        entry = self.source.entries.get(key) if self.source and isinstance(key, int) else None
        shown = Text()
        if entry is not None:
            shown.append(clean(_("Entry {id} · {at} · {who} · {command}").format(
                id=entry.id, at=fmt_time(entry.at, app_of(self).now()),
                who=f"{entry.os_user}@{entry.client}",
                command=entry.command), one_line=True) + "\n", style="bold")
            for change in entry.changes:
                shown.append(clean(change_text(change.subject, change.before, change.after),
                                   one_line=True) + "\n")
        self.query_one(".audit-entry", Static).update(shown)

    def action_filter(self) -> None:
        field = self.query_one(FilterInput)
        field.display = True
        field.focus()

    @on(Input.Changed, "FilterInput")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        text = event.value.strip()
        self._timer = self.set_timer(0.15, lambda: self.load_entries(text))

    @on(Input.Submitted, "FilterInput")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()
