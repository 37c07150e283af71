"""System messages on a big store: the idle check, writes, the filtered list, two writers.

Builds a demo store with EVENTS extra system events (default 100,000), then measures, each
the median of a few runs:
- idle check: one ``StoreWatcher.changed()`` when nothing was written (the app makes one
  every 0.3 s, so it must cost next to nothing);
- add: ``add_event`` with its checks, in one transaction;
- page: the first page of the list, as the app reads it;
- filter: count and first page of a text filter with finished events hidden;
- keep cursor: the position of the last event in that filtered list (what keeps the cursor on
  an event after a reload);
- two writers: two processes adding 500 events each at the same time (total time; any error
  fails the run).

Targets: idle check < 0.1 ms, add < 20 ms, page < 50 ms, filter < 500 ms,
keep cursor < 500 ms, two writers < 10 s.

    python benchmarks/events.py [--events 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from licscreen.store import EventScope, Store, StoreWatcher, create_store
from licscreen.store.events import (
    ADMIN_TYPES,
    EventFilter,
    NewEvent,
    ScopeRef,
    add_event,
    delete_event,
    event_count,
    events,
    position,
)

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
TARGETS_MS = {"idle check": 0.1, "add": 20, "page": 50, "filter": 500, "keep cursor": 500,
              "two writers": 10_000}
WRITER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from licscreen.store import EventScope, Store
from licscreen.store.events import ADMIN_TYPES, NewEvent, ScopeRef, add_event
store = Store.open(Path(sys.argv[1]))
sys.stdin.readline()
for n in range(int(sys.argv[2]), int(sys.argv[2]) + 500):
    add_event(store, NewEvent(ADMIN_TYPES[n % 4], ScopeRef(EventScope.USER, f"W{n:04d}"),
                              f"writer event {n}"), by=None, now=datetime.now(UTC))
"""


def build(path: Path, count: int) -> None:
    store = create_store(path, demo=True, now=NOW)
    statuses = ("running", "finished", "failed", "cancelled", "finished")
    with store.db.transaction() as conn:
        conn.executemany(
            """INSERT INTO system_event (scope, owner_id, event_key, name, status, message,
                   description, registered, eta)
               VALUES (2, 0, ?, 'Import', ?, ?, 'Rows imported from a file.', ?, ?)""",
            ((f"Import:file-{n}", statuses[n % 5], f"Importing file-{n}.csv",
              (NOW - timedelta(minutes=n)).strftime("%Y-%m-%d %H:%M:%S"),
              (NOW - timedelta(minutes=n - 30)).strftime("%Y-%m-%d %H:%M:%S"))
             for n in range(count)))
        conn.executemany("INSERT INTO user (user_id, full_name) VALUES (?, ?)",
                         ((f"W{n:04d}", f"Writer {n}") for n in range(1000)))
    store.close()


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def two_writers(path: Path) -> float:
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(first)],
                                stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for first in (0, 500)]
    time.sleep(1.0)  # both imported and waiting
    start = time.perf_counter()
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        _out, err = writer.communicate(timeout=120)
        if writer.returncode or err.strip():
            raise SystemExit(f"a writer failed: {err.strip()}")
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, list[float]] = {name: [] for name in TARGETS_MS}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.db"
        build(path, args.events)
        store = Store.open(path)
        watcher = StoreWatcher(path)
        where = EventFilter(text="file-1", show_finished=False)  # about 1 in 20 shown
        shown = event_count(store, where)
        last = events(store, where, shown - 1, 1)[0].id  # the costliest to find
        for run in range(args.runs):
            results["idle check"].append(
                statistics.median(timed(watcher.changed) for _ in range(200)))
            new = NewEvent(ADMIN_TYPES[0], ScopeRef(EventScope.SYSTEM), f"run {run}")
            added: list[int] = []
            results["add"].append(timed(lambda new=new, added=added: added.append(
                add_event(store, new, by="ADMIN", now=NOW))))
            delete_event(store, added[0])
            results["page"].append(timed(lambda: events(store, EventFilter(), 0, 100)))
            results["filter"].append(timed(
                lambda: (event_count(store, where), events(store, where, 0, 100))))
            results["keep cursor"].append(timed(lambda: position(store, where, last)))
        results["two writers"].append(two_writers(path))
        total = store.event_count()
        store.close()
        watcher.close()
    print(f"{args.events} extra events, {args.runs} runs; {total} events at the end")
    failed = total != args.events + 16 + 1000
    for name, times in results.items():
        median = statistics.median(times)
        ok = median <= TARGETS_MS[name]
        failed |= not ok
        print(f"  {name:12} {median:10.3f} ms  (target {TARGETS_MS[name]} ms) "
              f"{'ok' if ok else 'SLOW'}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
