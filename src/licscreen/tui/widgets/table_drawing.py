"""How a :class:`~licscreen.tui.widgets.paged_table.PagedTable` draws itself with Textual's
line API: the header (the sort column's ▲/▼), each visible row laid out in the columns the
width shows, the cursor's and the section rows' styles; a line at a time, no row measured."""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip

from licscreen.tui.widgets.table_model import (
    Column,
    Row,
    column_at,
    fit_columns,
    line_of,
    titles_of,
)


class TableDrawing(ScrollView):
    """The drawing half of PagedTable (which keeps the rows, the cursor and the keys)."""

    columns: list[Column]
    empty_text: str
    cursor: int
    _count: int
    _layout: tuple[int, list[tuple[int, int]]]
    _base_style: Style | None
    _sorted: tuple[int | None, bool]

    def row_at(self, index: int) -> Row | None:  # PagedTable's: the rows it keeps
        raise NotImplementedError

    def column_at(self, x: int) -> int | None:
        """The column drawn at ``x`` in the header."""
        return column_at(self._columns_for(self.scrollable_content_region.width), x)

    def shown_columns(self) -> list[int]:
        """The columns the table's width shows (narrow ones drop their optional columns)."""
        return [i for i, _width in self._columns_for(self.scrollable_content_region.width)]

    def _columns_for(self, width: int) -> list[tuple[int, int]]:
        if self._layout[0] != width:
            self._layout = (width, fit_columns(self.columns, width))
        return self._layout[1]

    def _line(self, cells: Sequence[Text], width: int) -> Text:
        return line_of(self.columns, self._columns_for(width), cells)

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's own style walks every ancestor: work it out once a frame, not per line.
        self._base_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base_style or self.rich_style
        if y == 0:
            header = self._line(self._titles(width), width)
            return self._strip(header, width, self._styled(base, "header"))
        index = int(self.scroll_y) + y - 1
        if self._count == 0:
            if y == 1 and self.empty_text:
                text = Text(self.empty_text)
                return self._strip(text, width, self._styled(base, "empty"))
            return Strip.blank(width, base)
        row = self.row_at(index)
        if row is None:
            return Strip.blank(width, base)
        if row.key is None:
            text = row.cells[0].copy() if row.cells else Text()
            return self._strip(text, width, self._styled(base, "section"))
        style = base
        if index == self.cursor:
            name = "paged-table--cursor" if self.has_focus else "paged-table--cursor-blurred"
            style = base + self.get_component_rich_style(name)
        return self._strip(self._line(row.cells, width), width, style)

    def _titles(self, width: int) -> list[Text]:
        return titles_of(self.columns, self._columns_for(width), self._sorted)

    def _styled(self, base: Style, part: str) -> Style:
        return base + self.get_component_rich_style(f"paged-table--{part}")

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.truncate(width, overflow="ellipsis")
        segments = list(text.render(self.app.console))
        strip = Strip(Segment.apply_style(segments, style))
        return strip.extend_cell_length(width, style).crop(0, width)
