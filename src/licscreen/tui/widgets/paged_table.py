"""A table that reads only the rows it shows.

The stock ``DataTable`` keeps and measures every row; this one asks a :class:`TableSource` for
the row count and for pages of rows as they scroll into view (Textual's line API), keeps a few
pages in a cache, and draws each visible line itself. A store of a million rows costs what a
screenful costs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive

from licscreen.i18n import N_
from licscreen.tui.widgets.list_keys import LIST_BINDINGS, ListKeys
from licscreen.tui.widgets.table_drawing import TableDrawing
from licscreen.tui.widgets.table_model import EMPTY_SOURCE, Column, Row, TableSource

PAGE_SIZE = 100
CACHED_PAGES = 8


class PagedTable(ListKeys, TableDrawing, can_focus=True):
    """Rows from a :class:`TableSource`, a cursor, and messages when it moves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", N_("Down"), show=False),
        Binding("up,k", "cursor_up", N_("Up"), show=False),
        Binding("pagedown", "page_down", N_("Page down"), show=False),
        Binding("pageup", "page_up", N_("Page up"), show=False),
        Binding("home,g", "first", N_("First"), show=False),
        Binding("end,G", "last", N_("Last"), show=False),
        Binding("enter", "select", N_("Select"), show=False),
        *LIST_BINDINGS,  # sort, filter, copy, export (tui/widgets/list_keys.py)
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paged-table--header",
        "paged-table--cursor",
        "paged-table--cursor-blurred",
        "paged-table--section",
        "paged-table--empty",
    }

    DEFAULT_CSS = """
    PagedTable {
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    PagedTable > .paged-table--header { text-style: bold; color: $text-accent; }
    PagedTable > .paged-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    PagedTable > .paged-table--cursor-blurred { background: $block-cursor-blurred-background; }
    PagedTable > .paged-table--section { text-style: bold; color: $text-secondary; }
    PagedTable > .paged-table--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=False)

    class CursorMoved(Message):
        """The cursor is on another row (or the table's rows changed under it)."""

        def __init__(self, table: PagedTable, key: Hashable | None, index: int) -> None:
            super().__init__()
            self.table = table
            self.key = key
            self.index = index

        @property
        def control(self) -> PagedTable:
            return self.table

        def can_replace(self, message: Message) -> bool:
            """Holding j moves the cursor faster than a detail is read: only the last row
            the cursor came to counts, so one waiting move replaces the one before it."""
            return (isinstance(message, PagedTable.CursorMoved) and type(message) is type(self)
                    and message.table is self.table)

    class RowSelected(CursorMoved):
        """Enter, or a double click, on a row."""

        def can_replace(self, message: Message) -> bool:
            return False  # each Enter is an action of its own

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        empty_text: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = list(columns)
        self.empty_text = empty_text
        self._source: TableSource = EMPTY_SOURCE
        self._selecting: Hashable | None = None  # a row asked for before the rows came
        self._count = 0
        self._pages: OrderedDict[int, Sequence[Row]] = OrderedDict()
        self._layout: tuple[int, list[tuple[int, int]]] = (-1, [])
        self._base_style: Style | None = None
        self._sorted: tuple[int | None, bool] = (None, False)  # the header's ▲/▼

    # The data

    @property
    def row_count(self) -> int:
        return self._count

    @property
    def cursor_key(self) -> Hashable | None:
        row = self.row_at(self.cursor)
        return row.key if row else None

    @property
    def selecting(self) -> Hashable | None:
        """The key :meth:`select_key` asked for and the rows shown do not have yet."""
        return self._selecting

    def set_source(self, source: TableSource, *, keep: Hashable | None = None) -> None:
        """Show ``source``; the cursor goes to the row :meth:`select_key` asked for, else to
        ``keep``, else stays on its row, when that row is there (else on its line)."""
        if self._selecting is not None:
            keep, self._selecting = self._selecting, None
        elif keep is None:
            keep = self.cursor_key
        self._source = source
        self._pages.clear()
        self._count = source.count()
        self.virtual_size = Size(0, self._count + 1)  # rows only: no sideways scrolling
        index = source.index_of(keep) if keep is not None else None
        if index is None:
            index = min(self.cursor, self._count - 1)
        target = self._selectable(index, 1)
        self.set_reactive(PagedTable.cursor, max(0, target))
        self._scroll_cursor_into_view()
        self.refresh()
        self._announce(PagedTable.CursorMoved)

    def redraw_rows(self) -> None:
        """Ask the source for the rows again (their text changed, not which rows there are)."""
        self._pages.clear()
        self.refresh()

    def row_at(self, index: int) -> Row | None:
        if not 0 <= index < self._count:
            return None
        page_number, offset = divmod(index, PAGE_SIZE)
        page = self._pages.get(page_number)
        if page is None:
            page = self._source.rows(page_number * PAGE_SIZE, PAGE_SIZE)
            self._pages[page_number] = page
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        return page[offset] if offset < len(page) else None

    def _selectable(self, index: int, step: int) -> int:
        """The nearest row from ``index`` in direction ``step`` (else the other way) that the
        cursor may rest on; section headings are skipped."""
        if self._count == 0:
            return 0
        index = max(0, min(index, self._count - 1))
        for direction in (step, -step):
            probe = index
            while 0 <= probe < self._count:
                row = self.row_at(probe)
                if row is not None and row.key is not None:
                    return probe
                probe += direction
        return index

    # Moving the cursor

    @property
    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _move_to(self, index: int, step: int) -> None:
        if self._count:
            self.cursor = self._selectable(index, step)

    def action_cursor_down(self) -> None:
        self._move_to(self.cursor + 1, 1)

    def action_cursor_up(self) -> None:
        self._move_to(self.cursor - 1, -1)

    def action_page_down(self) -> None:
        self._move_to(self.cursor + self._page_rows, 1)

    def action_page_up(self) -> None:
        self._move_to(self.cursor - self._page_rows, -1)

    def action_first(self) -> None:
        self._move_to(0, 1)

    def action_last(self) -> None:
        self._move_to(self._count - 1, -1)

    def action_select(self) -> None:
        self._announce(PagedTable.RowSelected)

    def move_to_key(self, key: Hashable) -> bool:
        """Put the cursor on ``key``'s row, if the rows shown have it."""
        index = self._source.index_of(key)
        if index is None:
            return False
        self.cursor = index
        return True

    def select_key(self, key: Hashable, *, wait: bool = False) -> bool:
        """Put the cursor on ``key``'s row: now, or when the next rows are set (a list still
        loading, or to be read again). ``wait``: only then, as the rows shown are out of date
        (the store was just written). True when the cursor is on it now."""
        self._selecting = None if not wait and self.move_to_key(key) else key
        return self._selecting is None

    def forget_selecting(self) -> None:
        """Forget the key :meth:`select_key` asked for (its owner will ask again)."""
        self._selecting = None

    def index_of(self, key: Hashable) -> int | None:
        """The row of ``key`` in the rows shown, if they have it."""
        return self._source.index_of(key)

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        self._announce(PagedTable.CursorMoved)

    def _announce(self, kind: type[CursorMoved]) -> None:
        row = self.row_at(self.cursor)
        if row is not None and row.key is not None:
            self.post_message(kind(self, row.key, self.cursor))
        elif kind is PagedTable.CursorMoved:
            self.post_message(kind(self, None, -1))

    def _scroll_cursor_into_view(self) -> None:
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self._page_rows:
            self.scroll_to(y=self.cursor - self._page_rows + 1, animate=False, immediate=True)

    def show_sort(self, column: int | None, descending: bool) -> None:
        """Mark ``column``'s header ▲ (ascending) or ▼ (None: the list's own order)."""
        if self._sorted != (column, descending):
            self._sorted = (column, descending)
            self.refresh()

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0 and self.handling is not None:
            column = self.column_at(offset.x)
            if column is not None:
                self.handling.sort_by_index(column)
            return
        index = int(self.scroll_y) + offset.y - 1
        if offset.y >= 1 and 0 <= index < self._count:
            row = self.row_at(index)
            if row is not None and row.key is not None:
                self.cursor = index
                if event.chain >= 2:
                    self.action_select()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
