"""``licscreen sync --from-db`` on a large SuperOffice database, against floors measured in the
same run.

Builds a SuperOffice-shaped SQLite database (tests/kit/superoffice.py's tables) with ASSOCIATES
associates, LINKS licence links, LICENCES module licences and EVENTS system events, then:

- copy floor: the same rows copied with plain ``sqlite3`` into a fresh file, one transaction;
- read floor: the same rows read with plain ``sqlite3``;
- first sync: a new mirror (target: at most 5x the copy floor, peak memory at most 250 MB,
  measured in a child process's ``ru_maxrss``);
- second sync, nothing changed (target: at most 2x the read floor);
- a sync after 100 links changed (target: at most 2x the read floor).

    python benchmarks/sync.py [--associates 20000 --links 60000 --licences 300 --events 100000]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.kit.superoffice import build_superoffice, so_url  # noqa: E402

SYNC = """
import sys
from licscreen.cli import main
main(["sync", "--from-db", sys.argv[1], "--db", sys.argv[2]], standalone_mode=False)
"""
TABLES = ("associate", "person", "ModuleLicense", "LicenseAssocLink", "SystemEvent")


def grow(path: Path, associates: int, links: int, licences: int, events: int) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO person (person_id, firstname, lastname) VALUES (?, ?, ?)",
                         ((1000 + i, f"First{i}", f"Last{i}") for i in range(associates)))
        conn.executemany(
            "INSERT INTO associate (associate_id, name, group_idx, person_id, deleted, lastlogin,"
            " type, waiting_for_approval) VALUES (?, ?, 1, ?, 0, '2026-11-01 08:00:00', 0, 0)",
            ((1000 + i, f"U{i:06d}", 1000 + i) for i in range(associates)))
        conn.executemany(
            "INSERT INTO ModuleLicense (ModuleLicense_id, moduleName, moduleDescription,"
            " licenseType, licenseNumber, ModuleOwner_id, sortOrder, extraFlags)"
            " VALUES (?, ?, ?, 3, 100000, 1, ?, 0)",
            ((1000 + i, f"bench-{i:03d}", f"Bench {i}", i) for i in range(licences)))
        conn.executemany(
            "INSERT INTO LicenseAssocLink (moduleLicenseId, assocId, registered,"
            " registered_associate_id) VALUES (?, ?, '2026-01-05 10:00:00', 10)",
            ((1000 + i % licences, 1000 + (i // licences) % associates)
             for i in range(links)))
        conn.executemany(
            "INSERT INTO SystemEvent (SystemEvent_id, scope, owner, eventkey, eventmess, eta,"
            " registered) VALUES (?, 4, ?, ?, 'bench', '1899-12-30 00:00:00',"
            " '2026-11-01 08:00:00')",
            ((1000 + i, 1000 + i % associates, f"Key{i // associates}")
             for i in range(events)))
    conn.close()


def floors(so: Path, folder: Path) -> tuple[float, float]:
    started = time.perf_counter()
    conn = sqlite3.connect(so)
    rows = {t: conn.execute(f'SELECT * FROM "{t}"').fetchall() for t in TABLES}
    read = time.perf_counter() - started
    conn.close()
    started = time.perf_counter()
    copy = sqlite3.connect(folder / "copy.db")
    with copy:
        for table, found in rows.items():
            if found:
                width = len(found[0])
                copy.execute(f'CREATE TABLE "{table}" ({", ".join(f"c{i}" for i in range(width))})')
                copy.executemany(f'INSERT INTO "{table}" VALUES ({", ".join("?" * width)})', found)
    copy.close()
    return time.perf_counter() - started, read


def timed_sync(so: Path, db: Path) -> tuple[float, float]:
    """Seconds and peak MB of one sync in a child process."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", SYNC, so_url(so), str(db)],
                               env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                               stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the sync failed"
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--associates", type=int, default=20_000)
    parser.add_argument("--links", type=int, default=60_000)
    parser.add_argument("--licences", type=int, default=300)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        so = build_superoffice(folder / "so.db")
        grow(so, args.associates, args.links, args.licences, args.events)
        copy, read = floors(so, folder)
        db = folder / "mirror.db"
        first, memory = timed_sync(so, db)
        second, _ = timed_sync(so, db)
        conn = sqlite3.connect(so)
        with conn:
            conn.execute("DELETE FROM LicenseAssocLink WHERE rowid IN (SELECT rowid FROM "
                         "LicenseAssocLink WHERE assocId >= 1000 LIMIT 100)")
        conn.close()
        changed, _ = timed_sync(so, db)
    print(f"floors: copy {copy:.2f} s, read {read:.2f} s")
    print(f"first sync      {first:6.2f} s = {first / copy:5.1f}x copy   (target <= 5x); "
          f"peak {memory:.0f} MB (target <= 250 MB)")
    print(f"no change       {second:6.2f} s = {second / read:5.1f}x read   (target <= 2x)")
    print(f"100 links gone  {changed:6.2f} s = {changed / read:5.1f}x read   (target <= 2x)")
    print("(each sync runs in a new process: Python's and SQLAlchemy's start-up are in it)")


if __name__ == "__main__":
    main()
