"""The System messages list while another program deletes and inserts events dozens of times a
second: the cursor stays on its event (or goes to the row that took its place), the reads of the
list coalesce, the UI thread reads nothing meanwhile, and a key pressed during a read keeps its
effect. Each with a real writer (a thread with its own sqlite3 connection), on every list: all
events, a text filter (counted in the background) and finished ones hidden; the cursor at the
top, deep (past the first page) and on the last row."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from licscreen.store import Store, create_store
from licscreen.store.events import EventFilter, events
from tests.kit.app import settle, system_messages
from tests.kit.clock import FROZEN
from tests.kit.live import EventWriter, HeldReads, ui_thread_reads, until

FILTERS = {"all": EventFilter(), "text": EventFilter("re"),
           "open": EventFilter(show_finished=False)}
PLACES = ("top", "deep", "last")


@pytest.fixture(scope="module")
def busy_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("busy") / "busy.db"
    create_store(path, demo=True, now=FROZEN, bulk=(600, 0)).close()
    return path


@pytest.fixture
def busy_path(busy_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "busy.db"
    shutil.copy(busy_template, path)
    return path


async def shown(pilot, where: EventFilter):
    """The Status tab's list with ``where`` set, read and counted."""
    pane = await system_messages(pilot)
    table = pane.table
    table.focus()
    pane.set_filter(where)
    await until(pilot, lambda: pane.listed is not None and pane.listed.where == where
                and pane.listed.exact and not pane.reading)
    await settle(pilot)
    return pane, table


def row_for(place: str, count: int) -> int:
    return {"top": min(2, count - 1), "deep": min(250, count // 2), "last": count - 1}[place]


def listed_ids(path: Path, where: EventFilter) -> list[int]:
    """The events ``where`` lets through now, in the list's order (read apart from the app)."""
    store = Store.open(path)
    try:
        return [e.id for e in events(store, where, 0, 10**6)]
    finally:
        store.close()


def sort_keys(path: Path) -> dict[int, tuple[str, int]]:
    """Each event's place in the list's order (newest first): (registered, id), descending."""
    with sqlite3.connect(path) as conn:
        keys = {i: (registered, i) for i, registered in
                conn.execute("SELECT id, registered FROM system_event")}
    conn.close()
    return keys


def took_its_place(path: Path, where: EventFilter, key: tuple[str, int]) -> int:
    """The event after the sort key ``key`` in the list now (the previous when none is)."""
    ids = listed_ids(path, where)
    keys = sort_keys(path)
    return next((i for i in ids if keys[i] < key), ids[-1])


async def final_state(pilot, pane, path: Path, where: EventFilter) -> list[int]:
    """Wait until the list shows the store as the writer left it; its events."""
    ids = listed_ids(path, where)
    table = pane.table

    def shows_them() -> bool:
        return (not pane.reading and pane.listed.exact and table.row_count == len(ids)
                and [table.row_at(n).key for n in range(len(ids))] == ids)

    await until(pilot, shows_them)
    await settle(pilot)
    return ids


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("name", FILTERS)
async def test_the_cursor_stays_on_its_event_while_others_write(busy_path: Path, make_app,
                                                                name: str, place: str):
    where = FILTERS[name]
    store = Store.open(busy_path)
    try:
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            pane, table = await shown(pilot, where)
            table.cursor = row_for(place, table.row_count)
            await settle(pilot)
            watched = table.cursor_key
            writer = EventWriter(busy_path, watched, steps=80)
            with ui_thread_reads(store) as reads:
                writer.start()
                while writer.is_alive():
                    assert table.cursor_key == watched
                    await pilot.pause(0.02)
                assert writer.finish() == writer.steps  # every write landed
            assert reads == []  # the UI thread never waited for the store
            ids = await final_state(pilot, pane, busy_path, where)
            assert table.cursor_key == watched
            assert table.cursor == ids.index(watched)
    finally:
        store.close()


GONE = {  # how the event under the cursor leaves the list
    "deleted": "DELETE FROM system_event WHERE id = {id}",
    "finished": "UPDATE system_event SET status = 'finished' WHERE id = {id}",
}
CASES = [(name, "deleted") for name in FILTERS] + [("open", "finished")]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(("name", "gone"), CASES)
async def test_when_its_event_leaves_the_list_the_cursor_goes_to_the_row_that_took_its_place(
        busy_path: Path, make_app, name: str, gone: str, place: str):
    where = FILTERS[name]
    store = Store.open(busy_path)
    try:
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            pane, table = await shown(pilot, where)
            table.cursor = row_for(place, table.row_count)
            await settle(pilot)
            watched, index = table.cursor_key, table.cursor
            key = sort_keys(busy_path)[watched]
            spare = {table.row_at(n).key for n in (index - 1, index + 1) if table.row_at(n)}
            writer = EventWriter(busy_path, watched, spare=spare, steps=60,
                                 then={30: GONE[gone].format(id=watched)})
            writer.start()
            writer.finish()
            ids = await final_state(pilot, pane, busy_path, where)
            assert watched not in ids
            expected = took_its_place(busy_path, where, key)
            assert table.cursor_key == expected
            assert table.cursor == ids.index(expected)
    finally:
        store.close()


async def test_a_burst_of_changes_reads_the_list_at_most_twice(busy_path: Path, make_app,
                                                              monkeypatch):
    reads = HeldReads(monkeypatch)
    store = Store.open(busy_path)
    try:
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            pane, table = await shown(pilot, FILTERS["all"])
            table.cursor = 250
            await settle(pilot)
            watched = table.cursor_key
            published = []
            app.store_changed.subscribe(app, published.append)
            reads.hold()  # the first read the changes start takes as long as they last
            before = reads.started
            writer = EventWriter(busy_path, watched, steps=80, rate=80)
            writer.start()
            await until(pilot, lambda: reads.started > before)
            writer.finish()
            await pilot.pause(0.7)  # the app's next checks of the store see the last commit
            assert len(published) >= 3  # a burst: changes seen again and again
            assert reads.started == before + 1  # the read held; the others wait for it
            reads.release()
            ids = await final_state(pilot, pane, busy_path, FILTERS["all"])
            assert reads.started == before + 2  # one more, for every change meanwhile
            assert table.cursor_key == watched and table.cursor == ids.index(watched)
    finally:
        store.close()


@pytest.mark.parametrize("keys", [("down",), ("up", "up"), ("pagedown", "pagedown", "pagedown"),
                                  ("end",), ("home",)], ids=lambda keys: "+".join(keys))
async def test_a_key_pressed_while_the_list_is_read_moves_the_cursor_and_keeps_it(
        busy_path: Path, make_app, monkeypatch, keys: tuple[str, ...]):
    reads = HeldReads(monkeypatch)
    store = Store.open(busy_path)
    try:
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            pane, table = await shown(pilot, FILTERS["all"])
            table.cursor = 250
            await settle(pilot)
            index = table.cursor
            above = table.row_at(150).key  # the rows above the cursor's move as others write
            reads.hold()  # the reads the burst starts take as long as it lasts, and longer
            before = reads.started
            writer = EventWriter(busy_path, above, steps=80, rate=80)
            writer.start()
            await until(pilot, lambda: reads.started > before)
            writer.finish()
            await pilot.pause(0.7)  # the app's next checks of the store see the last commit
            await pilot.press(*keys)  # while the list is still being read
            assert table.cursor != index  # at once
            moved_to = table.cursor_key
            reads.release()
            ids = await final_state(pilot, pane, busy_path, FILTERS["all"])
            assert table.cursor_key == moved_to  # the reads did not take the key back
            assert table.cursor == ids.index(moved_to)
    finally:
        store.close()
