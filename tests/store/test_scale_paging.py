"""The large demo store, and paging through long lists: every row once, in order."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from licscreen.cli import main
from licscreen.store import Store


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_init_builds_a_large_demo(tmp_path: Path):
    path = tmp_path / "big.db"
    result = run("--db", str(path), "init", "--events", "3000", "--users", "5200")
    assert result.exit_code == 0, result.output
    assert "Built in" in result.output
    store = Store.open(path)
    try:
        assert store.event_count() == 3000 + 16  # the demo's own events too
        with store.db.read() as conn:
            users = conn.execute("SELECT count(*) FROM user").fetchone()[0]
            most = conn.execute(
                """SELECT count(*) FROM licence_user l JOIN module_licence m ON m.id = l.licence_id
                   WHERE m.licence_type = 3 GROUP BY l.licence_id ORDER BY 1 DESC""").fetchone()[0]
            over = conn.execute(
                """SELECT count(*) FROM module_licence m WHERE total < (SELECT count(*)
                   FROM licence_user WHERE licence_id = m.id)""").fetchone()[0]
            kinds = {r[0] for r in conn.execute("SELECT DISTINCT status FROM system_event")}
            years = conn.execute(
                "SELECT julianday(max(registered)) - julianday(min(registered))"
                " FROM system_event").fetchone()[0]
        assert users == 5200
        assert most >= 5000
        assert over == 0  # room for every holder
        assert {"finished", "failed", "cancelled", "active", "running"} <= kinds
        assert years > 365 * 5
    finally:
        store.close()


def test_large_demo_needs_the_demo(tmp_path: Path):
    result = run("--db", str(tmp_path / "x.db"), "init", "--empty", "--events", "10")
    assert result.exit_code == 2
    assert "--events and --users: only with --demo" in result.output
    assert not (tmp_path / "x.db").exists()


# --- Paging ----------------------------------------------------------------------------------

import sqlite3  # noqa: E402

import pytest  # noqa: E402

from licscreen.store import create_store  # noqa: E402
from licscreen.store.events.pages import EventPager  # noqa: E402
from licscreen.store.events.queries import EventFilter, event_count, events  # noqa: E402
from tests.kit.clock import FROZEN  # noqa: E402

FILTERS = [EventFilter(), EventFilter("rebuild"), EventFilter(show_finished=False),
           EventFilter("re", show_finished=False)]


@pytest.fixture(scope="module")
def paged_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("paging") / "paging.db"
    create_store(path, demo=True, now=FROZEN, bulk=(2_500, 60)).close()
    conn = sqlite3.connect(path)  # ties on the sort key: the id decides
    with conn:
        conn.execute("UPDATE system_event SET registered = '2023-05-05 05:05:05'"
                      " WHERE id % 97 = 0")
        conn.execute("UPDATE system_event SET status = 'active' WHERE id % 5 = 0")
    conn.close()
    return path


@pytest.fixture
def paged_store(paged_path: Path):
    store = Store.open(paged_path)
    yield store
    store.close()


def expected(store: Store, where: EventFilter) -> list[int]:
    return [e.id for e in events(store, where, 0, 100_000)]


@pytest.mark.parametrize("where", FILTERS, ids=["all", "text", "not over", "both"])
def test_paging_down_and_up_visits_every_row_once_in_order(paged_store: Store,
                                                           where: EventFilter):
    want = expected(paged_store, where)
    assert len(want) > 100  # more than one page
    pager = EventPager(paged_store, where, event_count(paged_store, where))
    down = [e.id for offset in range(0, len(want), 100) for e in pager.page(offset, 100)]
    assert down == want
    pager = EventPager(paged_store, where, len(want))  # End, then page up to the top
    pages = [pager.page(offset, 100) for offset in reversed(range(0, len(want), 100))]
    assert [e.id for page in reversed(pages) for e in page] == want
    pager = EventPager(paged_store, where, len(want))  # a jump into the middle, then on
    middle = (len(want) // 200) * 100
    got = [e.id for offset in range(middle, len(want), 100) for e in pager.page(offset, 100)]
    assert got == want[middle:]


def test_page_sizes_that_do_not_divide_the_list(paged_store: Store):
    where = EventFilter()
    want = expected(paged_store, where)
    pager = EventPager(paged_store, where, len(want))
    assert [e.id for offset in range(0, len(want), 37) for e in pager.page(offset, 37)] == want


async def test_rows_inserted_while_scrolled_keep_the_cursor_on_its_row(paged_path: Path,
                                                                       tmp_path: Path, make_app):
    import shutil

    from tests.kit.app import settle, system_messages

    path = tmp_path / "copy.db"
    shutil.copy(paged_path, path)
    store = Store.open(path)
    try:
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            pane = await system_messages(pilot)
            table = pane.table
            table.focus()
            await pilot.press("end", "pageup", "pageup")  # far down, pages read by keyset
            await settle(pilot)
            key, index = table.cursor_key, table.cursor
            assert index > 2000
            other = sqlite3.connect(path)
            with other:
                other.executemany(
                    "INSERT INTO system_event (scope, event_key, name, status, registered)"
                    " VALUES (1, ?, 'Late', 'finished', '2026-11-28 08:59:00')",
                    [(f"Late{n}",) for n in range(7)])
            other.close()
            app.action_reload()
            await settle_overtaken(pilot, settle)
            assert table.cursor_key == key and table.cursor == index + 7
            assert table.row_count == 2_500 + 16 + 7
            assert table.row_at(table.cursor).key == key
    finally:
        store.close()


async def settle_overtaken(pilot, settle) -> None:
    """Settle, though a reload may be overtaken by a newer one: the live refresh sees the same
    commit as the explicit refresh, and its reload cancels the one under way."""
    from textual.worker import WorkerCancelled

    for _ in range(5):
        try:
            await settle(pilot)
            return
        except WorkerCancelled:
            continue
    await settle(pilot)


@pytest.mark.parametrize("where", FILTERS, ids=["all", "text", "not over", "both"])
def test_an_event_is_found_at_its_row(paged_store: Store, where: EventFilter):
    from licscreen.store.events.pages import position

    want = expected(paged_store, where)
    for index in [*range(0, len(want), 41), len(want) - 1]:
        assert position(paged_store, where, want[index]) == index
    hidden = set(expected(paged_store, EventFilter())) - set(want)
    if hidden:
        assert position(paged_store, where, min(hidden)) is None
    assert position(paged_store, where, 10**9) is None
