"""``licscreen sync --from-db`` on a large SuperOffice database, against floors measured in the
same run.

Builds a SuperOffice-shaped SQLite database (tests/kit/superoffice.py's tables) with ASSOCIATES
associates, LINKS licence links, LICENCES module licences and EVENTS system events, then:

- copy floor: the same rows copied with plain ``sqlite3`` into a fresh file, one transaction;
- read floor: the same rows read with plain ``sqlite3``;
- first sync: a new mirror (target: at most 5x the copy floor, peak memory at most 250 MB,
  measured in a child process's ``ru_maxrss``);
- second sync, nothing changed (target: at most 2x the read floor);
- a sync after 100 links changed (target: at most 2x the read floor);
- a first sync through the REST test server (tests/kit/so_server.py, on 127.0.0.1) of the same
  numbers, in pages of 500 (target: at most 15x the copy floor).

Each sync runs in a new process, as an administrator runs it: Python's and SQLAlchemy's
start-up are in its time; that start-up alone is measured too, and each figure is also given
without it. Each figure is the best of --repeat runs (the machine is shared).

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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.kit.so_server import PASSWORD, SoServer, installation, module, serving  # noqa: E402
from tests.kit.superoffice import build_superoffice, so_url  # noqa: E402

SYNC = """
import sys
from licscreen.cli import main
source = ["--from-api", sys.argv[1], "--auth", "basic", "--user", "ADM"] if sys.argv[1].startswith(
    "http") else ["--from-db", sys.argv[1]]
main(["sync", *source, "--db", sys.argv[2]], standalone_mode=False)
"""
START = "import licscreen.cli, licscreen.cli.commands.sync, sqlalchemy"
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
    (folder / "copy.db").unlink(missing_ok=True)
    copy = sqlite3.connect(folder / "copy.db")
    with copy:
        for table, found in rows.items():
            if found:
                width = len(found[0])
                copy.execute(f'CREATE TABLE "{table}" ({", ".join(f"c{i}" for i in range(width))})')
                copy.executemany(f'INSERT INTO "{table}" VALUES ({", ".join("?" * width)})', found)
    copy.close()
    return time.perf_counter() - started, read


def rest_data(associates: int, links: int, licences: int, events: int) -> dict:
    """The REST server's installation with the same numbers (one owner)."""
    data = installation()
    names = [f"bench-{i:03d}" for i in range(licences)]
    current = data["License"][0]
    current["Current"]["ModuleLicenses"] = modules = [
        module(name, f"Bench {i}", "UserLicense", 100000, order=i) for i, name in enumerate(names)]
    current["ExtendedModuleLicenses"] = [{"Current": m} for m in modules]
    del data["License"][1:]
    columns = [f"superoffice_{name}" for name in names]
    held: list[set[int]] = [set() for _ in range(associates)]
    for i in range(links):
        held[(i // licences) % associates].add(i % licences)
    data["AllUsers"] = [
        {"associateDbId": 1000 + a, "assocName": f"U{a:06d}", "fullName": f"First{a} Last{a}",
         "usergroup": "Sales", "isActive": True, "canLogin": True,
         **{columns[i]: i in held[a] for i in range(licences)}} for a in range(associates)]
    data["SystemEvents"] = [
        {"SystemEvent_id": 1000 + i, "scope": 4, "type": "User", "owner": 1000 + i % associates,
         "eventkey": f"Key{i // associates}", "eventname": "", "status": "Active",
         "eventmess": "bench", "extrainfo": 0, "eta": "", "registered": "2026-11-01T08:00:00",
         "registered_associate_id/associateDbId": 0, "updatedCount": 0} for i in range(events)]
    return data


def started_floor() -> float:
    """Seconds for a new process to start and import what a sync imports."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", START], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return time.perf_counter() - started


def timed_sync(source: str, db: Path) -> tuple[float, float]:
    """Seconds and peak MB of one sync in a child process."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", SYNC, source, str(db)],
                               env={**os.environ, "PYTHONPATH": str(ROOT / "src"),
                                    "LICSCREEN_SO_PASSWORD": PASSWORD},
                               stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the sync failed"
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def best(runs: int, measure: Callable[[], tuple[float, float]]) -> tuple[float, float]:
    found = [measure() for _ in range(runs)]
    return min(t for t, _ in found), max(m for _, m in found)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--associates", type=int, default=20_000)
    parser.add_argument("--links", type=int, default=60_000)
    parser.add_argument("--licences", type=int, default=300)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = (args.associates, args.links, args.licences, args.events)
    runs = args.repeat
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        so = build_superoffice(folder / "so.db")
        grow(so, *sizes)
        url = so_url(so)
        copy, read = (min(f) for f in zip(*(floors(so, folder) for _ in range(runs)),
                                          strict=True))
        start = min(started_floor() for _ in range(runs))
        db = folder / "mirror.db"

        def first_sync() -> tuple[float, float]:
            db.unlink(missing_ok=True)
            return timed_sync(url, db)

        first, memory = best(runs, first_sync)
        second, _ = best(runs, lambda: timed_sync(url, db))
        changes = []

        def changed_links() -> tuple[float, float]:
            conn = sqlite3.connect(so)
            with conn:  # 100 links gone, or back again
                if changes:
                    conn.executemany("INSERT INTO LicenseAssocLink (moduleLicenseId, assocId, "
                                     "registered, registered_associate_id) VALUES (?, ?, "
                                     "'2026-01-05 10:00:00', 10)", changes.pop())
                else:
                    changes.append(conn.execute(
                        "SELECT moduleLicenseId, assocId FROM LicenseAssocLink WHERE "
                        "assocId >= 1000 LIMIT 100").fetchall())
                    conn.executemany("DELETE FROM LicenseAssocLink WHERE moduleLicenseId = ? "
                                     "AND assocId = ?", changes[-1])
            conn.close()
            return timed_sync(url, db)

        changed, _ = best(runs, changed_links)
        server = SoServer(data=rest_data(*sizes))
        with serving(server) as api:
            rest_db = folder / "rest.db"

            def rest_sync() -> tuple[float, float]:
                rest_db.unlink(missing_ok=True)
                return timed_sync(api, rest_db)

            rest, rest_memory = best(runs, rest_sync)
    print(f"floors: copy {copy:.2f} s, read {read:.2f} s; a new process importing what a "
          f"sync imports {start:.2f} s")
    rows = [("first sync", first, copy, "copy", 5), ("no change", second, read, "read", 2),
            ("100 links changed", changed, read, "read", 2),
            ("REST first sync", rest, copy, "copy", 15)]
    for label, seconds, floor, name, target in rows:
        print(f"{label:18} {seconds:6.2f} s = {seconds / floor:5.1f}x {name}  (target <= "
              f"{target}x); without the start-up {(seconds - start) / floor:5.1f}x")
    print(f"peak memory: database first sync {memory:.0f} MB, REST first sync "
          f"{rest_memory:.0f} MB (target <= 250 MB)")


if __name__ == "__main__":
    main()
