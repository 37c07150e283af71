"""The licence update flow on a big installation: load, remove holders, activate, filter.

Builds a demo store, then gives Sales Premium USERS extra holders (default 20,000) and a
licence file that lowers it by REMOVE below its use. Measures, each the median of a few runs
on a fresh copy of that store:
- verify: read and check the signature of the file (no store);
- load: ``load_licence`` (checks, changes, the pending row; one transaction);
- activate: ``activate`` with REMOVE holders removed (one transaction);
- filter: the holders matching a filter, as Remove superfluous licences reads them (every
  holder sorted by the store, the filter on the columns shown).

Targets (an admin should never wait): verify < 20 ms, load < 200 ms, activate < 1 s,
filter < 100 ms.

    python benchmarks/licence.py [--users 20000] [--remove 500] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from licscreen.licence.content import read_content
from licscreen.licence.demo import demo_licence
from licscreen.licence.fileformat import read_envelope
from licscreen.licence.signing import verify_envelope
from licscreen.licence.state import trust
from licscreen.licence.update import activate, load_licence
from licscreen.present.listing import ListView
from licscreen.store import Store, create_store
from licscreen.tui.licences.remove import dialog_holders

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
LICENCE = "ten-sales-premium"
TARGETS_MS = {"verify": 20, "load": 200, "activate": 1000, "filter": 100}


def build(folder: Path, users: int, remove: int) -> tuple[Path, bytes, list[str]]:
    path = folder / "big.db"
    store = create_store(path, demo=True, now=NOW)
    with store.db.transaction() as conn:
        conn.executemany("INSERT INTO user (user_id, full_name) VALUES (?, ?)",
                         ((f"U{n:06d}", f"User Number {n}") for n in range(users)))
        conn.execute(
            """INSERT INTO licence_user (licence_id, user_id)
               SELECT l.id, u.id FROM module_licence l, user u
               WHERE l.owner = 'SUPEROFFICE' AND l.name = ? AND u.user_id LIKE 'U%'""",
            (LICENCE,))
    premium = next(lic for lic in store.licences("SUPEROFFICE") if lic.name == LICENCE)
    data = demo_licence(store, now=NOW, totals={LICENCE: premium.in_use - remove}, lower=False)
    victims = [f"U{n:06d}" for n in range(remove)]
    store.close()
    return path, data, victims


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--remove", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, list[float]] = {name: [] for name in TARGETS_MS}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template, data, victims = build(folder, args.users, args.remove)
        for run in range(args.runs):
            path = folder / f"run{run}.db"
            shutil.copy(template, path)
            store = Store.open(path)
            key = trust(store).vendor_key
            results["verify"].append(timed(
                lambda key=key: read_content(_verified(data, key))))
            results["load"].append(timed(lambda store=store: load_licence(store, data, now=NOW)))
            premium = next(lic for lic in store.licences("SUPEROFFICE") if lic.name == LICENCE)
            results["filter"].append(timed(
                lambda store=store, lic=premium.id: dialog_holders(
                    store, lic, ListView(filter="Number 19"))))
            removals = [(LICENCE, user) for user in victims]
            results["activate"].append(timed(lambda store=store, removals=removals: activate(
                store, None, removals, now=NOW)))
            store.close()
    print(f"{args.users} extra holders of {LICENCE}, {args.remove} removed, {args.runs} runs")
    failed = False
    for name, times in results.items():
        median = statistics.median(times)
        ok = median <= TARGETS_MS[name]
        failed |= not ok
        print(f"  {name:9} {median:8.1f} ms  (target {TARGETS_MS[name]} ms) "
              f"{'ok' if ok else 'SLOW'}")
    raise SystemExit(1 if failed else 0)


def _verified(data: bytes, key: bytes) -> dict:
    envelope = read_envelope(data)
    verify_envelope(envelope, key)
    return envelope.payload


if __name__ == "__main__":
    main()
