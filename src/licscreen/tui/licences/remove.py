"""Remove superfluous licences: choose which holders lose an over-assigned licence.

The holders are a list like every other (``ListHandling``): sorted by the store (``s``/``S``, a
click on a header), the filter line is the list's filter ('!text' excludes, 'N of M shown'),
``y`` copies a row, ``w`` exports the view as ``licscreen holders`` does. Space marks a holder;
marks survive filtering and sorting.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _, ngettext
from licscreen.licence.changes import ModuleChange
from licscreen.present.export import HOLDER_FIELDS, holder_row
from licscreen.present.listing import ListView
from licscreen.present.text import clean
from licscreen.render.text import safe
from licscreen.store import Store
from licscreen.store.models import Holder, Level
from licscreen.tui.context import app_of
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.list_view_state import ListHandling
from licscreen.tui.widgets.literal_input import LiteralInput
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.table_model import Column, Row
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

MARK = "✓"
COLUMNS = [Column("", width=1, min_width=1), Column(N_("User ID"), width=10),
           Column(N_("Full name"), min_width=12)]
REMOVE_SORT: list[str | None] = [None, "user_id", "full_name"]  # as licscreen holders --sort


def dialog_holders(store: Store, licence_id: int, view: ListView) -> list[Holder]:
    """The holders ``view`` shows in the dialog, all of them, sorted and filtered by the store
    (its filter on the columns shown: user ID and name)."""
    order = (view.sort, view.descending) if view.sort is not None else None
    return store.holders(licence_id, 0, -1, order, text=view.filter)


class MarkedHolders:
    """The holders shown, each row made when drawn (thousands of holders: no wait), with its
    mark."""

    def __init__(self, holders: list[Holder], chosen: set[str]) -> None:
        self.holders, self.chosen = holders, chosen
        self._index = {holder.user_id: n for n, holder in enumerate(holders)}

    def count(self) -> int:
        return len(self.holders)

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        return [Row(h.user_id, (Text(MARK if h.user_id in self.chosen else "", style="bold"),
                                safe(h.user_id, one_line=True), safe(h.full_name, one_line=True)))
                for h in self.holders[offset:offset + limit]]

    def index_of(self, key: Hashable) -> int | None:
        return self._index.get(key) if isinstance(key, str) else None


@dataclass
class HoldersRead(Message):
    holders: list[Holder]  # those the view shows, in its order
    total: int  # the licence's holders
    view: ListView


class RemoveHoldersScreen(ReportWorkerErrors, ModalScreen[set[str] | None]):
    """In use, available, how many must go, and the holders to choose from."""

    DEFAULT_CSS = """
    RemoveHoldersScreen { align: center middle; }
    RemoveHoldersScreen > Vertical {
        width: 72; max-width: 96%; height: auto; max-height: 96%; padding: 0 1;
        border: round $error; background: $panel;
    }
    RemoveHoldersScreen .remove-facts { height: auto; }
    RemoveHoldersScreen .remove-holders {
        height: auto; max-height: 14; min-height: 5; border: round $panel-lighten-2;
        border-subtitle-color: $text-muted;
    }
    RemoveHoldersScreen .remove-buttons { height: auto; align-horizontal: right; }
    RemoveHoldersScreen Button { margin: 0 0 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("enter", "enter", N_("Remove the selected holders"), priority=True),
        Binding("space", "mark", N_("Select the holder")),
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
        self.holders: list[Holder] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("Remove superfluous licences")
            box.border_subtitle = _("Space selects · Enter confirms · Esc cancels")
            yield Static(self._facts(), classes="remove-facts")
            yield LiteralInput(placeholder=_("Filter by user ID or name"), id="holder-filter")
            yield PagedTable(COLUMNS, empty_text=_("No holder matches."),
                             classes="remove-holders")
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

    @property
    def table(self) -> PagedTable:
        return self.query_one(".remove-holders", PagedTable)

    def on_mount(self) -> None:
        self._update_confirm()
        self.handling = ListHandling("remove-holders", REMOVE_SORT, self._view_changed,
                                     title=_("Holders"), ask_filter=self._ask_filter,
                                     export=self._export, remember_filter=False)
        view = self.handling.attach(self.table)
        self.query_one(LiteralInput).value = view.filter
        self.read_holders(view)
        self.table.focus()

    def _view_changed(self, view: ListView) -> None:
        self.read_holders(view)

    def _ask_filter(self) -> None:
        self.query_one(LiteralInput).focus()

    def _export(self) -> ExportSource:
        """The holders shown, as ``licscreen holders`` writes them."""
        licence, shown = app_of(self).store.licence(self.licence_id), list(self.holders)

        def rows() -> Iterator[dict[str, Any]]:
            return (holder_row(licence, h) for h in shown) if licence else iter(())

        return ExportSource(HOLDER_FIELDS, rows, lambda: len(shown) if licence else 0)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        view = self.handling.view.filtered(clean(event.value, one_line=True))
        if view != self.handling.view:
            self.handling.note(view)  # kept for next time
            self.read_holders(view)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def read_holders(self, view: ListView) -> None:
        store = app_of(self).store
        holders = dialog_holders(store, self.licence_id, view)
        total = store.holder_count(self.licence_id)
        if not get_current_worker().is_cancelled:
            self.post_message(HoldersRead(holders, total, view))

    def on_holders_read(self, message: HoldersRead) -> None:
        message.stop()
        if message.view != self.handling.view:  # read before the view last changed
            return
        field = self.query_one(LiteralInput)
        if field.value != message.view.filter:  # cleared by Esc on the list
            field.value = message.view.filter
        self.holders = message.holders
        self.draw()
        self.handling.shown(len(message.holders), message.total)

    def draw(self) -> None:
        self.table.set_source(MarkedHolders(self.holders, self.chosen),
                              keep=self.table.cursor_key)

    def action_mark(self) -> None:
        """Space: the holder under the cursor chosen, or no longer."""
        key: Hashable = self.table.cursor_key
        if isinstance(key, str):
            (self.chosen.discard if key in self.chosen else self.chosen.add)(key)
            self.draw()
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
