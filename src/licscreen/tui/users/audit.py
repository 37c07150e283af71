"""The Audit view: every change licscreen made to the store, newest first, filterable; the
entry under the cursor shown whole below the list."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from licscreen.i18n import N_, _, ngettext
from licscreen.i18n.l10n import fmt_number
from licscreen.present.labels import change_text
from licscreen.present.text import clean
from licscreen.present.time import fmt_time
from licscreen.render.text import safe
from licscreen.store import AuditEntry, Store, audit_count, audit_entries
from licscreen.tui.context import app_of
from licscreen.tui.users.view import ListScreen
from licscreen.tui.widgets.paged_table import PAGE_SIZE, PagedTable
from licscreen.tui.widgets.table_model import Column, Row

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


class AuditScreen(ListScreen):
    """The audit trail, newest first."""

    HELP_TITLE = N_("Audit trail")

    @dataclass
    class Loaded(Message):
        source: AuditSource

    def __init__(self) -> None:
        super().__init__()
        self.source: AuditSource | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        return self.compose_list(COLUMNS, title=_("Audit trail"), empty=_("No audit entries."),
                                 placeholder=_("Filter: command, user, client or change"))

    def on_mount(self) -> None:
        super().on_mount()
        app_of(self).store_changed.subscribe(self, lambda _change: self.load_entries(
            self.source.text if self.source else ""))
        self.load_entries("")

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
        self.footer.update(shown)

    @on(Input.Changed, "FilterInput")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        text = event.value.strip()
        self._timer = self.set_timer(0.15, lambda: self.load_entries(text))
