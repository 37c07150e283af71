"""Start-up: licscreen from process start to its first full screen, against a minimal app.

Both run headless in fresh processes, the same number of times, in this one run, and each is
timed from starting its process to the first frame drawn that shows its whole first screen:
the footer showing its keys (Textual's ``Footer`` fills in after the first frame; licscreen's
``KeyBar`` is drawn in it) and, for licscreen, the SuperOffice tab showing the store's
licences. Both watch for that frame with the same code: on Textual's Ready event (the first
frame is drawn) and then on the screen's layout-refresh signal (published after each later
frame that laid widgets out, such as the footer filling in). The process prints the moment
and exits; its shutdown is not counted.
- baseline: a minimal Textual app (Header, a Static, Footer);
- licscreen: the real app on the demo store.
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

# Exits the app at the first frame drawn showing the whole first screen; the same code for both.
# Textual posts Ready once the first frame is drawn, and publishes the layout-refresh signal
# after each later frame that laid widgets out (Textual's footer filling in is one).
EXIT_WHEN_COMPLETE = """
import time

def exit_when_complete(app, ready=lambda app: True):  # called from on_ready
    def check(screen):
        footer_keys = screen.query("FooterKey") or any(bar.drawn for bar in screen.query("KeyBar"))
        if footer_keys and ready(app) and not app.return_value:
            print(f"complete at {time.time()!r}")
            app.exit(True)

    check(app.screen)
    app.screen.screen_layout_refresh_signal.subscribe(app, check)
"""

BASELINE = EXIT_WHEN_COMPLETE + """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_ready(self):
        exit_when_complete(self)

assert Minimal().run(headless=True, size=(100, 30)), "the first screen was never shown"
"""

LICSCREEN = EXIT_WHEN_COMPLETE + """
import sys
from pathlib import Path
from licscreen.store import Store
from licscreen.tui import app as app_module

class Timed(app_module.LicScreenApp):
    CSS_PATH = Path(app_module.__file__).with_name(app_module.LicScreenApp.CSS_PATH)

    def on_ready(self):
        exit_when_complete(self, lambda app: app.query_one("PagedTable.licences").row_count)

app = Timed(Store.open(Path(sys.argv[1])))
assert app.run(headless=True, size=(100, 30)), "the first screen was never shown"
"""


ENV = dict(os.environ)


def time_process(code: str, *args: str) -> float:
    """Seconds from starting the process to its complete first screen (not its exit)."""
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code, *args], check=True, env=ENV,
                          capture_output=True, text=True)
    return float(done.stdout.split("complete at ")[1]) - start


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
    print(f"minimal Textual app : {b * 1000:7.1f} ms (median of {options.runs}; "
          f"fastest {min(baseline) * 1000:.1f} ms)")
    print(f"licscreen on demo   : {a * 1000:7.1f} ms (median of {options.runs}; "
          f"fastest {min(app) * 1000:.1f} ms)")
    print(f"ratio               : {ratio:7.2f}x (target <= {TARGET}x) "
          f"{'OK' if ratio <= TARGET else 'OVER TARGET'}; "
          f"fastest to fastest {min(app) / min(baseline):.2f}x")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
