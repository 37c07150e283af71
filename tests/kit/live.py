"""Another program writing the store while the app shows it, and what to watch meanwhile.

The writer is a thread with a sqlite3 connection of its own (as another process would have):
each step one transaction that deletes an event near a given moment and inserts a new one that
sorts near it too (its ``registered`` copied from a neighbour's), so that the rows around that
moment move both ways, dozens of times a second.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from textual.pilot import Pilot

from licscreen.store import Store

NEAR = 30  # events either side of the moment the writer writes around


class EventWriter(threading.Thread):
    """Writes ``steps`` transactions around the event ``around``, ``rate`` a second, never
    touching the events in ``spare``; ``then[n]``: one more statement in the n-th."""

    def __init__(self, path: Path, around: int, *, spare: set[int] | None = None,
                 steps: int = 120, rate: float = 80.0, seed: int = 1,
                 then: dict[int, str] | None = None) -> None:
        super().__init__(daemon=True)
        self.path, self.around, self.steps, self.rate = path, around, steps, rate
        self.spare = (spare or set()) | {around}
        self.then = then or {}
        self.rand = random.Random(seed)
        self.seed = seed
        self.commits = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=10)
        try:
            moment = conn.execute("SELECT registered FROM system_event WHERE id = ?",
                                  (self.around,)).fetchone()[0]
            due = time.monotonic()
            for n in range(self.steps):
                conn.execute("BEGIN IMMEDIATE")
                near = self._near(conn, moment)
                victims = [event_id for event_id, _ in near if event_id not in self.spare]
                conn.execute("DELETE FROM system_event WHERE id = ?", (self.rand.choice(victims),))
                conn.execute(
                    "INSERT INTO system_event (scope, owner_id, event_key, name, status, message,"
                    " registered) VALUES (1, 0, ?, 'Import', 'running', ?, ?)",
                    (f"Import:live-{self.seed}-{n}", f"Live rebuild {n}",
                     self.rand.choice(near)[1]))
                if n in self.then:
                    conn.execute(self.then[n])
                conn.execute("COMMIT")
                self.commits += 1
                due += 1 / self.rate
                time.sleep(max(0.0, due - time.monotonic()))
        except BaseException as error:  # reported by finish()
            self.error = error
        finally:
            conn.close()

    @staticmethod
    def _near(conn: sqlite3.Connection, moment: str) -> list[tuple[int, str]]:
        newer = conn.execute("SELECT id, registered FROM system_event WHERE registered >= ?"
                             " ORDER BY registered, id LIMIT ?", (moment, NEAR)).fetchall()
        older = conn.execute("SELECT id, registered FROM system_event WHERE registered < ?"
                             " ORDER BY registered DESC, id DESC LIMIT ?",
                             (moment, NEAR)).fetchall()
        return newer + older

    def finish(self) -> int:
        """Wait for the last step; the transactions committed."""
        self.join(timeout=60)
        assert not self.is_alive(), "the writer never finished"
        if self.error is not None:
            raise self.error
        return self.commits


async def until(pilot: Pilot, done: Callable[[], bool], seconds: float = 10.0) -> None:
    """Wait for ``done()`` (a deadline, not a measure: the app polls the store every 0.3 s)."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"not done in {seconds:.0f} s")
        await pilot.pause(0.02)


@contextmanager
def ui_thread_reads(store: Store) -> Iterator[list[str]]:
    """The statements the UI thread runs through ``store``'s connection meanwhile: a key pressed
    then would wait for each (and for any worker's read holding the connection)."""
    seen: list[str] = []
    db = store.db
    names = ("read", "fetch_all", "fetch_one", "fetch_value", "transaction")
    originals = {name: getattr(db, name) for name in names}

    def watched(name: str) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            if threading.current_thread() is threading.main_thread():
                seen.append(f"{name}{args[:1]}")
            return originals[name](*args, **kwargs)
        return call

    for name in names:
        setattr(db, name, watched(name))
    try:
        yield seen
    finally:
        for name in names:
            delattr(db, name)  # the class's methods again


class HeldReads:
    """The System messages list's reads made to wait, each until released, and counted."""

    def __init__(self, monkeypatch: object) -> None:
        from licscreen.tui.events import list_reads

        self.started = 0
        self.gate = threading.Event()
        self.gate.set()
        real = list_reads.EventSource

        def held(*args: object, **kwargs: object) -> object:
            self.started += 1
            assert self.gate.wait(30), "never released"
            return real(*args, **kwargs)

        monkeypatch.setattr(list_reads, "EventSource", held)  # type: ignore[attr-defined]

    def hold(self) -> None:
        self.gate.clear()

    def release(self) -> None:
        self.gate.set()
