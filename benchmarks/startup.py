"""Start-up as users start it: ``licscreen --db DEMO`` to its first full screen, against a
minimal Textual app.

Both run in a real pseudo-terminal (100x30, TERM=xterm-256color), in fresh processes, the same
number of times, interleaved, in this one run:
- licscreen: the installed ``licscreen`` command (the console script beside the Python that
  runs this benchmark, else the one on PATH) on a demo store made once with ``licscreen init``;
- baseline: a minimal Textual app (a Header, a one-line Static, and a footer line: a Static
  docked at the bottom that shows keys, drawn in the first frame as licscreen's key bar is),
  run by the same Python.
What the terminal receives is fed to a VT emulator (pyte), and each run is timed from starting
its process to the moment the terminal holds its whole first screen: for licscreen, the header,
every row of the licence list (the demo's SuperOffice licences, read from the store with
``licscreen licences --json``) and the key bar; for the baseline, its header, its content and
its footer line. The process is then ended; its shutdown is not counted. The emulator reads
the output only when the terminal falls quiet, so that its own pace delays no reading; each
chunk keeps the moment it arrived.

Prints each median and the ratio. Target: licscreen at most 1.3x the baseline.

Both get the same bytecode cache, in a temp folder (PYTHONPYCACHEPREFIX), filled by a warm-up
run, as an installed package has (pip compiles it); an environment with
PYTHONDONTWRITEBYTECODE would otherwise recompile licscreen's modules on every start.

    pip install -e '.[bench]'      # pyte
    python benchmarks/startup.py [--runs 15] [--screens]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte

from cli import licscreen_command  # benchmarks/cli.py: the installed command, found alike

TARGET = 1.3
COLUMNS, ROWS = 100, 30
QUIET = 0.05  # seconds without output after which the emulator reads what came
TIMEOUT = 20.0

BASELINE = """
from textual.app import App
from textual.widgets import Header, Static


class Minimal(App):
    TITLE = "minimal"
    CSS = "#keys { dock: bottom; height: 1; background: $footer-background; }"
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self):
        yield Header()
        yield Static("Hello from a minimal Textual app.")
        yield Static(" q Quit  ? Help", id="keys")


Minimal().run()
"""

Screen = list[str]
KEY_BAR = ("l Load licence", "h History", "q Quit", "? Help")


def baseline_complete(screen: Screen) -> bool:
    return ("minimal" in screen[0] and "Hello from a minimal Textual app." in screen[1]
            and screen[-1].startswith(" q Quit  ? Help"))


def licscreen_complete(descriptions: list[str]) -> Callable[[Screen], bool]:
    def complete(screen: Screen) -> bool:
        shown = "\n".join(screen[1:-1])
        keys = screen[-1]  # the key bar: the focused pane's keys, then the app's
        return ("licscreen" in screen[0] and all(k in keys for k in KEY_BAR)
                and all(d in shown for d in descriptions))

    return complete


def first_screen(command: list[str], env: dict[str, str],
                 complete: Callable[[Screen], bool]) -> tuple[float, Screen]:
    """Seconds from starting ``command`` in a pseudo-terminal to its complete first screen."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                               start_new_session=True)
    os.close(slave)
    screen = pyte.Screen(COLUMNS, ROWS)
    stream = pyte.ByteStream(screen)
    arrived: list[tuple[float, bytes]] = []  # not yet read by the emulator
    try:
        while time.perf_counter() - start < TIMEOUT:
            if select.select([master], [], [], QUIET)[0]:
                try:
                    data = os.read(master, 65536)
                except OSError:  # the process is gone and its terminal with it
                    data = b""
                if data:
                    arrived.append((time.perf_counter(), data))
                    if time.perf_counter() - arrived[0][0] < 0.5:
                        continue  # the emulator waits for a pause, not for ever
                elif not arrived:
                    break
            for moment, chunk in arrived:
                stream.feed(chunk)
                if complete(screen.display):
                    return moment - start, screen.display
            arrived.clear()
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the session this benchmark started
        process.wait()
        os.close(master)
    raise SystemExit(f"{command[0]}: no complete first screen; it showed:\n"
                     + "\n".join(screen.display))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--screens", action="store_true", help="print each first screen")
    options = parser.parse_args()
    licscreen = licscreen_command()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "TERM": "xterm-256color", "LICSCREEN_LANG": "en",
               "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache")}
        for name in ("PYTHONDONTWRITEBYTECODE", "COLUMNS", "LINES", "NO_COLOR"):
            env.pop(name, None)
        db = Path(folder) / "demo.db"
        subprocess.run([licscreen, "--db", str(db), "init"], check=True, capture_output=True,
                       env=env)
        listed = subprocess.run([licscreen, "licences", "--owner", "SUPEROFFICE", "--json",
                                 "--db", str(db)], check=True, capture_output=True, env=env)
        descriptions = [row["description"] for row in json.loads(listed.stdout)]
        script = Path(folder) / "minimal.py"
        script.write_text(BASELINE)
        runs = {"baseline": ([sys.executable, str(script)], baseline_complete),
                "licscreen": ([licscreen, "--db", str(db)], licscreen_complete(descriptions))}
        for command, complete in runs.values():  # warm the file and bytecode caches for both
            first_screen(command, env, complete)
        times: dict[str, list[float]] = {name: [] for name in runs}
        screens: dict[str, Screen] = {}
        for _ in range(options.runs):  # interleaved, so drift hits both alike
            for name, (command, complete) in runs.items():
                seconds, screens[name] = first_screen(command, env, complete)
                times[name].append(seconds)
    if options.screens:
        for name, screen in screens.items():
            print(f"{name}:", *screen, sep="\n")
    baseline, app = times["baseline"], times["licscreen"]
    b, a = statistics.median(baseline), statistics.median(app)
    ratio = a / b
    print(f"minimal Textual app : {b * 1000:7.1f} ms (median of {options.runs}; "
          f"fastest {min(baseline) * 1000:.1f} ms)")
    print(f"licscreen --db demo : {a * 1000:7.1f} ms (median of {options.runs}; "
          f"fastest {min(app) * 1000:.1f} ms)")
    print(f"ratio               : {ratio:7.2f}x (target <= {TARGET}x) "
          f"{'OK' if ratio <= TARGET else 'OVER TARGET'}; "
          f"fastest to fastest {min(app) / min(baseline):.2f}x")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
