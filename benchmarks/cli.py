"""Headless speed: the installed ``licscreen`` command against bare Python doing the least.

Two pairs, each run in fresh processes the same number of times, all four interleaved, in this
one run:
- ``licscreen --version`` against ``python -c "import click"``: what every command, and every
  shell completion, pays before it does anything;
- ``licscreen status --json`` on a demo store made in a temp folder (output thrown away) against
  ``python -c "import sqlite3, json, click"``, the least a script over the store could import.
licscreen is the installed console script beside the Python that runs this benchmark (else the
one on PATH), as a user runs it. Prints each median and each ratio. Targets: --version at most
1.3x its baseline, status --json at most 1.5x its baseline.

Both get the same bytecode cache, in a temp folder (PYTHONPYCACHEPREFIX), filled by a warm-up
run: an installed package runs from compiled bytecode, while the stdlib and click always have
theirs. ``--as-is`` keeps the environment instead (with PYTHONDONTWRITEBYTECODE set, that
measures compiling licscreen's modules on every start).

    python benchmarks/cli.py [--runs 21] [--as-is]
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


def licscreen_command() -> str:
    """The console script beside this Python, as a user runs it; else the one on PATH."""
    script = Path(sys.executable).with_name("licscreen")
    found = str(script) if script.exists() else shutil.which("licscreen")
    if found is None:
        sys.exit("no licscreen command: pip install -e . into this Python's environment")
    return found


def time_process(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--as-is", action="store_true",
                        help="keep the environment's bytecode settings")
    options = parser.parse_args()
    licscreen = licscreen_command()
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ)
        if not options.as_is:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        db = Path(folder) / "demo.db"
        subprocess.run([licscreen, "--db", str(db), "init"], check=True, capture_output=True,
                       env=env)
        pairs = [  # (what, command, its baseline, the baseline's name, target)
            ("licscreen --version", [licscreen, "--version"],
             [sys.executable, "-c", "import click"], "import click", 1.3),
            ("licscreen status --json", [licscreen, "status", "--json", "--db", str(db)],
             [sys.executable, "-c", "import sqlite3, json, click"],
             "import sqlite3, json, click", 1.5),
        ]
        commands = [command for pair in pairs for command in pair[1:3]]
        for command in commands:  # warm the file and bytecode caches for all
            time_process(command, env)
        times: list[list[float]] = [[] for _ in commands]
        for _ in range(options.runs):  # interleaved, so drift hits all alike
            for seconds, command in zip(times, commands, strict=True):
                seconds.append(time_process(command, env))
    print("bytecode: " + ("as the environment has it" if options.as_is
                          else "cached (as an installed package runs)"))
    medians = [statistics.median(seconds) for seconds in times]
    over = False
    for n, (name, _command, _baseline, baseline_name, target) in enumerate(pairs):
        ours, theirs = medians[2 * n], medians[2 * n + 1]
        ratio = ours / theirs
        over = over or ratio > target
        print(f"{baseline_name:28}: {theirs * 1000:7.1f} ms (median of {options.runs})")
        print(f"{name:28}: {ours * 1000:7.1f} ms (median of {options.runs})")
        print(f"{'ratio':28}: {ratio:7.2f}x (target <= {target}x) "
              f"{'OK' if ratio <= target else 'OVER TARGET'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
