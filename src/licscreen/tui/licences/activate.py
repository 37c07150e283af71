"""Activate new licence: the changed licences, the over-assigned ones in red, and Activate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _, ngettext
from licscreen.licence.changes import LicenceChanges, ModuleChange
from licscreen.licence.errors import LicenceRefused
from licscreen.licence.state import Activation, current_changes, pending_licences
from licscreen.licence.update import activate
from licscreen.present.text import clean
from licscreen.render.text import safe
from licscreen.store.models import Level
from licscreen.tui.context import app_of
from licscreen.tui.licences.remove import RemoveHoldersScreen
from licscreen.tui.live import StoreChange
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.table_model import Column, ListSource, Row
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

CHANGE_COLUMNS = [
    Column(N_("Licence"), min_width=14),
    Column(N_("Total"), width=11, justify="right"),
    Column(N_("In use"), width=6, justify="right"),
    Column(N_("Free after"), width=10, justify="right"),
]


def total_text(old: int | None, new: int | None, unrestricted: tuple[bool, bool]) -> str:
    def one(value: int | None, free: bool) -> str:
        return "—" if value is None else "∞" if free else str(value)

    return f"{one(old, unrestricted[0])} → {one(new, unrestricted[1])}"


def change_row(change: ModuleChange, app: App[Any]) -> Row:
    style = level_style(app, Level.ERROR) if change.over_assigned else ""
    name = safe(change.description, style, one_line=True)
    if change.hidden:
        name.append(" " + _("(hidden)"), style="dim")
    free = "" if change.free_after is None else str(change.free_after)
    return Row(change.name, (
        name,
        Text(total_text(change.old_total, change.new_total,
                        (change.old_unrestricted, change.new_unrestricted))),
        Text(str(change.in_use)),
        Text(free, style=style or ("bold" if change.free_after == 0 else "")),
    ))


@dataclass
class PendingRead(Message):
    changes: LicenceChanges | None
    licence_ids: dict[str, int]  # code name -> the store's id, for reading holders


class ActivateScreen(ReportWorkerErrors, ModalScreen[Activation | None]):
    """Lists only the changed licences; Activate stays disabled while any is over-assigned."""

    DEFAULT_CSS = """
    ActivateScreen { align: center middle; }
    ActivateScreen > Vertical {
        width: 84; max-width: 98%; height: auto; max-height: 96%; padding: 0 1;
        border: round $accent; background: $panel;
    }
    ActivateScreen .activate-head, ActivateScreen .activate-note { height: auto; }
    ActivateScreen .changes { height: auto; max-height: 12; min-height: 3; }
    ActivateScreen .activate-buttons { height: auto; align-horizontal: right; }
    ActivateScreen Button { margin: 0 0 0 1; min-width: 10; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Close")),
        Binding("ctrl+s", "activate", N_("Activate")),
    ]

    def __init__(self, owner: str) -> None:
        super().__init__()
        self.owner = owner
        self.removals: dict[str, set[str]] = {}  # licence code name -> user IDs to remove
        self.changes: LicenceChanges | None = None
        self.licence_ids: dict[str, int] = {}
        self._first_read = True

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("Activate new licence")
            box.border_subtitle = _("Enter on a red licence removes holders · Esc closes")
            yield Static(classes="activate-head")
            yield PagedTable(CHANGE_COLUMNS, empty_text=_("No licence total changes."),
                             classes="changes")
            yield Static(classes="activate-note")
            with Horizontal(classes="activate-buttons"):
                yield Button(_("Purchase new licences"), id="purchase")
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Activate"), id="activate", variant="primary", disabled=True)

    def on_mount(self) -> None:
        app_of(self).store_changed.subscribe(self, self._store_changed)
        self.load_pending()

    def _store_changed(self, change: StoreChange) -> None:
        if change & StoreChange.LICENCES:
            self.load_pending()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_pending(self) -> None:
        store = app_of(self).store
        waiting = pending_licences(store, self.owner)
        changes, ids = None, {}
        if waiting:
            removals = [lic for lic, users in self.removals.items() for _user in users]
            changes = current_changes(store, waiting[0].content, removals)
            ids = {lic.name: lic.id for lic in store.licences(self.owner, include_hidden=True)}
        if not get_current_worker().is_cancelled:
            self.post_message(PendingRead(changes, ids))

    def on_pending_read(self, message: PendingRead) -> None:
        self.changes, self.licence_ids = message.changes, message.licence_ids
        head = self.query_one(".activate-head", Static)
        if message.changes is None:
            head.update(Text(_("No new licence waits for activation."), style="dim italic"))
            self.query_one("#activate", Button).disabled = True
            return
        changes = message.changes
        head.update(Text.assemble(
            safe(changes.description, "bold", one_line=True),
            "  " + _("licence version {old} → {new}").format(
                old=changes.old_version or "—", new=changes.new_version)))
        table = self.query_one(".changes", PagedTable)
        table.set_source(ListSource([change_row(m, self.app) for m in changes.modules]))
        over = changes.over_assigned
        self.query_one("#activate", Button).disabled = bool(over)
        self.query_one(".activate-note", Static).update(self._note(over))
        if self._first_read:  # start on the first licence that needs the admin
            self._first_read = False
            if over:
                table.move_to_key(over[0].name)
            table.focus()

    def _note(self, over: tuple[ModuleChange, ...]) -> Text:
        note = Text()
        if over:
            style = level_style(self.app, Level.ERROR)
            note.append("⚠ " + ngettext(
                "{n} licence would be over-assigned: select it and remove holders. Activate is "
                "disabled until none is.",
                "{n} licences would be over-assigned: select each and remove holders. Activate "
                "is disabled until none is.", len(over)).format(n=len(over)), style=style)
        else:
            note.append("✓ " + _("Nothing is over-assigned: Activate applies the new licence."),
                        style=f"bold {self.app.current_theme.success}")
        chosen = sum(len(users) for users in self.removals.values())
        if chosen:
            note.append("\n" + ngettext("{n} holder will be removed on activation.",
                                        "{n} holders will be removed on activation.",
                                        chosen).format(n=chosen), style="dim")
        return note

    def on_paged_table_row_selected(self, message: PagedTable.RowSelected) -> None:
        message.stop()
        change = self.changes.module(str(message.key)) if self.changes else None
        if change is None:
            return
        if not change.over_assigned and not self.removals.get(change.name):
            self.notify(clean(_("{name} is not over-assigned.").format(name=change.description),
                              one_line=True), timeout=3, markup=False)
            return
        licence_id = self.licence_ids.get(change.name)
        if licence_id is None:
            return
        chosen = self.removals.get(change.name, set())
        screen = RemoveHoldersScreen(change, licence_id, chosen)
        self.app.push_screen(screen, lambda result: self._removed(change.name, result))

    def _removed(self, name: str, chosen: set[str] | None) -> None:
        if chosen is not None:
            self.removals[name] = chosen
            self.load_pending()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "activate":
            self.action_activate()
        elif event.button.id == "purchase":
            from licscreen.tui.licences.purchase import PurchaseScreen

            self.app.push_screen(PurchaseScreen())
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_activate(self) -> None:
        if not self.query_one("#activate", Button).disabled:
            self.query_one("#activate", Button).disabled = True
            self.run_activation()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_activation(self) -> None:
        removals = [(lic, user) for lic, users in self.removals.items() for user in sorted(users)]
        try:
            done = activate(app_of(self).store, self.owner, removals, now=app_of(self).now())
        except LicenceRefused as error:
            self.app.call_from_thread(self._refused, str(error))
            return
        self.app.call_from_thread(self.dismiss, done)

    def _refused(self, reason: str) -> None:
        style = level_style(self.app, Level.ERROR)
        self.query_one(".activate-note", Static).update(
            safe(_("Refused: {reason}").format(reason=reason), style, one_line=True))
        self.load_pending()
