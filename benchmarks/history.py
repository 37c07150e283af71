"""Seat history (issue 16): its size, the licence detail's chart, ``licscreen trend --json``,
and what the history triggers cost the bulk loads, each against its target or against the same
work without the triggers, measured in this run.

- size: two years of daily history for 300 licences (every day a row: the most a store can
  hold, the triggers write only days with a change) added to a store, after VACUUM (target
  <= 10 MB);
- detail chart: what the app does for a licence with two years of daily history: read its
  12 months, make the forecast, draw the chart to a 48-column console (target <= 50 ms);
- trend --json: ``licscreen trend LICENCE --days 730 --json`` in a new process, as a script
  runs it, beside ``python -c "import click"`` for Python's own start (target <= 200 ms);
- 60,000 licence links inserted into 300 licences (a large mirror's first sync writes as many),
  with the triggers and with them dropped;
- a first ``sync --from-db`` of a 60,000-link SuperOffice database (benchmarks/sync.py's), into
  a store with the triggers and into one without them;
- ``init --demo --users 20000``, with seat history (the triggers, the demo's year) and
  without any.

    python benchmarks/history.py [--runs 7] [--skip-sync]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from licscreen.store import create_store, schema_history  # noqa: E402

LICENCES, DAYS, LINKS, USERS = 300, 730, 60_000, 20_000
TODAY = date(2026, 11, 28)
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def median_ms(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def drop_triggers(conn: sqlite3.Connection) -> None:
    for name in schema_history.HISTORY_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")


def licence_store(path: Path) -> None:
    """An empty store with one owner and LICENCES licences, and USERS users."""
    create_store(path, demo=False).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO owner (name, description, company_name, serial_number) "
                 "VALUES ('BENCH', 'Bench', 'Bench AS', '1')")
    conn.executemany("INSERT INTO module_licence (id, owner, name, description, licence_type, "
                     "total) VALUES (?, 'BENCH', ?, ?, 3, 1000)",
                     [(i, f"bench-{i:03d}", f"Bench {i}") for i in range(1, LICENCES + 1)])
    conn.executemany("INSERT INTO user (id, user_id, full_name) VALUES (?, ?, 'N N')",
                     [(i, f"U{i:06d}") for i in range(1, USERS + 1)])
    conn.execute("COMMIT")
    conn.close()


def size_figure(folder: Path) -> tuple[float, Path]:
    path = folder / "history.db"
    licence_store(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DELETE FROM licence_usage_day")
    conn.execute("VACUUM")
    before = path.stat().st_size
    first = TODAY - timedelta(days=DAYS - 1)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO licence_usage_day (licence_id, day, in_use, total) VALUES (?, ?, ?, ?)",
        ((lid, (first + timedelta(days=n)).isoformat(), 100 + (n * lid) % 400, 1000)
         for lid in range(1, LICENCES + 1) for n in range(DAYS)))
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()
    return (path.stat().st_size - before) / 1e6, path


def chart_ms(path: Path, runs: int) -> float:
    from rich.console import Console

    from licscreen.render.seat_chart import SeatChart
    from licscreen.store import Store, as_of_today, forecast, licence_history
    from licscreen.store.models import Level

    store = Store.open(path, read_only=True)
    licence = next(lic for lic in store.licences("BENCH") if lic.name == "bench-150")
    console = Console(width=48, file=open(os.devnull, "w"), color_system="truecolor")  # noqa: SIM115

    def draw() -> None:
        days = licence_history(store, licence.id, TODAY - timedelta(days=364), TODAY)
        outlook = forecast(licence, days, TODAY)
        console.print(SeatChart(as_of_today(licence, days, TODAY),
                                lambda level: "red" if level is Level.ERROR else ""))
        assert outlook is not None

    try:
        return median_ms(draw, runs)
    finally:
        store.close()


def trend_ms(path: Path, runs: int) -> tuple[float, float]:
    """Both with the bytecode an installed package has (a cache in a temp folder, filled by a
    first run), as benchmarks/cli.py measures commands."""
    command = [sys.executable, "-m", "licscreen", "--db", str(path), "trend", "bench-150",
               "--days", str(DAYS), "--json", "--now", "2026-11-28T09:00:00Z"]
    env = {k: v for k, v in ENV.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(path.parent / "pycache")
    out = subprocess.run(command, env=env, capture_output=True, check=True).stdout
    assert out.count(b'"day"') == DAYS, "trend gave the wrong number of days"
    baseline = [sys.executable, "-c", "import click"]
    subprocess.run(baseline, env=env, check=True)
    trend = median_ms(lambda: subprocess.run(command, env=env, stdout=subprocess.DEVNULL,
                                             check=True), runs)
    python = median_ms(lambda: subprocess.run(baseline, env=env, check=True), runs)
    return trend, python


def links_ms(folder: Path, runs: int) -> tuple[float, float]:
    path = folder / "links.db"
    licence_store(path)
    links = [(1 + i % LICENCES, 1 + (i // LICENCES) % USERS) for i in range(LINKS)]
    conn = sqlite3.connect(path, isolation_level=None)

    def insert(drop: bool) -> None:
        conn.execute("BEGIN")
        if drop:
            drop_triggers(conn)
        conn.executemany("INSERT INTO licence_user (licence_id, user_id) VALUES (?, ?)", links)
        conn.execute("ROLLBACK")

    with_triggers = median_ms(lambda: insert(False), runs)
    without = median_ms(lambda: insert(True), runs)
    conn.close()
    return with_triggers, without


INIT = """
import contextlib, sys
from pathlib import Path
from licscreen.store import schema_history
if sys.argv[2] == "without":  # no seat history at all: no triggers, no demo history
    schema_history.V_HISTORY[:] = [
        s for s in schema_history.V_HISTORY if not s.startswith("CREATE TRIGGER")]
    import licscreen.store.demo.bulk as bulk, licscreen.store.demo.loader as loader
    bulk.dated = lambda *args, **kwargs: contextlib.nullcontext()
    loader.load_history = lambda *args: None
from licscreen.store import create_store
create_store(Path(sys.argv[1]), demo=True, force=True, bulk=(0, 20000)).close()
"""


def init_s(folder: Path, runs: int) -> tuple[float, float]:
    def init(kind: str) -> None:
        subprocess.run([sys.executable, "-c", INIT, str(folder / f"init-{kind}.db"), kind],
                       env=ENV, check=True)

    times: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(max(3, runs // 2)):
        for kind in times:  # interleaved: the machine's load falls on both alike
            start = time.perf_counter()
            init(kind)
            times[kind].append(time.perf_counter() - start)
    return statistics.median(times["with"]), statistics.median(times["without"])


SYNC = """
import contextlib, sys
if sys.argv[3] == "without":  # no seat history: no triggers (dropped), nothing dated
    import licscreen.store.mirror_apply as mirror_apply
    mirror_apply.dated = lambda *args, **kwargs: contextlib.nullcontext()
from licscreen.cli import main
main(["sync", "--from-db", sys.argv[1], "--db", sys.argv[2]], standalone_mode=False)
"""


def first_sync_s(folder: Path) -> tuple[float, float]:
    from benchmarks.sync import grow

    from tests.kit.superoffice import build_superoffice, so_url

    so = build_superoffice(folder / "so.db")
    grow(so, USERS, LINKS, LICENCES, 100_000)
    times: dict[str, list[float]] = {"with": [], "without": []}
    for n in range(3):
        for kind in times:  # interleaved
            db = folder / f"mirror-{kind}-{n}.db"
            create_store(db, demo=False).close()
            if kind == "without":
                conn = sqlite3.connect(db, isolation_level=None)
                drop_triggers(conn)
                conn.close()
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", SYNC, so_url(so), str(db), kind], env=ENV,
                           stdout=subprocess.DEVNULL, check=True)
            times[kind].append(time.perf_counter() - start)
    return statistics.median(times["with"]), statistics.median(times["without"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-sync", action="store_true", help="leave out the first sync")
    options = parser.parse_args()
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        size, path = size_figure(folder)
        print(f"size     {DAYS} days x {LICENCES} licences adds {size:5.2f} MB"
              f"              (target <= 10 MB)")
        chart = chart_ms(path, options.runs * 3)
        print(f"chart    read 12 months, forecast, draw: {chart:6.1f} ms        "
              f"(target <= 50 ms)")
        trend, python = trend_ms(path, options.runs)
        print(f"trend    --json, one licence, {DAYS} days: {trend:6.0f} ms          "
              f"(target <= 200 ms; python -c 'import click' alone {python:.0f} ms)")
        with_t, without = links_ms(folder, options.runs)
        print(f"links    {LINKS} inserted: {with_t:6.0f} ms with the triggers, {without:.0f} ms "
              f"without = {with_t / without:.2f}x")
        init_with, init_without = init_s(folder, options.runs)
        print(f"init     --users {USERS}: {init_with:6.2f} s with the triggers, "
              f"{init_without:.2f} s without = {init_with / init_without:.2f}x")
        if not options.skip_sync:
            sync_with, sync_without = first_sync_s(folder)
            print(f"sync     first, {LINKS} links: {sync_with:6.2f} s with the triggers, "
                  f"{sync_without:.2f} s without = {sync_with / sync_without:.2f}x")
    print(f"({(datetime.now(UTC) - started).total_seconds():.0f} s in all)")


if __name__ == "__main__":
    main()
