"""The Status tab: the Database block, the plan and its restrictions, and System messages with
the Description of the one under the cursor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.present.labels import restriction_name
from licscreen.present.mirror import plan_gap, usage_gap
from licscreen.render.facts import database_rows, restriction_text
from licscreen.render.text import safe
from licscreen.store import Store, read_mirror, sync_runs
from licscreen.store.models import Installation, Level, Owner
from licscreen.tui.context import app_of
from licscreen.tui.events.detail import EventDetail
from licscreen.tui.events.messages import SystemMessages
from licscreen.tui.live import StoreChange
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors


class DatabaseFacts(Static):
    """Owner, serial number, type, central or satellite, next expiry, logged-in user; on a
    tall screen, the dates of the owner whose licence expires next."""

    _drawn: tuple[Installation | None, date, Owner | None, bool] | None = None

    def show(self, inst: Installation | None, today: date, owner: Owner | None = None) -> None:
        tall = self.screen.has_class("-tall")
        if (inst, today, owner, tall) == self._drawn:
            return
        self._drawn = (inst, today, owner, tall)
        if inst is None:
            self.update(Text(_("This store holds no installation yet."), style="dim italic"))
            return
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for label, value in database_rows(inst, today, self._style, owner if tall else None):
            grid.add_row(label, value)
        self.update(grid)

    def on_resize(self) -> None:
        if self._drawn is not None and self._drawn[3] != self.screen.has_class("-tall"):
            self.show(*self._drawn[:3])  # the dates come or go with the screen's height

    def _style(self, level: Level) -> str:
        return level_style(self.app, level)


@dataclass(frozen=True)
class MirrorGaps:
    """In a mirror: what its source could not read (None: nothing to say)."""

    restrictions: str | None
    usage: str | None

    def text(self) -> Text:
        lines = []
        if self.restrictions:
            lines.append(_("Restrictions: {words}").format(words=self.restrictions))
        if self.usage:
            lines.append(_("Usage: {words}").format(words=self.usage))
        return Text("\n".join(lines), style="dim italic")


def read_gaps(store: Store) -> MirrorGaps | None:
    mirror = read_mirror(store)
    if mirror is None:
        return None
    runs = sync_runs(store, limit=1)
    unavailable = runs[0].unavailable if runs else ()
    return MirrorGaps(plan_gap(mirror.source, unavailable),
                      None if store.services() else usage_gap())


class PlanPanel(Static):
    """The subscription's plan and its restrictions: normal, warning from 85 %, blocked at 100 %."""

    def show(self, inst: Installation | None, gaps: MirrorGaps | None = None) -> None:
        plan = inst.plan if inst else None
        self.border_title = (safe(_("Plan: {plan}").format(plan=plan), one_line=True) if plan
                             else _("Plan"))
        if gaps is not None and gaps.restrictions:  # a mirror's source could not read them
            self.update(gaps.text())
            return
        if inst is None or not (inst.restrictions or inst.subscription):
            text = Text(_("No plan restrictions."), style="dim italic")
            if gaps is not None and gaps.usage:
                text.append("\n").append_text(gaps.text())
            self.update(text)
            return
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        for restriction in inst.restrictions:
            grid.add_row(safe(restriction_name(restriction.name), one_line=True),
                         restriction_text(restriction, lambda level: level_style(self.app, level)))
        self.update(grid)


class StatusPane(ReportWorkerErrors, Vertical):
    """Database facts, plan, and the System messages list with its Description panel."""

    HELP_TITLE = N_("On the Status tab")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "consumption", N_("Consumption")),  # as the button beside the plan
    ]

    @dataclass
    class Loaded(Message):
        installation: Installation | None
        gaps: MirrorGaps | None = None
        owner: Owner | None = None  # whose licence expires next: its dates are shown

    # what the facts and plan show
    _shown: tuple[Installation | None, date, MirrorGaps | None, Owner | None] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="status-top"):
            facts = DatabaseFacts(classes="database-facts")
            facts.border_title = _("Database")
            yield facts
            with Vertical(classes="status-side"):
                yield PlanPanel(classes="plan")
                yield Button(_("Consumption"), compact=True, action="app.consumption",
                             tooltip=_("The metered services per month (c)"),
                             classes="consumption-button")
        with Container(classes="messages"):
            yield SystemMessages(classes="system-messages")
            yield EventDetail(classes="event-detail")

    def on_mount(self) -> None:
        app_of(self).store_changed.subscribe(self, self._store_changed)
        self.load_installation()

    @property
    def messages(self) -> SystemMessages:
        return self.query_one(SystemMessages)

    def _store_changed(self, change: StoreChange) -> None:
        if change & (StoreChange.OTHER | StoreChange.LICENCES):
            self.load_installation()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_installation(self) -> None:
        store = app_of(self).store
        installation = store.installation()
        gaps = read_gaps(store)
        owners = store.owners()
        dated = [o for o in owners if o.expires is not None]
        owner = min(dated, key=lambda o: o.expires or date.max) if dated else next(
            (o for o in owners if o.grace_date or o.maintenance_date or o.admin_warning_date),
            None)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(installation, gaps, owner))

    @on(Loaded)
    def _show_installation(self, message: Loaded) -> None:
        message.stop()
        shown = (message.installation, app_of(self).today(), message.gaps, message.owner)
        if shown == self._shown:
            return  # read again as the store changed, and the same: nothing to draw
        self._shown = shown
        self.query_one(DatabaseFacts).show(message.installation, app_of(self).today(),
                                           message.owner)
        self.query_one(PlanPanel).show(message.installation, message.gaps)

    def action_consumption(self) -> None:
        app_of(self).action_consumption()

    @on(SystemMessages.Highlighted)
    def _describe(self, message: SystemMessages.Highlighted) -> None:
        message.stop()
        self.query_one(EventDetail).load_event(message.event_id)

    @on(SystemMessages.MinutePassed)
    def _redescribe(self, message: SystemMessages.MinutePassed) -> None:
        message.stop()
        self.query_one(EventDetail).redraw()  # 'in 12 min' as in the list
