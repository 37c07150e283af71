"""The detail panel of the user under the cursor: who, state, last login and portrait, the
user's events, and every owner's licences for the user (held, granted by the plan, missing a
prerequisite, or not held); Space gives or takes back the licence under the cursor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.present.labels import event_name, user_state_label
from licscreen.present.text import clean
from licscreen.present.time import fmt_ago, fmt_time
from licscreen.render.portrait import HalfBlockImage
from licscreen.render.text import safe
from licscreen.store import Holding, StoreError, UserDetail, toggle_seat, user_detail
from licscreen.tui.context import app_of
from licscreen.tui.users.holders import SeatsWritten, may_write, show_written
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.table_model import EMPTY_SOURCE, Column, ListSource, Row
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

PLACEHOLDER = N_("Select a user to see their licences.")
EVENTS_SHOWN = 3


def holding_text(holding: Holding, because: str | None) -> Text:
    if holding is Holding.HELD:
        return Text(_("held"), style="bold")
    if holding is Holding.GRANTED:
        return Text(_("granted by {plan}").format(plan=clean(because or "", one_line=True)))
    if holding is Holding.MISSING_PREREQUISITE:
        return Text(_("held, lacks {licence}").format(licence=clean(because or "",
                                                                     one_line=True)),
                    style="bold italic")
    return Text("—", style="dim")


def licence_columns() -> list[Column]:
    return [Column(N_("Licence"), min_width=12), Column(N_("Owner"), width=11, drop_order=1),
            Column(N_("For this user"), min_width=8)]


def render_user(detail: UserDetail, now: datetime) -> RenderableType:
    user = detail.user
    head = Text.assemble(safe(user.full_name, "bold", one_line=True), "  ",
                         safe(user.user_id, "dim", one_line=True))
    facts = Table.grid(padding=(0, 1))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row(_("State"), Text(user_state_label(user.state.value)))
    facts.add_row(_("Group"), safe(user.group or "—", one_line=True))
    facts.add_row(_("Plan"), safe(user.plan or "—", one_line=True))
    login = fmt_ago(user.last_login, now)
    if user.last_login is not None:
        login += f" ({fmt_time(user.last_login, now)})"
    facts.add_row(_("Last login"), Text(login))
    events = Text()
    for event in detail.events[:EVENTS_SHOWN]:
        events.append(clean(f"{event_name(event.key, event.name)}: {event.message}",
                            one_line=True) + "\n")
    facts.add_row(_("Events"), events if detail.events else Text("—", style="dim"))
    return Group(head, facts)


class UserDetailPanel(ReportWorkerErrors, Vertical):
    """One user: the facts and portrait above, the licences below."""

    HELP_TITLE = N_("A user's licences")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_licence", N_("Give or take back")),
    ]

    user_id: str | None = None

    @dataclass
    class Loaded(Message):
        user_id: str | None
        detail: UserDetail | None
        portrait: HalfBlockImage | None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="user-body"):
            with VerticalScroll(classes="user-info-scroll"):
                yield Static(Text(_(PLACEHOLDER), style="dim italic"), classes="user-info")
            with Vertical(classes="user-portrait-box"):
                yield Static(classes="user-portrait")
            table = PagedTable(licence_columns(), empty_text=_("No licence."),
                               classes="user-licences")
            table.border_title = _("Licences")
            yield table

    def on_mount(self) -> None:
        self.border_title = _("User")

    @property
    def table(self) -> PagedTable:
        return self.query_one(".user-licences", PagedTable)

    def show(self, user_id: str | None, *, force: bool = False) -> None:
        if user_id != self.user_id or force:
            self.user_id = user_id
            self.load_user(user_id)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_user(self, user_id: str | None) -> None:
        store = app_of(self).store
        detail = user_detail(store, user_id) if user_id is not None else None
        portrait = None
        if detail is not None and detail.user.has_portrait:
            data = store.portrait(detail.user.user_id)
            portrait = HalfBlockImage.from_bytes(data) if data else None
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(user_id, detail, portrait))

    def on_user_detail_panel_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.user_id != self.user_id:
            return
        info = self.query_one(".user-info", Static)
        picture = self.query_one(".user-portrait", Static)
        picture.update(message.portrait or "")
        picture.display = message.portrait is not None
        if message.detail is None:
            info.update(Text(_(PLACEHOLDER), style="dim italic"))
            self.table.set_source(EMPTY_SOURCE)
            return
        info.update(render_user(message.detail, app_of(self).now()))
        rows = [Row(held.licence.id, (safe(held.licence.description, one_line=True),
                                      safe(app_of(self).owner_title(held.licence.owner),
                                           one_line=True),
                                      holding_text(held.holding, held.because)))
                for held in message.detail.licences]
        self.table.set_source(ListSource(rows), keep=self.table.cursor_key)

    def action_toggle_licence(self) -> None:
        licence = self.table.cursor_key
        if self.user_id is None or not isinstance(licence, int):
            self.app.notify(_("No licence is selected."), severity="warning", timeout=3)
            return
        if may_write(app_of(self)):
            self.toggle(self.user_id, licence)

    @work(thread=True, group="seat-write", exit_on_error=False)
    def toggle(self, user_id: str, licence_id: int) -> None:
        app = app_of(self)
        try:
            changes = toggle_seat(app.store, licence_id, user_id, now=app.now())
        except StoreError as error:
            self.post_message(SeatsWritten(str(error), failed=True))
            return
        first = changes[0]
        done = _("{user}: {licence} given.") if first.action == "assign" else _(
            "{user}: {licence} taken back.")
        self.post_message(SeatsWritten(done.format(user=first.user_id,
                                                   licence=first.description), failed=False))

    @on(SeatsWritten)
    def _written(self, message: SeatsWritten) -> None:
        message.stop()
        show_written(app_of(self), message)
