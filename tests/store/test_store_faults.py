"""Faults while a store is written, and a store replaced while it is open: a write the disk
or another writer stops is one line with nothing saved, and a replaced store is never written
(issue 13, classes 6 and 10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from licscreen.licence.errors import LicenceRefused
from licscreen.licence.update import activate, load_licence, set_trust
from licscreen.store import (
    Store,
    StoreBusy,
    StoreFull,
    StoreInUse,
    StoreReplaced,
    StoreWatcher,
    StoreWriteFailed,
    create_store,
)
from licscreen.store.events import (
    ADMIN_TYPES,
    EventChanges,
    NewEvent,
    ScopeRef,
    add_event,
    cancel_event,
    delete_event,
    update_event,
)
from licscreen.store.models import EventScope
from tests.kit.clock import FROZEN
from tests.kit.faults import FAULTS, dump_hash, store_fault
from tests.kit.licence import demo_file

SRC = Path(__file__).resolve().parents[2] / "src"
SYSTEM = ScopeRef(EventScope.SYSTEM, None)


# Class 6: a write the disk or another writer stops is one line, and nothing is saved


def _admin_event(store: Store) -> int:
    return add_event(store, NewEvent(ADMIN_TYPES[0], SYSTEM, "before"), by=None, now=FROZEN)


WRITERS = {
    "add": lambda store, _ids: add_event(store, NewEvent(ADMIN_TYPES[1], SYSTEM, "x"),
                                         by=None, now=FROZEN),
    "update": lambda store, ids: update_event(store, ids["admin"], EventChanges(message="y"),
                                              by=None, now=FROZEN),
    "delete": lambda store, ids: delete_event(store, ids["admin"]),
    "cancel": lambda store, ids: cancel_event(store, ids["rebuild"], by=None, now=FROZEN),
    "trust": lambda store, _ids: set_trust(store, bytes(32), now=FROZEN, replace=True),
    "load": lambda store, ids: load_licence(store, ids["licence"], now=FROZEN),
    "activate with removals": lambda store, _ids: activate(
        store, None, [("ten-marketing-essentials", "HENRIKW"),
                      ("ten-marketing-essentials", "IDAS")], now=FROZEN),
}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("writer", WRITERS)
def test_a_write_that_fails_is_one_line_and_saves_nothing(demo_path: Path, monkeypatch,
                                                          writer: str, fault: str):
    store = Store.open(demo_path)
    ids = {"admin": _admin_event(store),
           "rebuild": next(e.id for e in store.events(0, 100) if e.key == "FreetextRebuild")}
    store.close()
    ids["licence"] = demo_file(demo_path)
    if writer.startswith("activate"):
        store = Store.open(demo_path)
        assert load_licence(store, ids["licence"], now=FROZEN).activated is None  # it waits
        store.close()
    before = dump_hash(demo_path)
    with store_fault(monkeypatch, demo_path, fault):
        store = Store.open(demo_path)
        with pytest.raises((StoreWriteFailed, LicenceRefused)) as caught:
            WRITERS[writer](store, ids)
        store.close()
    line = str(caught.value)
    assert "\n" not in line and str(demo_path) in line and "nothing was saved" in line
    if not isinstance(caught.value, LicenceRefused):
        expected = {"full": StoreFull, "busy": StoreBusy, "io": StoreWriteFailed}[fault]
        assert isinstance(caught.value, expected)
    assert dump_hash(demo_path) == before


def test_a_write_waits_for_another_writer_then_lands(demo_path: Path):
    """Busy means busy for longer than the timeout: a lock held briefly is waited for."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], "
         "isolation_level=None); c.execute('BEGIN IMMEDIATE'); print('held', flush=True); "
         "time.sleep(0.5); c.execute('COMMIT')", str(demo_path)],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    store = Store.open(demo_path)
    try:
        assert _admin_event(store) > 0
    finally:
        store.close()
        holder.wait(timeout=30)


# Class 10: a store replaced while it is open


def test_init_force_refuses_while_another_program_has_the_store_open(demo_path: Path):
    store = Store.open(demo_path)  # as the app has it
    before = dump_hash(demo_path)
    result = subprocess.run(
        [sys.executable, "-m", "licscreen", "init", "--force", "--empty", "--db", str(demo_path)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(SRC)})
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"licscreen: {demo_path}: the store is open in another program (the licscreen app?); "
        "close it there first, then replace it"]
    assert dump_hash(demo_path) == before
    assert _admin_event(store) > 0  # still the store, and written
    store.close()
    reader = Store.open(demo_path, read_only=True)  # a reader, too, counts
    with pytest.raises(StoreInUse):
        create_store(demo_path, demo=False, force=True)
    reader.close()


REPLACE = """
import os, sys
from licscreen.store import create_store
path = sys.argv[1]
create_store(__import__("pathlib").Path(path + ".next"), demo=False).close()
os.replace(path + ".next", path)
"""


def test_a_store_replaced_under_an_open_one_is_not_written(demo_path: Path):
    store = Store.open(demo_path)
    watcher = StoreWatcher(demo_path, store.db.opened)
    assert not watcher.replaced()
    subprocess.run([sys.executable, "-c", REPLACE, str(demo_path)], check=True, timeout=120,
                   env={**os.environ, "PYTHONPATH": str(SRC)})
    assert watcher.replaced() and store.db.replaced()
    with pytest.raises(StoreReplaced, match=r"replaced or removed by another program.*nothing "
                                            r"was saved"):
        _admin_event(store)
    store.close()
    watcher.close()
    after = Store.open(demo_path)
    assert after.event_count() == 0  # the new, empty store: nothing was written to either
    after.close()


def test_a_store_removed_under_an_open_one_is_not_written(demo_path: Path):
    store = Store.open(demo_path)
    demo_path.unlink()
    with pytest.raises(StoreReplaced):
        _admin_event(store)
    store.close()

