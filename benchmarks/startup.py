"""Start-up: licscreen from process start to its first full screen, against a minimal app.

Both run headless in fresh processes, the same number of times, in this one run:
- baseline: a minimal Textual app (Header, a Static, Footer) that exits once first painted;
- licscreen: the real app on the demo store, which exits once the SuperOffice tab shows the
  store's licences (the first full screen).
Prints each median and the ratio. Target: licscreen at most 1.5x the baseline.

Both get the same bytecode cache, in a temp folder (PYTHONPYCACHEPREFIX), filled by a warm-up
run, as an installed package has (pip compiles it); an environment with
PYTHONDONTWRITEBYTECODE would otherwise recompile licscreen's modules on every start.

    python benchmarks/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.5

BASELINE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Minimal().run(headless=True, size=(100, 30))
"""

LICSCREEN = """
import sys
from pathlib import Path
from licscreen.store import Store
from licscreen.tui.app import LicScreenApp

store = Store.open(Path(sys.argv[1]))
app = LicScreenApp(store)
app.on_first_screen = app.exit
app.run(headless=True, size=(100, 30))
assert app._first_screen_done, "the first screen was never shown"
"""


ENV = dict(os.environ)


def time_process(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=ENV)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        db = Path(folder) / "demo.db"
        subprocess.run([sys.executable, "-m", "licscreen", "init", "--db", str(db)],
                       check=True, capture_output=True)
        time_process(BASELINE)  # warm the file cache for both
        time_process(LICSCREEN, str(db))
        baseline, app = [], []
        for _ in range(options.runs):  # interleaved, so drift hits both alike
            baseline.append(time_process(BASELINE))
            app.append(time_process(LICSCREEN, str(db)))
    b, a = statistics.median(baseline), statistics.median(app)
    ratio = a / b
    print(f"minimal Textual app : {b * 1000:7.1f} ms (median of {options.runs})")
    print(f"licscreen on demo   : {a * 1000:7.1f} ms (median of {options.runs})")
    print(f"ratio               : {ratio:7.2f}x (target <= {TARGET}x) "
          f"{'OK' if ratio <= TARGET else 'OVER TARGET'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
