"""Headless speed: ``licscreen status --json`` on the demo store, against bare Python.

Both run in fresh processes, the same number of times, interleaved, in this one run:
- baseline: ``python -c "import sqlite3, json, click"``, the least a script over the store
  could import;
- licscreen: the installed ``licscreen status --json`` on a demo store made in a temp folder
  (output thrown away).
Prints each median and the ratio. Target: licscreen at most 2x the baseline.

Both get the same bytecode cache, in a temp folder (PYTHONPYCACHEPREFIX), filled by a warm-up
run: an installed package runs from compiled bytecode, while the stdlib and click always have
theirs. ``--as-is`` keeps the environment instead (with PYTHONDONTWRITEBYTECODE set, that
measures compiling licscreen's modules on every start).

    python benchmarks/cli.py [--runs 15] [--as-is]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 2.0
BASELINE = [sys.executable, "-c", "import sqlite3, json, click"]


def licscreen_command() -> list[str]:
    """The console script beside this Python, as a user runs it; else the same entry point."""
    script = Path(sys.executable).with_name("licscreen")
    if script.exists():
        return [str(script)]
    found = shutil.which("licscreen")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from licscreen.cli import main; sys.exit(main())"]


def time_process(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--as-is", action="store_true",
                        help="keep the environment's bytecode settings")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ)
        if not options.as_is:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        db = Path(folder) / "demo.db"
        status = [*licscreen_command(), "status", "--json", "--db", str(db)]
        subprocess.run([*licscreen_command(), "init", "--db", str(db)], check=True,
                       capture_output=True, env=env)
        time_process(BASELINE, env)  # warm the file and bytecode caches for both
        time_process(status, env)
        baseline, ours = [], []
        for _ in range(options.runs):  # interleaved, so drift hits both alike
            baseline.append(time_process(BASELINE, env))
            ours.append(time_process(status, env))
    b, a = statistics.median(baseline), statistics.median(ours)
    ratio = a / b
    print("bytecode: " + ("as the environment has it" if options.as_is
                          else "cached (as an installed package runs)"))
    print(f"import sqlite3, json, click : {b * 1000:7.1f} ms (median of {options.runs})")
    print(f"licscreen status --json     : {a * 1000:7.1f} ms (median of {options.runs})")
    print(f"ratio                       : {ratio:7.2f}x (target <= {TARGET}x) "
          f"{'OK' if ratio <= TARGET else 'OVER TARGET'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
