"""Regenerate the README's screenshots (docs/*.svg) on a fresh demo store at a fixed moment.

    python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()

from licscreen.store import Store, create_store  # noqa: E402
from licscreen.tui.app import LicScreenApp  # noqa: E402

MOMENT = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
DOCS = Path(__file__).resolve().parents[1] / "docs"
SHOTS = {
    "superoffice.svg": ["j"] * 10,  # Sales Premium, the over-assigned licence
    "status.svg": ["4", "j", "j"],  # the free-text rebuild
    "users.svg": ["5", "j", "j", "j"],  # the Users tab: a user's licences, events and portrait
}


async def shoot(name: str, keys: list[str], size: tuple[int, int] = (110, 32)) -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        create_store(Path("licscreen.db"), demo=True, now=MOMENT).close()
        store = Store.open(Path("licscreen.db"))
        app = LicScreenApp(store, clock=lambda: MOMENT)
        async with app.run_test(size=size) as pilot:
            for key in [None, *keys]:
                if key:
                    await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()
            app.save_screenshot(filename=name, path=str(DOCS))
        store.close()
    print(f"wrote docs/{name}")


async def main() -> None:
    for name, keys in SHOTS.items():
        await shoot(name, keys)


if __name__ == "__main__":
    asyncio.run(main())
