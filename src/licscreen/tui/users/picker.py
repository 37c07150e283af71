"""A user picker: the users, filtered as you type (user ID, name or group); Enter picks the one
under the cursor, Escape picks none. Dismissed with the user ID, or None."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.present.listing import ListView
from licscreen.tui.context import app_of
from licscreen.tui.users.rows import UserSource, user_columns
from licscreen.tui.widgets.literal_input import LiteralInput
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors


class UserPicker(ReportWorkerErrors, ModalScreen[str | None]):
    """Who to give a licence to."""

    HELP_TITLE = N_("Pick a user")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", N_("Close")),
        Binding("down", "to_list", N_("To the list"), show=False),
    ]
    DEFAULT_CSS = """
    UserPicker { align: center middle; }
    UserPicker .picker-body {
        width: 76; max-width: 100%; height: 20; max-height: 100%;
        border: round $accent; border-title-color: $text-accent; border-title-style: bold;
        border-subtitle-color: $text-muted; background: $panel;
    }
    UserPicker .picker-list { height: 1fr; padding: 0 1; }
    UserPicker LiteralInput { margin: 0 1; }
    """

    @dataclass
    class Loaded(Message):
        source: UserSource

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="picker-body") as body:
            body.border_title = self.title_text
            body.border_subtitle = _("type to filter · Enter picks · Esc closes")
            yield LiteralInput(placeholder=_("User ID, name or group"), compact=True)
            yield PagedTable(user_columns(), empty_text=_("No users match."),
                             classes="picker-list")

    def on_mount(self) -> None:
        self.query_one(LiteralInput).focus()
        self.load_users("")

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_users(self, text: str) -> None:
        app = app_of(self)
        source = UserSource(app.store, app.now, ListView(filter=text))
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(source))

    def on_user_picker_loaded(self, message: Loaded) -> None:
        message.stop()
        self.query_one(PagedTable).set_source(message.source)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.load_users(event.value.strip())

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._pick()

    @on(PagedTable.RowSelected)
    def _selected(self, message: PagedTable.RowSelected) -> None:
        message.stop()
        self._pick()

    def _pick(self) -> None:
        key = self.query_one(PagedTable).cursor_key
        if isinstance(key, str):
            self.dismiss(key)

    def action_to_list(self) -> None:
        self.query_one(PagedTable).focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
