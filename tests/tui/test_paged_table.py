"""PagedTable on its own, in a harness app that records what it posts (as Textual's DataTableApp
tests do): paging, section rows, the cursor kept across new rows, select_key, clicks."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult

from licscreen.tui.widgets.paged_table import PAGE_SIZE, PagedTable
from licscreen.tui.widgets.table_model import Column, ListSource, Row

COLUMNS = [Column("Name", min_width=10), Column("N", width=4, justify="right")]


def rows(keys: range | list[int], *, sections: dict[int, str] | None = None) -> list[Row]:
    """A row per key, and a section heading before the keys in ``sections``."""
    out: list[Row] = []
    for key in keys:
        if sections and key in sections:
            out.append(Row(None, (Text(sections[key]),)))
        out.append(Row(key, (Text(f"row {key}"), Text(str(key)))))
    return out


class TableApp(App[None]):
    def __init__(self, source: ListSource | None = None) -> None:
        super().__init__()
        self.source = source
        self.moved: list[object] = []  # the keys of the CursorMoved messages, in order
        self.selected: list[object] = []

    def compose(self) -> ComposeResult:
        yield PagedTable(COLUMNS, empty_text="Nothing here")

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        if self.source is not None:
            table.set_source(self.source)
        table.focus()

    @on(PagedTable.CursorMoved)
    def record_move(self, message: PagedTable.CursorMoved) -> None:
        self.moved.append(message.key)

    @on(PagedTable.RowSelected)
    def record_selection(self, message: PagedTable.RowSelected) -> None:
        self.selected.append(message.key)


async def test_rows_are_read_a_page_at_a_time_and_the_keys_page_through_them():
    source = ListSource(rows(range(1000)))
    read: list[tuple[int, int]] = []
    original = source.rows

    def counting(offset: int, limit: int):
        read.append((offset, limit))
        return original(offset, limit)

    source.rows = counting
    app = TableApp(source)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(PagedTable)
        await pilot.pause()
        assert table.row_count == 1000
        assert {offset for offset, _limit in read} == {0}  # a screenful costs one page
        assert all(limit == PAGE_SIZE for _offset, limit in read)
        await pilot.press("pagedown")
        page = table.scrollable_content_region.height - 1  # the rows under the header
        assert table.cursor == page
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == 999 and table.cursor_key == 999
        assert (900, PAGE_SIZE) in read and (500, PAGE_SIZE) not in read
        await pilot.press("home", "j", "j", "k")
        assert table.cursor_key == 1


async def test_the_cursor_skips_section_headings():
    app = TableApp(ListSource(rows(range(6), sections={0: "First", 3: "Second"})))
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(PagedTable)
        await pilot.pause()
        assert table.cursor == 1 and table.cursor_key == 0  # not on the heading above it
        await pilot.press("k")
        assert table.cursor_key == 0
        await pilot.press("j", "j", "j")  # over the heading of the second section
        assert table.cursor_key == 3 and table.cursor == 5
        assert table.row_at(4) == Row(None, (Text("Second"),))


async def test_new_rows_keep_the_cursor_on_its_row():
    app = TableApp(ListSource(rows(range(10))))
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(PagedTable)
        await pilot.pause()
        await pilot.press("j", "j", "j", "j", "j")
        assert table.cursor_key == 5
        table.set_source(ListSource(rows([20, 21, 22, *range(10)])))  # three new rows on top
        assert table.cursor_key == 5 and table.cursor == 8
        table.set_source(ListSource(rows([1, 2, 3])))  # its row is gone: the same line, or last
        assert table.cursor == 2 and table.cursor_key == 3
        table.set_source(ListSource([]))
        await pilot.pause()
        assert table.cursor_key is None and app.moved[-1] is None
        assert "Nothing here" in table.render_line(1).text


async def test_select_key_waits_for_the_rows_that_have_it():
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(PagedTable)
        await pilot.pause()
        assert not table.select_key(7)  # nothing loaded yet: remembered
        assert table.selecting == 7
        table.set_source(ListSource(rows(range(10))), keep=2)
        assert table.cursor_key == 7 and table.selecting is None  # the key asked for wins
        table.set_source(ListSource(rows(range(10))))
        assert table.cursor_key == 7  # forgotten once used: the cursor keeps its row
        assert table.select_key(3) and table.cursor_key == 3 and table.selecting is None
        assert table.index_of(9) == 9 and table.index_of(99) is None


async def test_a_click_moves_the_cursor_and_a_double_click_selects():
    app = TableApp(ListSource(rows(range(10))))
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(PagedTable)
        await pilot.pause()
        await pilot.click(PagedTable, offset=(2, 1 + 4))  # the header, then the fifth row
        await pilot.pause()
        assert table.cursor_key == 4 and app.moved[-1] == 4
        assert app.selected == []
        await pilot.click(PagedTable, offset=(2, 0))  # the header selects nothing
        await pilot.double_click(PagedTable, offset=(2, 1 + 6))
        await pilot.pause()
        assert table.cursor_key == 6 and app.selected == [6]
        await pilot.press("enter")
        await pilot.pause()
        assert app.selected == [6, 6]


async def test_a_cursor_move_waiting_in_the_queue_gives_way_to_the_next():
    app = TableApp(ListSource(rows(range(10))))
    async with app.run_test(size=(40, 12)):
        table = app.query_one(PagedTable)
        other = PagedTable(COLUMNS)
        moved = PagedTable.CursorMoved
        assert moved(table, 1, 1).can_replace(moved(table, 2, 2))
        assert not moved(table, 1, 1).can_replace(PagedTable.RowSelected(table, 1, 1))
        assert not PagedTable.RowSelected(table, 1, 1).can_replace(moved(table, 2, 2))
        assert not moved(table, 1, 1).can_replace(moved(other, 2, 2))


async def test_select_key_may_wait_for_rows_read_again():
    app = TableApp(ListSource(rows(range(10))))
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(PagedTable)
        await pilot.pause()
        assert not table.select_key(4, wait=True)  # the rows shown are out of date
        assert table.cursor_key == 0 and table.selecting == 4
        table.set_source(ListSource(rows([10, *range(10)])))
        assert table.cursor_key == 4 and table.cursor == 5
