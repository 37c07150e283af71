"""What a :class:`~licscreen.tui.widgets.paged_table.PagedTable` shows: its columns, its rows, the
source it reads them from, and how columns share the width. No widget code here."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Protocol

from rich.text import Text

from licscreen.i18n import _


@dataclass(frozen=True, slots=True)
class Column:
    label: str  # marked with N_ where the columns are made, translated where drawn
    width: int = 0  # 0: shares the space left by fixed-width columns
    min_width: int = 6
    justify: str = "left"  # left | right
    drop_order: int = 0  # when too narrow, columns with the highest drop_order go first

    @property
    def title(self) -> str:
        """The label in the language in use."""
        return _(self.label) if self.label else ""

    def widths(self) -> tuple[int, int]:
        """(width, min_width): the title always fits, so a translation longer than the English
        widens its column."""
        title = len(self.title)
        return (max(self.width, title) if self.width else 0), max(self.min_width, title)


@dataclass(frozen=True, slots=True)
class Row:
    key: Hashable | None  # None: a section heading, which the cursor skips
    cells: tuple[Text, ...]


class TableSource(Protocol):
    def count(self) -> int: ...

    def rows(self, offset: int, limit: int) -> Sequence[Row]: ...

    def index_of(self, key: Hashable) -> int | None: ...


class ListSource:
    """Rows already in memory (a licence list is a few dozen)."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self._rows = list(rows)
        self._index = {row.key: i for i, row in enumerate(self._rows) if row.key is not None}

    def count(self) -> int:
        return len(self._rows)

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        return self._rows[offset : offset + limit]

    def index_of(self, key: Hashable) -> int | None:
        return self._index.get(key)


EMPTY_SOURCE = ListSource([])


def fit_columns(columns: Sequence[Column], width: int) -> list[tuple[int, int]]:
    """(column index, width) for the columns that fit in ``width``, one space between."""
    sizes = [column.widths() for column in columns]
    fixed, least = [w for w, _m in sizes], [m for _w, m in sizes]
    shown = sorted(range(len(columns)), key=lambda i: columns[i].drop_order)
    while shown:
        need = sum(fixed[i] or least[i] for i in shown) + len(shown) - 1
        if need <= width or len(shown) == 1:
            break
        shown.pop()
    shown.sort()
    flexible = [i for i in shown if not fixed[i]]
    spare = width - sum(fixed[i] for i in shown) - (len(shown) - 1)
    widths = {i: fixed[i] for i in shown}
    for n, i in enumerate(flexible):
        share = spare // (len(flexible) - n)
        widths[i] = max(least[i], share)
        spare -= widths[i]
    if not flexible and shown:  # give the slack to the last column
        widths[shown[-1]] += max(0, spare)
    return [(i, widths[i]) for i in shown]


def column_at(layout: Sequence[tuple[int, int]], x: int) -> int | None:
    """The column drawn at ``x`` (a cell) of a line laid out as ``layout`` (fit_columns')."""
    start = 0
    for i, width in layout:
        if start <= x < start + width + 1:
            return i
        start += width + 1
    return None


def line_of(columns: Sequence[Column], layout: Sequence[tuple[int, int]],
            cells: Sequence[Text]) -> Text:
    """One line: each shown column's cell cut to its width with '…', padded as it justifies."""
    line = Text(end="")
    for n, (i, cell_width) in enumerate(layout):
        if n:
            line.append(" ")
        cell = cells[i].copy() if i < len(cells) else Text()
        cell.truncate(cell_width, overflow="ellipsis")
        pad = " " * (cell_width - cell.cell_len)
        if columns[i].justify == "right":
            line.append(pad)
            line.append_text(cell)
        else:
            line.append_text(cell)
            line.append(pad)
    return line


def titles_of(columns: Sequence[Column], layout: Sequence[tuple[int, int]],
              sorted_by: tuple[int | None, bool]) -> list[Text]:
    """The column titles; the sort column's ends in ▲ or ▼ (▼: descending; its title cut to
    make room)."""
    titles = [Text(c.title) for c in columns]
    column, descending = sorted_by
    widths = dict(layout)
    if column is not None and column in widths:
        title, arrow = titles[column], "▼" if descending else "▲"
        if title.cell_len + 2 <= widths[column]:
            title.append(" " + arrow)
        else:  # a narrow column: the arrow in place of its title's last letter
            title.truncate(max(0, widths[column] - 1))
            title.append(arrow)
    return titles
