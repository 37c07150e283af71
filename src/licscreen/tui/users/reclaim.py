"""The Reclaim view: the seats of retired, locked-out and inactive holders, by bucket; marks
(Space, ``a`` for all shown, Shift+↑/↓ for a range), and ``x`` frees the marked seats after a
confirmation that names how many. The freeing finds the holders again in its transaction:
whoever logged in meanwhile keeps the seat."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input
from textual.worker import get_current_worker

from licscreen.i18n import N_, _, ngettext
from licscreen.present.labels import reclaim_reason, user_state_label
from licscreen.present.listing import ListView, apply_view
from licscreen.present.seat_export import RECLAIM_FIELDS, candidate_row
from licscreen.present.text import clean
from licscreen.present.time import fmt_ago
from licscreen.render.text import safe
from licscreen.store import (
    Bucket,
    Candidate,
    Criteria,
    ReclaimPlan,
    StoreError,
    plan_reclaim,
    reclaim_seats,
)
from licscreen.tui.context import app_of
from licscreen.tui.live import StoreChange
from licscreen.tui.users.view import ListScreen
from licscreen.tui.widgets.confirm import ConfirmScreen
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.table_model import Column, ListSource, Row

MARK = "✓"
COLUMNS = [Column("", width=1, min_width=1), Column(N_("User ID"), width=9),
           Column(N_("Full name"), min_width=10, drop_order=2),
           Column(N_("Licence"), min_width=12), Column(N_("Why"), min_width=12, drop_order=1)]
# The columns as ``licscreen reclaim --json`` names its fields (the mark is not one); Why sorts
# by the last login. Each bucket sorts among its own seats.
RECLAIM_SORT: list[str | None] = [None, "user_id", "full_name", "description", "last_login"]
RECLAIM_KEYS = {"user_id": lambda c: c.user_id, "full_name": lambda c: c.full_name,
                "description": lambda c: c.description, "last_login": lambda c: c.last_login}


def why(candidate: Candidate, now: datetime) -> str:
    return reclaim_reason(candidate.bucket.value, fmt_ago(candidate.last_login, now))


def shown_candidates(plan: ReclaimPlan | None, view: ListView, now: datetime) -> list[Candidate]:
    """The seats ``view`` shows (text in the user ID, name, licence or why), sorted."""
    if plan is None:
        return []
    return apply_view(plan.candidates, view, keys=RECLAIM_KEYS, texts=lambda c: (
        c.user_id, c.full_name, c.description, why(c, now)))


def bucket_title(bucket: Bucket) -> str:
    if bucket is Bucket.INACTIVE:
        return _("Not logged in for 90 days, or never")
    return user_state_label(bucket.value).capitalize()


class ReclaimScreen(ListScreen):
    """Which seats to take back, and taking them back."""

    HELP_TITLE = N_("Reclaim seats")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", N_("Mark seat")),
        Binding("a", "mark_all", N_("Mark all shown")),
        Binding("shift+down", "mark_range(1)", N_("Mark down"), show=False),
        Binding("shift+up", "mark_range(-1)", N_("Mark up"), show=False),
        Binding("x", "free", N_("Free marked seats")),
    ]

    @dataclass
    class Loaded(Message):
        plan: ReclaimPlan

    @dataclass
    class Freed(Message):
        notice: str
        failed: bool

    def __init__(self) -> None:
        super().__init__()
        self.plan: ReclaimPlan | None = None
        self.marked: set[tuple[str, int]] = set()

    def compose(self) -> ComposeResult:
        return self.compose_list(COLUMNS, title=_("Reclaim seats"),
                                 empty=_("No seat to reclaim."),
                                 placeholder=_("Filter: user ID, name or licence"))

    def on_mount(self) -> None:
        super().on_mount()
        app_of(self).store_changed.subscribe(self, lambda _change: self.load_plan())
        self.handle_list("reclaim", RECLAIM_SORT, _("Reclaim seats"), self._export)
        self.load_plan()

    def view_changed(self, view: ListView) -> None:
        self.draw()

    def _export(self) -> ExportSource:
        shown = self.shown()

        def rows() -> Iterator[dict[str, Any]]:
            return (candidate_row(c) for c in shown)

        return ExportSource(RECLAIM_FIELDS, rows, lambda: len(shown))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_plan(self) -> None:
        app = app_of(self)
        plan = plan_reclaim(app.store, Criteria(), now=app.now())
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(plan))

    def on_reclaim_screen_loaded(self, message: Loaded) -> None:
        message.stop()
        self.plan = message.plan
        found = {c.key for c in message.plan.candidates}
        self.marked &= found
        self.draw()

    def shown(self) -> list[Candidate]:
        return shown_candidates(self.plan, self.handling.view, app_of(self).now())

    def draw(self) -> None:
        now = app_of(self).now()
        rows: list[Row] = []
        shown = self.shown()
        for bucket in Bucket:
            group = [c for c in shown if c.bucket is bucket]
            if group:
                rows.append(Row(None, (Text(f"{bucket_title(bucket)} ({len(group)})"),)))
            rows += [Row(c.key, (Text(MARK if c.key in self.marked else "", style="bold"),
                                 safe(c.user_id, one_line=True), safe(c.full_name, one_line=True),
                                 safe(c.description, one_line=True), Text(why(c, now))))
                     for c in group]
        table = self.table
        table.set_source(ListSource(rows), keep=table.cursor_key)
        table.border_title = self.handling.title_with_filter(_("Reclaim seats"))
        every = len(self.plan.candidates) if self.plan is not None else 0
        table.border_subtitle = self.count_line(len(shown), every, ngettext(
            "{n} seat found", "{n} seats found", len(shown)).format(n=len(shown)))
        self.footer.update(self.summary())

    def summary(self) -> Text:
        chosen = [c for c in self.shown() if c.key in self.marked]
        if not chosen:
            return Text(_("Space marks a seat, a marks all shown, x frees the marked seats."),
                        style="dim")
        per = Counter(c.description for c in chosen)
        text = Text(ngettext("{n} seat marked: ", "{n} seats marked: ", len(chosen)).format(
            n=len(chosen)), style="bold")
        text.append(clean(", ".join(f"{name} {count}" for name, count in sorted(per.items())),
                          one_line=True))
        return text

    # Marks

    def _toggle(self, key: Hashable, on: bool | None = None) -> None:
        if isinstance(key, tuple):
            mark = on if on is not None else key not in self.marked
            (self.marked.add if mark else self.marked.discard)(key)

    def action_mark(self) -> None:
        self._toggle(self.table.cursor_key)
        self.draw()
        self.table.action_cursor_down()

    def action_mark_all(self) -> None:
        keys = [c.key for c in self.shown()]
        everything = all(k in self.marked for k in keys)
        for key in keys:
            self._toggle(key, not everything)
        self.draw()

    def action_mark_range(self, step: int) -> None:
        self._toggle(self.table.cursor_key, True)
        (self.table.action_cursor_down if step > 0 else self.table.action_cursor_up)()
        self._toggle(self.table.cursor_key, True)
        self.draw()

    # Freeing

    def action_free(self) -> None:
        chosen = [c.key for c in self.shown() if c.key in self.marked]
        if not chosen:
            self.app.notify(_("No seat is marked."), severity="warning", timeout=3)
            return
        if app_of(self).store.read_only:
            self.app.notify(_("The store is read-only: licences cannot be changed."),
                            severity="warning", timeout=5)
            return
        n = len(chosen)
        question = ngettext("Take back {n} seat? The hidden licences that came with it go too.",
                            "Take back {n} seats? The hidden licences that came with them go "
                            "too.", n).format(n=n)
        self.app.push_screen(
            ConfirmScreen(_("Reclaim seats"), question,
                          yes=ngettext("Free {n} seat", "Free {n} seats", n).format(n=n),
                          danger=True),
            lambda yes: self._confirmed(bool(yes), set(chosen)))

    def _confirmed(self, yes: bool, chosen: set[tuple[str, int]]) -> None:
        if yes:
            self.free(chosen)

    @work(thread=True, group="seat-write", exit_on_error=False)
    def free(self, chosen: set[tuple[str, int]]) -> None:
        app = app_of(self)
        try:
            plan = reclaim_seats(app.store, Criteria(), now=app.now(), chosen=chosen)
        except StoreError as error:
            self.post_message(self.Freed(str(error), failed=True))
            return
        n = len(plan.candidates)
        self.post_message(self.Freed(ngettext("Freed {n} seat.", "Freed {n} seats.", n).format(
            n=n), failed=False))

    @on(Freed)
    def _freed(self, message: Freed) -> None:
        message.stop()
        app = app_of(self)
        if message.failed:
            app.notify(clean(message.notice, one_line=True), title=_("Not done"),
                       severity="error", timeout=8, markup=False)
            return
        self.marked.clear()
        app.notify(message.notice, timeout=3)
        app.live.written()
        app.store_changed.publish(StoreChange.LICENCES)

    # The filter

    @on(Input.Changed, "FilterInput")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.typed(event.value.strip())
