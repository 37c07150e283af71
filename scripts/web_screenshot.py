"""Make the README's browser screenshot, docs/web.png: ``licscreen serve`` on a fresh demo store,
in Debian's Chromium (headless, through Playwright), once the licence list is on screen and the
cursor is on Sales Premium, the over-assigned licence.

    apt-get install chromium-headless-shell; pip install -e '.[test]'
    python scripts/web_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.kit.browser import (  # noqa: E402
    launch,
    open_app,
    press,
    screen,
    serving,
    wait_for_text,
)

PNG = ROOT / "docs" / "web.png"


def main() -> int:
    from playwright.sync_api import sync_playwright

    from licscreen.store import create_store

    with tempfile.TemporaryDirectory(prefix="demo-") as folder:
        db = Path(folder) / "licscreen.db"
        create_store(db, demo=True).close()
        os.environ["HOME"] = folder  # the header shows ~/licscreen.db, no path of this machine
        with serving(db) as served, sync_playwright() as playwright:
            browser = launch(playwright)
            page = open_app(browser, served.url)
            for _ in range(12):  # down the list to Sales Premium
                if "││ Sales Premium " in screen(page):
                    break
                press(page, "j")
                page.wait_for_timeout(150)
            wait_for_text(page, "││ Sales Premium ", "Holders (22)")
            page.wait_for_timeout(500)  # xterm.js paints the last frame
            page.screenshot(path=str(PNG))
            browser.close()
    print(f"written {PNG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
