"""The keys every list has (``PagedTable``'s): ``s``/``S`` sort, ``/`` filter, ``Esc`` clears it,
``y`` copies the row, ``w`` exports the view. They act through the table's
:class:`~licscreen.tui.widgets.list_view_state.ListHandling`, and are off (not shown, the key
left to the widgets around) on a table without one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.actions import SkipAction
from textual.binding import Binding, BindingType

from licscreen.i18n import N_

if TYPE_CHECKING:
    from licscreen.tui.widgets.list_view_state import ListHandling

LIST_BINDINGS: list[BindingType] = [
    Binding("s", "sort_next", N_("Sort by the next column"), show=False),
    Binding("S", "sort_reverse", N_("Sort the other way"), show=False),
    Binding("slash", "filter", N_("Filter"), key_display="/", show=False),
    Binding("escape", "clear_filter", N_("Clear the filter"), show=False),
    Binding("y", "copy_row", N_("Copy the row"), show=False),
    Binding("w", "export", N_("Export the list (CSV or JSON)"), show=False),
]


class ListKeys:
    """The actions of :data:`LIST_BINDINGS`, for a table with a ``handling``."""

    LIST_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"sort_next", "sort_reverse", "filter", "clear_filter", "copy_row", "export"})

    handling: ListHandling | None = None  # set by ListHandling.attach

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.LIST_ACTIONS:
            handling = self.handling
            if handling is None or (action == "export" and handling.export_source is None):
                return False
            if action == "clear_filter":  # Esc is the screen's (Back) until there is a filter
                return bool(handling.view.filter)
            return not (action == "filter" and handling.own_filter)  # its owner's key, shown
        return True  # the table's own keys

    def _handling(self) -> ListHandling:
        if self.handling is None:
            raise SkipAction()  # the key is the list's owner's, if anyone's
        return self.handling

    def action_sort_next(self) -> None:
        self._handling().sort_next()

    def action_sort_reverse(self) -> None:
        self._handling().reverse()

    def action_filter(self) -> None:
        self._handling().ask_filter()

    def action_clear_filter(self) -> None:
        if not self._handling().clear_filter():
            raise SkipAction()

    def action_copy_row(self) -> None:
        self._handling().copy_row()

    def action_export(self) -> None:
        handling = self._handling()
        if handling.export_source is None:
            raise SkipAction()
        handling.export()
