"""Sort, filter, copy and export for any :class:`PagedTable`: k9s's list handling, one piece.

A list attaches a :class:`ListHandling` to its table once (``ListHandling(...).attach(table)``,
in ``on_mount``), naming its columns as ``--sort`` does (None: a column it cannot sort by) and
what to do when the view changes (read its rows again through :attr:`ListHandling.view`). The
table's keys then work on it: ``s`` the next sort column, ``S`` the other way, a click on a
header, ``/`` the filter, ``Esc`` clears it, ``y`` copies the row, ``w`` exports the view. The
header shows ▲/▼, the border "N of M shown" (:meth:`ListHandling.shown`), and each list's view
is kept per store in the state file (:mod:`licscreen.store.list_state`) and restored at start.
How to attach one to a new list: docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from licscreen.i18n import _
from licscreen.i18n.l10n import fmt_number
from licscreen.present.listing import ListView, UnknownColumn, parse_sort
from licscreen.present.text import clean
from licscreen.store import ListStates, store_key
from licscreen.tui.context import app_of

if TYPE_CHECKING:
    from licscreen.tui.widgets.export import ExportSource
    from licscreen.tui.widgets.paged_table import PagedTable

_states: ListStates | None = None  # the state file, read once per process


def list_states(notify: Callable[[str], None] | None = None) -> ListStates:
    """The state file, read on first use; its notice (a damaged file) told once."""
    global _states
    if _states is None:
        _states = ListStates.load()
        if _states.notice and notify is not None:
            notify(_states.notice)
    return _states


def forget_states() -> None:
    """Read the state file again on next use (tests; the file was replaced)."""
    global _states
    _states = None


class ListHandling:
    """One list's view (sort and filter) and the keys that change it.

    ``key``: the list's name in the state file ('licences', 'holders', 'events');
    ``names``: per table column, its name for ``--sort`` (None: not sortable); ``changed``:
    called with the new view (read the rows again); ``ask_filter``: a list with a filter line
    of its own opens it (else the filter prompt); ``export``: the rows of the view, for ``w``;
    ``remember_filter``: False for a dialog's list, whose filter is for this time only (its
    sort is kept).
    """

    def __init__(self, key: str, names: Sequence[str | None], changed: Callable[[ListView], None],
                 *, title: str = "", ask_filter: Callable[[], None] | None = None,
                 export: Callable[[], ExportSource] | None = None,
                 remember: bool = True, remember_filter: bool = True) -> None:
        self.key = key
        self.names = list(names)
        self.changed = changed
        self.title = title
        self._ask_filter = ask_filter
        self.export_source = export
        self.remember = remember
        self.remember_filter = remember_filter
        self.view = ListView()
        self.table: PagedTable | None = None
        self._store = ""

    @property
    def own_filter(self) -> bool:
        """The list has a filter line of its own, with its own key."""
        return self._ask_filter is not None

    @property
    def sortable(self) -> list[str]:
        return [name for name in self.names if name is not None]

    def attach(self, table: PagedTable, *, restore: bool = True) -> ListView:
        """Handle ``table``'s list; the view kept for this store, if any, is restored (and
        returned: the list reads its first rows through it)."""
        self.table = table
        table.handling = self
        app = app_of(table)
        self._store = store_key(app.store.path)
        if restore and self.remember:
            kept = list_states(lambda notice: app.notify(notice, severity="warning",
                                                         timeout=8)).get(self._store, self.key)
            if kept is not None:
                try:
                    column, descending = parse_sort(kept[0], self.sortable)
                except UnknownColumn:
                    column, descending = None, False  # a column this version does not have
                kept_filter = clean(kept[1], one_line=True) if self.remember_filter else ""
                self.view = ListView(column, descending, kept_filter)
        self._draw_sort()
        return self.view

    # Changing the view

    def set_view(self, view: ListView) -> None:
        if self.note(view):
            self.changed(view)

    def note(self, view: ListView) -> bool:
        """The view is now ``view`` (a list's own filter line changed it): drawn and kept, the
        list not told. False when it was already."""
        if view == self.view:
            return False
        self.view = view
        self._draw_sort()
        if self.remember and self._store:
            list_states().put(self._store, self.key, view.sort_spec,
                              view.filter if self.remember_filter else "")
        return True

    def sort_next(self) -> None:
        """The next sortable column (after the last, the list's own order again)."""
        names = self.sortable
        if not names:
            return
        current = self.view.sort
        following = names.index(current) + 1 if current in names else 0
        self.set_view(self.view.sorted_by(names[following] if following < len(names) else None))

    def reverse(self) -> None:
        """The other way: by the sort column, or the first column when none is chosen."""
        column = self.view.sort or (self.sortable[0] if self.sortable else None)
        if column is not None:
            self.set_view(self.view.sorted_by(column, not self.view.descending
                                              if self.view.sort else True))

    def sort_by_index(self, index: int) -> None:
        """A click on a header: by that column; again, the other way."""
        name = self.names[index] if 0 <= index < len(self.names) else None
        if name is None:
            return
        descending = not self.view.descending if self.view.sort == name else False
        self.set_view(self.view.sorted_by(name, descending))

    def set_filter(self, text: str) -> None:
        self.set_view(self.view.filtered(clean(text, one_line=True)))

    def ask_filter(self) -> None:
        if self._ask_filter is not None:
            self._ask_filter()
            return
        from licscreen.tui.widgets.filter_prompt import FilterPrompt

        if self.table is not None:
            self.table.app.push_screen(FilterPrompt(self.title, self.view.filter,
                                                    self.set_filter))

    def clear_filter(self) -> bool:
        """Esc on the list: the filter cleared (False when there was none)."""
        if not self.view.filter:
            return False
        self.set_filter("")
        return True

    # What the table shows of it

    def _draw_sort(self) -> None:
        if self.table is None:
            return
        sort = self.view.sort
        index = self.names.index(sort) if sort is not None and sort in self.names else None
        self.table.show_sort(index, self.view.descending)
        self.table.refresh_bindings()  # Esc clears a filter, or is the screen's again

    def shown(self, count: int, total: int) -> None:
        """The border's count: 'N of M shown' while the filter holds rows back."""
        if self.table is None:
            return
        self.table.border_subtitle = _("{n} of {total} shown").format(
            n=fmt_number(count), total=fmt_number(total)) if self.view.filter else ""

    def title_with_filter(self, title: str | Text, shown: tuple[int, int] | None = None
                          ) -> str | Text:
        """The list's title, and its filter when there is one (``shown``: and 'N of M shown',
        for a list whose border has no room below). What was typed is shown as text."""
        if not self.view.filter:
            return title
        parts = [_("filter: {text}").format(text=self.view.filter)]
        if shown is not None:
            parts.append(_("{n} of {total} shown").format(n=fmt_number(shown[0]),
                                                          total=fmt_number(shown[1])))
        line = Text(title) if isinstance(title, str) else title.copy()
        line.append(" · " + clean(" · ".join(parts), one_line=True))
        return line

    # The row under the cursor, and the whole view

    def copy_row(self) -> None:
        table = self.table
        if table is None:
            return
        row = table.row_at(table.cursor)
        if row is None or row.key is None:
            table.app.notify(_("No row to copy."), severity="warning", timeout=3)
            return
        text = "\t".join(clean(row.cells[i].plain, one_line=True)  # as shown: no hidden column
                         for i in table.shown_columns() if i < len(row.cells))
        table.app.copy_to_clipboard(text)
        table.app.notify(_("Row copied to the clipboard."), timeout=2)

    def export(self) -> None:
        if self.table is None or self.export_source is None:
            return
        from licscreen.tui.widgets.export import ExportScreen

        self.table.app.push_screen(ExportScreen(self.export_source, self.key))

