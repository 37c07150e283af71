"""Memory of ``licscreen usage import`` on a large file: it streams, it never holds the file.

Writes a CSV of ROWS usage rows (default 1,000,000: 100 metered services, added to a demo
store for the purpose, times 10,000 months) in a temporary folder, then runs two child
processes on a copy of the store each, and reads each one's peak resident memory (``ru_maxrss``
from ``os.wait4``):

- baseline: the same Python importing the command line, the usage command and the importer,
  and opening the store, doing nothing else;
- import: ``licscreen usage import FILE --db STORE``, in the same way (``main([...])``).

Prints both peaks, their difference and the target: the import at most 100 MB above the
baseline for a million rows (before it streamed, 530,000 rows took 390 MB).

    python benchmarks/usage_import.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from licscreen.store import create_store

TARGET_MB = 100
SERVICES = 100
BASELINE = """
import sys
from pathlib import Path
import licscreen.cli, licscreen.cli.commands.usage, licscreen.store.usage_import
from licscreen.store import Store
Store.open(Path(sys.argv[1])).close()
"""
IMPORT = """
import sys
from licscreen.cli import main
main(["usage", "import", sys.argv[2], "--db", sys.argv[1]], standalone_mode=False)
"""


def write_csv(path: Path, rows: int) -> None:
    months = -(-rows // SERVICES)
    with path.open("w", encoding="utf-8") as file:
        file.write("service,month,amount,users\n")
        written = 0
        for month in range(months):
            stamp = f"{1970 + month // 12}-{month % 12 + 1:02d}"
            lines = [f"bench-{s:03d},{stamp},{month * 7 + s},{s % 50}\n"
                     for s in range(min(SERVICES, rows - written))]
            file.writelines(lines)
            written += len(lines)


def make_store(path: Path) -> None:
    create_store(path, demo=True, now=datetime(2026, 11, 28, 9, 0, tzinfo=UTC)).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO metered_service (key, name, unit, base, per_user, price, price_per,"
            " sort_order) VALUES (?, ?, 'count', 1000, 10, 0.5, 1, ?)",
            [(f"bench-{s:03d}", f"Benchmark service {s}", 100 + s) for s in range(SERVICES)])
    conn.close()


def peak_mb(script: str, *args: str) -> tuple[float, float]:
    """A child's peak resident memory (MB) and its time (s)."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", script, *args])
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"the child failed (exit {child.returncode})")
    return usage.ru_maxrss / 1024, time.perf_counter() - started  # Linux: kilobytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        store, csv = tmp / "store.db", tmp / "usage.csv"
        make_store(tmp / "template.db")
        write_csv(csv, options.rows)
        size = csv.stat().st_size / 1e6
        shutil.copyfile(tmp / "template.db", store)
        base, _base_s = peak_mb(BASELINE, str(store))
        used, seconds = peak_mb(IMPORT, str(store), str(csv))
    extra = used - base
    verdict = "OK" if extra <= TARGET_MB else "OVER TARGET"
    print(f"usage import of {options.rows:,} rows ({size:.0f} MB of CSV) in {seconds:.1f} s")
    print(f"peak RSS: baseline {base:.1f} MB, import {used:.1f} MB")
    print(f"import - baseline: {extra:+.1f} MB (target: at most +{TARGET_MB} MB)  {verdict}")


if __name__ == "__main__":
    main()
