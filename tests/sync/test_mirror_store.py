"""The store side of a mirror: a store of the previous version migrates (its users keep what
they had, and it is no mirror); a mirror names its installation and its syncs; a snapshot's
plan grants, holders and events land as the store keeps them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from licscreen.store import Store, read_mirror, sync_runs
from licscreen.store.schema import MIGRATIONS, SCHEMA_VERSION
from licscreen.sync.run import read_snapshot
from tests.kit.cli import NOW, run
from tests.kit.superoffice import SERIAL, build_superoffice, so_url


def test_a_version_3_store_is_migrated_and_is_no_mirror(tmp_path: Path):
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for migration in MIGRATIONS[:3]:
        migration(conn)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO user (id, user_id, full_name) VALUES (7, 'KARI', 'Kari Nordmann')")
    conn.close()
    store = Store.open(path)
    try:
        with store.db.read() as db:
            assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert db.execute("SELECT retired, can_log_in, waiting_for_approval, last_login "
                              "FROM user").fetchone() == (0, 1, 0, None)
        assert not store.is_mirror and read_mirror(store) is None and sync_runs(store) == []
    finally:
        store.close()


def test_a_mirror_names_its_installation_and_its_syncs(tmp_path: Path):
    so = build_superoffice(tmp_path / "so.db")
    db = tmp_path / "mirror.db"
    for _ in range(2):
        assert run("sync", "--from-db", so_url(so), "--db", str(db), *NOW).exit_code == 0
    store = Store.open(db, read_only=True)
    try:
        mirror = read_mirror(store)
        assert mirror is not None and mirror.serial_number == SERIAL
        assert mirror.source == so_url(so)
        runs = sync_runs(store)
        assert [r.changed for r in runs] == [False, True]  # newest first
        assert runs[1].counts["holders"]["added"] == 7
        assert store.db.fetch_one(
            "SELECT assigned_at, u.user_id FROM licence_user lu JOIN user u "
            "ON u.id = lu.assigned_by WHERE licence_id = 101 AND lu.user_id = 12") == (
            "2026-01-05 10:00:00", "TOREH")
        assert store.db.fetch_value("SELECT logged_on FROM user WHERE user_id = 'IDAS'") == 1
    finally:
        store.close()


def test_the_snapshot_is_what_superoffice_says(tmp_path: Path):
    snapshot = read_snapshot("db", so_url(build_superoffice(tmp_path / "so.db")))
    plan = next(lic for lic in snapshot.licences if lic.name == "ten-salesservicemarketing")
    assert plan.grants == ("ten-sales", "ten-service", "guide-cal") and plan.extra_flags == 1
    owner = next(o for o in snapshot.owners if o.name == "SUPEROFFICE")
    assert owner.licence_version == "11.11" and owner.expires is None
    retired = next(u for u in snapshot.users if u.user_id == "HENRIKW")
    assert retired.retired and not retired.can_log_in
    assert snapshot.installation.role == "central"
    assert snapshot.source == so_url(tmp_path / "so.db")


def test_a_new_mirrors_many_events_are_found_by_the_filter(tmp_path: Path):
    """A first sync of many events fills the filter's text index once, after them; the index
    agrees with the events, then and after the next sync adds one (its trigger is back)."""
    from licscreen.store.events.queries import EventFilter, events

    so = build_superoffice(tmp_path / "so.db")
    conn = sqlite3.connect(so)
    with conn:
        conn.executemany(
            "INSERT INTO SystemEvent (SystemEvent_id, scope, owner, eventkey, eventmess,"
            " registered) VALUES (?, 4, ?, ?, ?, '2026-11-01 08:00:00')",
            ((100 + i, 10 + i % 4, f"Import{i}", f"batch {i:04d}") for i in range(1200)))
    conn.close()
    db = tmp_path / "mirror.db"
    for step in range(2):
        assert run("sync", "--from-db", so_url(so), "--db", str(db), *NOW).exit_code == 0
        store = Store.open(db)
        try:
            with store.db.transaction() as c:  # FTS5's own check against the events table
                c.execute("INSERT INTO event_text (event_text, rank) VALUES ('integrity-check', 1)")
            want = 1 + step
            assert len(events(store, EventFilter("batch 0777"), 0, 100)) == 1
            assert len(events(store, EventFilter("batch 9999"), 0, 100)) == want - 1
        finally:
            store.close()
        if step:
            break
        conn = sqlite3.connect(so)
        with conn:
            conn.execute("INSERT INTO SystemEvent (SystemEvent_id, scope, owner, eventkey,"
                         " eventmess, registered) VALUES (9999, 1, 0, 'X', 'batch 9999',"
                         " '2026-11-02 08:00:00')")
        conn.close()
