"""``licscreen serve`` in a browser: from page load to the licence list on screen, against a
minimal Textual app served the same way, in this one run.

Starts two servers, both ``licscreen.web.server.WebServer`` (textual-serve with licscreen's
fixes), one serving the app on a demo store, one serving benchmarks/startup.py's minimal
Textual app (a Header, a line, a key bar). Both, and their apps, share one bytecode cache (a
temp folder, PYTHONPYCACHEPREFIX), filled by a warm-up load, as an installed package has.
Then, in turn, opens a new tab in Debian's Chromium (headless, through Playwright) on each and
times from ``page.goto`` to the first screen showing the app's words (licscreen: its licence
list, "System licences" and "User licences"; the minimal app: its line and key bar), read
from xterm.js through the DevTools protocol (tests/kit/browser.py). The tab is closed and its
app waited out before the next. Prints each median and the ratio. Target: licscreen at most 1.5x.

    pip install -e '.[test,bench]'; apt-get install chromium-headless-shell
    python benchmarks/web.py [--runs 7]
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from startup import BASELINE  # noqa: E402  (benchmarks/startup.py's minimal app)
from tests.kit.browser import (  # noqa: E402
    LICENCE_LIST,
    Served,
    environment,
    free_port,
    launch,
    start_server,
    wait_for_text,
    wait_until,
)

TARGET = 1.5
MINIMAL_WORDS = ("Hello from a minimal Textual app.", "q Quit")
SERVE_MINIMAL = """
import sys
from licscreen.web.server import WebServer
WebServer([sys.executable, "-c", sys.argv[2]], host="127.0.0.1", port=int(sys.argv[1]),
          public_url=f"http://127.0.0.1:{sys.argv[1]}").serve()
"""


def serve_minimal() -> Served:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", SERVE_MINIMAL, str(port), BASELINE],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env=environment())
    served = Served(process, port)
    wait_until(lambda: _listens(port), what="the minimal app's server")
    return served


def _listens(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def page_load(browser, served: Served, words: tuple[str, ...]) -> float:
    """Seconds from opening the page to ``words`` on screen; the tab then closed and its app
    waited out."""
    page = browser.new_page(viewport={"width": 1100, "height": 720})
    started = time.perf_counter()
    page.goto(served.url)
    wait_for_text(page, *words)
    took = time.perf_counter() - started
    page.close()
    wait_until(lambda: not served.apps(), what="the closed tab's app to end")
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from licscreen.store import create_store

    with tempfile.TemporaryDirectory() as folder:
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")  # for the servers
        db = Path(folder) / "demo.db"
        create_store(db, demo=True).close()
        app, minimal = start_server(db), serve_minimal()
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page_load(browser, app, LICENCE_LIST)  # warm: the disk cache, the browser
                page_load(browser, minimal, MINIMAL_WORDS)
                baseline, licscreen = [], []
                for _ in range(options.runs):
                    baseline.append(page_load(browser, minimal, MINIMAL_WORDS))
                    licscreen.append(page_load(browser, app, LICENCE_LIST))
                browser.close()
        finally:
            for served in (app, minimal):
                served.stop()
    b, a = statistics.median(baseline), statistics.median(licscreen)
    ratio = a / b
    print(f"minimal Textual app, served : {b * 1000:7.0f} ms (median of {options.runs}; "
          f"page load to its words on screen)")
    print(f"licscreen serve, demo store : {a * 1000:7.0f} ms (median of {options.runs}; "
          f"page load to the licence list on screen)")
    print(f"ratio                       : {ratio:7.2f}x (target <= {TARGET}x) "
          f"{'OK' if ratio <= TARGET else 'OVER TARGET'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
