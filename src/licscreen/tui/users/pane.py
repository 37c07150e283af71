"""The Users tab: every user, filtered as you type, and the detail of the one under the cursor.

The list is read in a worker (count, first page, the cursor's page), again as the store changes,
with the cursor kept on its user by ID. It handles as every list does (``ListHandling``: ``s``
sorts, in the store, ``/`` opens the filter line, ``y`` copies, ``w`` exports), its view kept per
store. ``R`` opens the Reclaim view, ``A`` the Audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.i18n.l10n import fmt_number
from licscreen.present.listing import ListView
from licscreen.present.text import clean
from licscreen.tui.context import app_of
from licscreen.tui.events.filter_bar import FilterInput
from licscreen.tui.live import StoreChange
from licscreen.tui.users.commands import open_audit, open_reclaim
from licscreen.tui.users.detail import UserDetailPanel
from licscreen.tui.users.rows import USER_SORT, UserSource, user_columns, users_export
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.list_view_state import ListHandling
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.typing_pause import TypingPause
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

FILTER_DELAY_S = 0.1  # typing pauses this long before the list is read again


class UsersPane(ReportWorkerErrors, Vertical):
    """The users, by user ID or a column chosen; the filter matches user ID, name or group
    (``!text``: the users it does not)."""

    HELP_TITLE = N_("Users")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter_users", N_("Filter"), key_display="/"),
        Binding("R", "reclaim", N_("Reclaim seats")),
        Binding("A", "audit", N_("Audit trail")),
    ]

    text = ""

    @dataclass
    class Loaded(Message):
        source: UserSource
        keep: str | None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._typing = TypingPause(self, FILTER_DELAY_S)

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder=_("Filter: user ID, name or group"), compact=True,
                          classes="users-filter")
        with Horizontal(classes="users-body"):
            table = PagedTable(user_columns(), empty_text=_("No users."), classes="users")
            table.border_title = _("Users")
            yield table
            yield UserDetailPanel()

    def on_mount(self) -> None:
        app_of(self).store_changed.subscribe(self, self._store_changed)
        self.handling = ListHandling("users", USER_SORT, self._view_changed,
                                     ask_filter=self.action_filter_users, export=self._export)
        view = self.handling.attach(self.table)  # the view kept for this store
        field = self.query_one(FilterInput)
        field.value = self.text = view.filter
        field.display = bool(view.filter)
        self.load_users(view, None)

    def _view_changed(self, view: ListView) -> None:
        """Sorted by a key or a click, or the filter cleared by Esc on the list."""
        field = self.query_one(FilterInput)
        if field.value != view.filter:
            field.value = view.filter
            field.display = bool(view.filter)
        self.text = view.filter
        self.load_users(view, self.table.cursor_key)

    def _export(self) -> ExportSource:
        return users_export(app_of(self).store, self.handling.view, app_of(self).now)

    @property
    def table(self) -> PagedTable:
        return self.query_one(".users", PagedTable)

    def _store_changed(self, change: StoreChange) -> None:
        self.load_users(self.handling.view, self.table.cursor_key)
        self.query_one(UserDetailPanel).show(self.query_one(UserDetailPanel).user_id, force=True)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_users(self, view: ListView, keep: object) -> None:
        app = app_of(self)
        source = UserSource(app.store, app.now, view,
                            keep=keep if isinstance(keep, str) else None)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(source, keep if isinstance(keep, str) else None))

    def on_users_pane_loaded(self, message: Loaded) -> None:
        message.stop()
        source = message.source
        if source.view != self.handling.view:  # read before the view last changed
            return
        table = self.table
        table.set_source(source, keep=message.keep)
        n, total = fmt_number(source.count()), fmt_number(source.total)
        if source.text:
            table.border_title = Text(clean(_("Users · filter: {text}").format(
                text=source.text), one_line=True))
            table.border_subtitle = _("{n} of {total} shown").format(n=n, total=total)
            table.empty_text = _("No users match.")
        else:
            table.border_title = _("Users")
            table.border_subtitle = _("{n} users").format(n=n)
        if source.count() == 0:
            self.query_one(UserDetailPanel).show(None)

    @on(PagedTable.CursorMoved)
    def _moved(self, message: PagedTable.CursorMoved) -> None:
        if message.table is self.table:
            message.stop()
            key = message.key
            self.query_one(UserDetailPanel).show(key if isinstance(key, str) else None)

    # The filter

    def action_filter_users(self) -> None:
        field = self.query_one(FilterInput)
        field.display = True
        field.focus()

    def _set_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            view = self.handling.view.filtered(clean(text, one_line=True))
            self.handling.note(view)  # kept for next time
            self.load_users(view, self.table.cursor_key)

    @on(Input.Changed, "FilterInput")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value
        self._typing.restart(lambda: self._set_text(text))

    @on(Input.Submitted, "FilterInput")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._typing.stop()
        self._set_text(event.value)
        self.table.focus()

    @on(Input.Blurred, "FilterInput")
    def _left(self, event: Input.Blurred) -> None:
        if not event.value.strip():
            self.query_one(FilterInput).display = False

    def action_reclaim(self) -> None:
        open_reclaim(app_of(self))

    def action_audit(self) -> None:
        open_audit(app_of(self))
