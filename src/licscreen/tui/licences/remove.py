"""Remove superfluous licences: choose which holders lose an over-assigned licence.

Holders are read from the store a page at a time: at most :data:`SHOWN` are listed, and a
filter on user ID or name finds the others, so a licence with thousands of holders stays quick.
Choices survive filtering.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import get_current_worker

from licscreen.i18n import N_, _, ngettext
from licscreen.licence.changes import ModuleChange
from licscreen.licence.state import holders_matching
from licscreen.present.text import clean
from licscreen.render.text import safe
from licscreen.store.models import Holder, Level
from licscreen.tui.context import app_of
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.literal_input import LiteralInput
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

SHOWN = 200


@dataclass
class HoldersRead(Message):
    holders: list[Holder]
    total: int  # how many match the filter


def holder_label(holder: Holder) -> Content:
    """Plain text (never markup): user ID and name."""
    return Content(clean(f"{holder.user_id:<10} {holder.full_name}", one_line=True))


class RemoveHoldersScreen(ReportWorkerErrors, ModalScreen[set[str] | None]):
    """In use, available, how many must go, and the holders to choose from."""

    DEFAULT_CSS = """
    RemoveHoldersScreen { align: center middle; }
    RemoveHoldersScreen > Vertical {
        width: 72; max-width: 96%; height: auto; max-height: 96%; padding: 0 1;
        border: round $error; background: $panel;
    }
    RemoveHoldersScreen .remove-facts, RemoveHoldersScreen .remove-shown { height: auto; }
    RemoveHoldersScreen SelectionList { height: auto; max-height: 12; min-height: 3; }
    RemoveHoldersScreen .remove-buttons { height: auto; align-horizontal: right; }
    RemoveHoldersScreen Button { margin: 0 0 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("enter", "enter", N_("Remove the selected holders"), priority=True),
    ]

    def __init__(self, change: ModuleChange, licence_id: int, chosen: set[str]) -> None:
        super().__init__()
        self.change = change
        self.licence_id = licence_id
        self.chosen = set(chosen)
        # What must go is counted before this dialog's choices: in_use already has them out.
        self.held = change.in_use + len(chosen)
        self.available = change.new_total or 0
        self.must = max(0, self.held - self.available)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("Remove superfluous licences")
            box.border_subtitle = _("Space selects · Enter confirms · Esc cancels")
            yield Static(self._facts(), classes="remove-facts")
            yield LiteralInput(placeholder=_("Filter by user ID or name"), id="holder-filter")
            yield SelectionList[str](id="holders")
            yield Static(classes="remove-shown")
            with Horizontal(classes="remove-buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button("", id="confirm", variant="error")

    def _facts(self) -> Text:
        style = level_style(self.app, Level.ERROR)
        text = safe(self.change.description, "bold", one_line=True)
        text.append("\n")
        text.append(_("In use {used} · available {available} · ").format(
            used=self.held, available=self.available))
        text.append(ngettext("remove at least {n} holder", "remove at least {n} holders",
                             self.must).format(n=self.must), style=style)
        return text

    def on_mount(self) -> None:
        self._update_confirm()
        self.read_holders("")
        self.query_one(SelectionList).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.read_holders(event.value.strip())

    @work(thread=True, exclusive=True, exit_on_error=False)
    def read_holders(self, text: str) -> None:
        holders, total = holders_matching(app_of(self).store, self.licence_id, text, 0, SHOWN)
        if not get_current_worker().is_cancelled:
            self.post_message(HoldersRead(holders, total))

    def on_holders_read(self, message: HoldersRead) -> None:
        listing = self.query_one(SelectionList)
        listing.clear_options()
        listing.add_options([Selection(holder_label(h), h.user_id, h.user_id in self.chosen)
                             for h in message.holders])
        if message.holders:
            listing.highlighted = 0
        shown = Text()
        if message.total > len(message.holders):
            shown.append(_("Showing {shown} of {total} holders: type to filter.").format(
                shown=len(message.holders), total=message.total), style="dim")
        elif not message.holders:
            shown.append(_("No holder matches."), style="dim italic")
        self.query_one(".remove-shown", Static).update(shown)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        """The shown holders' choices replace theirs; choices of filtered-out ones stay."""
        event.stop()
        listing = event.selection_list
        shown = {listing.get_option_at_index(i).value for i in range(listing.option_count)}
        self.chosen = (self.chosen - shown) | set(listing.selected)
        self._update_confirm()

    def _update_confirm(self) -> None:
        button = self.query_one("#confirm", Button)
        button.label = ngettext("Remove {n} holder", "Remove {n} holders",
                                len(self.chosen)).format(n=len(self.chosen))
        button.disabled = len(self.chosen) < self.must

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self.action_confirm()
        else:
            self.dismiss(None)

    def action_enter(self) -> None:
        """Enter confirms from the list or the filter; on a button it presses that button."""
        if isinstance(self.focused, Button):
            self.focused.press()
        else:
            self.action_confirm()

    def action_confirm(self) -> None:
        if len(self.chosen) >= self.must:
            self.dismiss(set(self.chosen))
        else:
            self.notify(ngettext("Choose at least {n} holder.", "Choose at least {n} holders.",
                                 self.must).format(n=self.must), severity="warning", timeout=3)

    def action_cancel(self) -> None:
        self.dismiss(None)
