"""The Audit view: every change licscreen made to the store, newest first or sorted by a column,
filterable, exported as ``licscreen audit`` writes it; the entry under the cursor shown whole
below the list."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input
from textual.worker import get_current_worker

from licscreen.i18n import N_, _, ngettext
from licscreen.i18n.l10n import fmt_number
from licscreen.present.filter_words import entries_shown
from licscreen.present.labels import change_text
from licscreen.present.listing import ListView
from licscreen.present.seat_export import AUDIT_FIELDS, audit_json, audit_rows
from licscreen.present.text import clean
from licscreen.present.time import fmt_time
from licscreen.render.text import safe
from licscreen.store import AuditEntry, Store, audit_count, audit_entries
from licscreen.tui.context import app_of
from licscreen.tui.users.view import ListScreen
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.paged_table import PAGE_SIZE, PagedTable
from licscreen.tui.widgets.table_model import Column, Row
from licscreen.tui.widgets.typing_pause import TypingPause

COLUMNS = [Column(N_("When"), width=12), Column(N_("Who"), width=16, drop_order=1),
           Column(N_("Command"), width=18, drop_order=2), Column(N_("Change"), min_width=20)]
# The columns as ``licscreen audit --sort`` names them (store/audit.py sorts by each).
AUDIT_SORT: list[str | None] = ["at", "os_user", "command", None]


def audit_order(view: ListView) -> tuple[str, bool] | None:
    return (view.sort, view.descending) if view.sort is not None else None


class AuditSource:
    """The entries ``view`` shows (its filter; newest first, or by its column); the count and
    the first page read up front."""

    def __init__(self, store: Store, now: datetime, view: ListView | None = None) -> None:
        self.store, self.now = store, now
        self.view = view or ListView()
        self.text, self.order = self.view.filter, audit_order(self.view)
        self.words = entries_shown(now)
        self.total = audit_count(store)
        self._count = (audit_count(store, text=self.text, words=self.words) if self.text
                       else self.total)
        self._pages = {0: audit_entries(store, text=self.text or None, limit=PAGE_SIZE,
                                        order=self.order, words=self.words)}
        self.entries: dict[int, AuditEntry] = {e.id: e for e in self._pages[0]}

    def count(self) -> int:
        return self._count

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        entries = self._pages.get(offset) if limit == PAGE_SIZE else None
        if entries is None:
            entries = audit_entries(self.store, text=self.text or None, offset=offset,
                                    limit=limit, order=self.order, words=self.words)
            self._pages[offset] = entries
            self.entries.update((e.id, e) for e in entries)
        return [Row(e.id, cells(e, self.now)) for e in entries]

    def index_of(self, key: Hashable) -> int | None:
        """Where the entry is among those read (the cursor stays on it when they sort)."""
        for start, entries in self._pages.items():
            for n, entry in enumerate(entries):
                if entry.id == key:
                    return start + n
        return None


def audit_export(store: Store, view: ListView, now: datetime) -> ExportSource:
    """The entries as ``view`` shows them at ``now``, as ``licscreen audit --json`` / ``--csv``
    write them (read in the writing thread)."""
    text, order, words = view.filter or None, audit_order(view), entries_shown(now)

    def entries() -> Iterator[AuditEntry]:
        offset = 0
        while page := audit_entries(store, text=text, offset=offset, limit=1000, order=order,
                                    words=words):
            yield from page
            offset += len(page)

    def rows() -> Iterator[dict[str, Any]]:
        return (audit_json(entry) for entry in entries())

    def csv_rows() -> Iterator[dict[str, Any]]:
        return (row for entry in entries() for row in audit_rows(entry))

    return ExportSource(AUDIT_FIELDS, rows, lambda: audit_count(store, text=text, words=words),
                        csv_rows)


def cells(entry: AuditEntry, now: datetime) -> tuple[Text, ...]:
    first = entry.changes[0] if entry.changes else None
    change = change_text(first.subject, first.before, first.after) if first else ""
    more = len(entry.changes) - 1
    if more > 0:
        change += " " + _("(+{n} more)").format(n=more)
    return (Text(fmt_time(entry.at, now)), safe(f"{entry.os_user}@{entry.client}", one_line=True),
            safe(entry.command, one_line=True), safe(change, one_line=True))


class AuditScreen(ListScreen):
    """The audit trail, newest first."""

    HELP_TITLE = N_("Audit trail")

    @dataclass
    class Loaded(Message):
        source: AuditSource

    def __init__(self) -> None:
        super().__init__()
        self.source: AuditSource | None = None
        self._typing = TypingPause(self)

    def compose(self) -> ComposeResult:
        return self.compose_list(COLUMNS, title=_("Audit trail"), empty=_("No audit entries."),
                                 placeholder=_("Filter: command, user, client or change"))

    def on_mount(self) -> None:
        super().on_mount()
        app_of(self).store_changed.subscribe(self, lambda _change: self.load_entries(
            self.handling.view))
        view = self.handle_list("audit", AUDIT_SORT, _("Audit trail"), lambda: audit_export(
            app_of(self).store, self.handling.view, app_of(self).now()))
        self.load_entries(view)

    def view_changed(self, view: ListView) -> None:
        self.load_entries(view)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_entries(self, view: ListView) -> None:
        app = app_of(self)
        source = AuditSource(app.store, app.now(), view)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(source))

    def on_audit_screen_loaded(self, message: Loaded) -> None:
        message.stop()
        source = message.source
        if source.view != self.handling.view:  # read before the view last changed
            return
        self.source = source
        self.table.set_source(source, keep=self.table.cursor_key)
        self.table.border_title = self.handling.title_with_filter(_("Audit trail"))
        self.table.border_subtitle = self.count_line(source.count(), source.total, ngettext(
            "{n} entry", "{n} entries", source.count()).format(n=fmt_number(source.count())))
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
        self.footer.update(shown)

    @on(Input.Changed, "FilterInput")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        self._typing.restart(lambda: self.typed(text))
