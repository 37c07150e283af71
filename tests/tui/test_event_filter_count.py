"""The System messages list with a filter whose count is slow: its first page at once, the count
after it in the background, and the cursor keeping its event when the count arrives."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from licscreen.store import Store, create_store
from licscreen.store.events.queries import EventFilter, events
from licscreen.tui.events import list_reads
from tests.kit.app import settle, system_messages
from tests.kit.clock import FROZEN

EVENTS = 2_500 + 16  # the bulk's and the demo's own


@pytest.fixture(scope="module")
def many_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("count") / "count.db"
    create_store(path, demo=True, now=FROZEN, bulk=(2_500, 60)).close()
    return path


class HeldCount:
    """``count_apart`` made to wait until released, so the list can be seen while counting."""

    def __init__(self, monkeypatch) -> None:
        self.gate = threading.Event()
        self.asked: list[str] = []
        self.gave_up: list[str] = []
        real = list_reads.count_apart

        def held(store, planned, cancelled):
            self.asked.append(planned.where.text)
            while not self.gate.is_set():
                if cancelled():
                    self.gave_up.append(planned.where.text)
                    return None
                time.sleep(0.005)
            return real(store, planned, cancelled)

        monkeypatch.setattr(list_reads, "count_apart", held)


async def until(pilot, done) -> None:
    for _ in range(1_000):
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError("not done in 10 s")


async def test_the_count_follows_and_the_cursor_keeps_its_event(many_path: Path, make_app,
                                                                 monkeypatch):
    count = HeldCount(monkeypatch)
    store = Store.open(many_path)
    try:
        want = [e.id for e in events(store, EventFilter("re"), 0, 10**6)]
        assert len(want) > 200
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            pane = await system_messages(pilot)
            table = pane.table
            assert str(table.border_subtitle) == "2,516 events"  # thousands grouped
            table.focus()
            pane.set_filter(EventFilter("re"))  # two characters: counted by a scan
            await until(pilot, lambda: pane.listed.where.text == "re" and count.asked)
            assert not pane.listed.exact
            assert str(table.border_subtitle) == "100+ of 2,516 shown, counting…"
            assert table.row_count == 100  # the rows known: the first page
            assert [table.row_at(n).key for n in range(100)] == want[:100]
            await pilot.press("down", "down", "down", "end")
            assert table.cursor == 99  # the last row known yet
            await pilot.press("up", "up")
            key = table.cursor_key
            assert key == want[97]
            count.gate.set()
            await until(pilot, lambda: pane.listed.exact)
            await settle(pilot)
            assert str(table.border_subtitle) == f"{len(want):,} of 2,516 shown"
            assert table.row_count == len(want)
            assert (table.cursor, table.cursor_key) == (97, key)
            await pilot.press("end")  # now the true last row
            assert (table.cursor, table.cursor_key) == (len(want) - 1, want[-1])
            assert count.gave_up == []
    finally:
        store.close()


async def test_typing_on_gives_up_the_count_under_way(many_path: Path, make_app, monkeypatch):
    count = HeldCount(monkeypatch)
    store = Store.open(many_path)
    try:
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            pane = await system_messages(pilot)
            pane.set_filter(EventFilter("r"))
            await until(pilot, lambda: count.asked == ["r"])
            pane.set_filter(EventFilter("re"))
            await until(pilot, lambda: count.gave_up == ["r"] and count.asked == ["r", "re"])
            count.gate.set()
            await until(pilot, lambda: pane.listed.exact)
            await settle(pilot)
            want = events(store, EventFilter("re"), 0, 10**6)
            assert pane.table.row_count == len(want)
            assert count.gave_up == ["r"]
    finally:
        store.close()


async def test_a_filter_with_few_candidates_is_counted_at_once(many_path: Path, make_app,
                                                               monkeypatch):
    count = HeldCount(monkeypatch)
    store = Store.open(many_path)
    try:
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            pane = await system_messages(pilot)
            pane.set_filter(EventFilter("#000012"))  # the index names ten candidates
            await until(pilot, lambda: pane.listed.where.text == "#000012")
            assert pane.listed.exact and count.asked == []
            assert str(pane.table.border_subtitle) == "10 of 2,516 shown"
    finally:
        store.close()


async def test_a_reload_keeps_the_cursor_deep_in_a_filtered_list(many_path: Path, tmp_path: Path,
                                                                  make_app):
    import shutil
    import sqlite3

    path = tmp_path / "copy.db"
    shutil.copy(many_path, path)
    store = Store.open(path)
    try:
        async with make_app(store).run_test(size=(100, 30)) as pilot:
            pane = await system_messages(pilot)
            table = pane.table
            table.focus()
            pane.set_filter(EventFilter("re"))
            await until(pilot, lambda: pane.listed.where.text == "re" and pane.listed.exact)
            await settle(pilot)
            shown = table.row_count
            await pilot.press("end", "pageup", "pageup")  # far down, past the first page
            key, index = table.cursor_key, table.cursor
            assert index > 1000
            with sqlite3.connect(path) as other:  # another program: new events that match
                other.executemany(
                    "INSERT INTO system_event (scope, event_key, name, status, message,"
                    " registered) VALUES (1, ?, 'Late', 'finished', 'rebooted',"
                    " '2026-11-28 08:59:00')", [(f"Late{n}",) for n in range(7)])
            other.close()
            await until(pilot, lambda: pane.listed.exact and table.row_count == shown + 7)
            assert (table.cursor_key, table.cursor) == (key, index + 7)
    finally:
        store.close()
