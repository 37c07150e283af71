"""Other processes writing the store: concurrent writers, and an app that shows their writes.

These run in real time (subprocesses, and the app's half-second check of the store), so they
wait with deadlines, never with fixed sleeps.
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from textual.widgets import Static

from licscreen.store import Store, create_store
from licscreen.tui.events.detail import EventDetail
from licscreen.tui.events.messages import SystemMessages
from licscreen.tui.events.status_pane import DatabaseFacts
from licscreen.tui.licences.owner_pane import OwnerPane
from tests.kit.app import rendered, settle

WRITER = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from licscreen.store import Store
from licscreen.store.events.input import ADMIN_TYPES, ScopeRef
from licscreen.store.events.writes import NewEvent, add_event
from licscreen.store.models import EventScope

store = Store.open(Path(sys.argv[1]))
first = int(sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()  # both start together
started = time.time()
for n in range(first, first + 500):
    new = NewEvent(ADMIN_TYPES[n % 4], ScopeRef(EventScope.USER, f"U{n:04d}"), f"event {n}")
    add_event(store, new, by=None, now=datetime.now(UTC))
print(started, time.time(), flush=True)
"""


def test_two_writers_adding_500_events_each_lose_nothing(tmp_path: Path):
    path = tmp_path / "busy.db"
    create_store(path, demo=False).close()
    conn = sqlite3.connect(path)
    conn.executemany("INSERT INTO user (user_id, full_name) VALUES (?, ?)",
                     [(f"U{n:04d}", f"User {n}") for n in range(1000)])
    conn.commit()
    conn.close()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(first)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
               for first in (0, 500)]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    spans = []
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert "locked" not in err and not err.strip()
        spans.append(tuple(map(float, out.split())))
    (start_a, end_a), (start_b, end_b) = spans
    assert start_a < end_b and start_b < end_a, "the writers did not write at the same time"
    store = Store.open(path)
    assert store.event_count() == 1000
    written = {e.message for e in store.events(0, 1000)}
    assert written == {f"event {n}" for n in range(1000)}
    store.close()


# The app, while another process writes

OTHER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
print("ready", flush=True)
for line in sys.stdin:
    conn.execute(line)
    print("done", flush=True)
"""
DEADLINE_S = 10.0  # never shown by then: broken, not slow


class OtherProcess:
    """A plain sqlite3 program writing the store: one statement per line, each committed."""

    async def start(self, path: Path) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", OTHER, str(path),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        assert (await self.proc.stdout.readline()).strip() == b"ready"

    async def run(self, sql: str) -> float:
        """Run ``sql``; returns the moment it was committed."""
        self.proc.stdin.write(sql.replace("\n", " ").encode() + b"\n")
        await self.proc.stdin.drain()
        assert (await self.proc.stdout.readline()).strip() == b"done"
        return time.monotonic()

    async def stop(self) -> None:
        self.proc.stdin.close()
        await self.proc.wait()


async def shown_within(pilot, committed: float, condition) -> float:
    """Wait until ``condition()`` holds; fail if it never does. How soon is a figure for a
    benchmark, not an assertion here: a busy CI machine would make it flaky."""
    while not condition():
        if time.monotonic() - committed > DEADLINE_S:
            break
        await pilot.pause(0.02)
    assert condition(), "the app never showed the change"
    return time.monotonic() - committed


class ReadCounter:
    """Counts reads through the app's store connection."""

    def __init__(self, store: Store) -> None:
        self.count = 0
        original = store.db.read

        def counted():
            self.count += 1
            return original()

        store.db.read = counted


async def test_the_app_shows_what_another_process_writes(demo_path, make_app):
    store = Store.open(demo_path)
    app = make_app(store)
    other = OtherProcess()
    await other.start(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        pane = app.query_one(SystemMessages)
        table, detail = pane.table, app.query_one(EventDetail)
        await pilot.press("j", "j", "j")
        await settle(pilot)
        watched = table.cursor_key
        count = table.row_count

        # Nothing changes: nothing is read, however many checks pass.
        reads = ReadCounter(store)
        await pilot.pause(1.2)
        assert reads.count == 0

        # A new event (newest, so at the top): the cursor stays on the same event.
        committed = await other.run(
            "INSERT INTO system_event (scope, owner_id, event_key, name, status, message,"
            " registered) VALUES (1, 0, 'Import:live', 'Import', 'running', 'Live import',"
            " '2026-11-28 08:59:59')")
        await shown_within(pilot, committed, lambda: table.row_count == count + 1)
        assert table.row_at(0).cells[2].plain == "Live import"
        assert table.cursor_key == watched and detail.event and detail.event.id == watched

        # The event under the cursor changes: the detail panel shows it.
        committed = await other.run(
            f"UPDATE system_event SET message = 'Changed elsewhere' WHERE id = {watched}")
        await shown_within(pilot, committed, lambda: detail.event is not None
                           and detail.event.message == "Changed elsewhere")
        assert table.cursor_key == watched
        assert "Changed elsewhere" in rendered(detail.query_one(".event-text", Static))

        # Another event is removed: the cursor stays.
        committed = await other.run("DELETE FROM system_event WHERE event_key = 'Import:live'")
        await shown_within(pilot, committed, lambda: table.row_count == count)
        assert table.cursor_key == watched

        # The event under the cursor is removed: the cursor and the detail move on together.
        committed = await other.run(f"DELETE FROM system_event WHERE id = {watched}")
        await shown_within(pilot, committed, lambda: table.row_count == count - 1)
        await shown_within(pilot, committed, lambda: detail.event is not None
                           and detail.event.id == table.cursor_key != watched)

        # Database facts and licence counts change too.
        licence = next(lic for lic in store.licences("SUPEROFFICE") if not lic.unrestricted)
        committed = await other.run(
            "UPDATE installation SET database_type = 'PostgreSQL 17'")
        facts = app.query_one(DatabaseFacts)
        await shown_within(pilot, committed, lambda: "PostgreSQL 17" in rendered(facts))
        owner_table = app.query_one(OwnerPane).table
        committed = await other.run(
            "INSERT INTO licence_user (licence_id, user_id) SELECT ?, u.id FROM user u"
            f" WHERE u.id NOT IN (SELECT user_id FROM licence_user WHERE licence_id = {licence.id})"
            " LIMIT 1".replace("?", str(licence.id)))

        def in_use() -> str:
            return owner_table.row_at(owner_table._source.index_of(licence.id)).cells[1].plain

        await shown_within(pilot, committed, lambda: in_use() == str(licence.in_use + 1))
    await other.stop()
    store.close()
