"""The store: schema and migrations, refusals of bad files, read-only use, the demo data."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from licscreen.store import Store, create_store
from licscreen.store.db import create_database
from licscreen.store.errors import (
    DataFileError,
    NotAStore,
    StoreCorrupt,
    StoreExists,
    StoreReadOnly,
    StoreTooNew,
)
from licscreen.store.events import EventFilter, position
from licscreen.store.models import SUPEROFFICE, EventScope, EventStatus
from licscreen.store.schema import SCHEMA_VERSION
from tests.kit.clock import FROZEN


def test_new_store_is_at_our_schema_version_in_wal_mode(empty_store: Store):
    with empty_store.db.read() as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_an_empty_sqlite_file_is_not_given_our_schema(tmp_path: Path):
    path = tmp_path / "blank.db"
    sqlite3.connect(path).execute("CREATE TABLE x (y)").connection.execute("DROP TABLE x")
    before = path.read_bytes()
    for read_only in (None, True, False):
        with pytest.raises(NotAStore, match="not a licscreen store"):
            Store.open(path, read_only=read_only)
    assert path.read_bytes() == before


def test_store_from_a_newer_licscreen_is_refused(tmp_path: Path):
    path = tmp_path / "new.db"
    create_store(path, demo=False).close()
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreTooNew, match="newer licscreen"):
        Store.open(path)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("licence notes, not a database\n")
    with pytest.raises(NotAStore, match="not an SQLite database"):
        Store.open(path)


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE invoices (id)").connection.commit()
    with pytest.raises(NotAStore, match="not a licscreen store"):
        Store.open(path)


def test_a_corrupt_store_is_refused(tmp_path: Path):
    path = tmp_path / "corrupt.db"
    create_store(path, demo=True, now=FROZEN).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, after the file header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreCorrupt, match="damaged"):
        Store.open(path)


def test_a_read_only_store_opens_for_viewing(demo_path: Path, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    store = Store.open(demo_path)
    assert store.read_only
    assert store.owners()[0].name == SUPEROFFICE
    with pytest.raises(StoreReadOnly), store.db.transaction():
        pass


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_a_store_with_read_only_permissions_opens(demo_path: Path):
    demo_path.chmod(0o444)
    assert Store.open(demo_path).read_only


def test_create_refuses_to_overwrite_without_force(demo_path: Path):
    with pytest.raises(StoreExists, match="--force"):
        create_store(demo_path, demo=False)
    create_store(demo_path, demo=False, force=True)
    assert Store.open(demo_path).owners() == []


def test_a_bad_data_file_leaves_the_old_store_untouched(demo_path: Path, tmp_path: Path,
                                                        monkeypatch):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "installation.toml").write_text('as_of = "2026-11-28"\n[installation\n')
    monkeypatch.setattr("licscreen.paths.demo_data_dir", lambda: bad)
    before = demo_path.read_bytes()
    with pytest.raises(DataFileError, match=r"installation\.toml"):
        create_store(demo_path, demo=True, force=True)
    assert demo_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "demo.db"]


def test_migrations_run_in_order_on_a_new_store(tmp_path: Path):
    db = create_database(tmp_path / "new.db")
    with db.read() as c:
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert {"owner", "module_licence", "licence_user", "system_event", "monthly_usage"} <= tables
    db.close()


# The demo installation


def test_demo_has_superoffice_and_two_third_party_owners(demo_store: Store):
    owners = demo_store.owners()
    assert owners[0].name == SUPEROFFICE
    assert len(owners) == 3
    assert owners[0].expires is not None and owners[0].days_left(FROZEN.date()) > 0


def test_demo_licences_cover_what_the_screen_must_show(demo_store: Store):
    visible = demo_store.licences(SUPEROFFICE)
    everything = demo_store.licences(SUPEROFFICE, include_hidden=True)
    assert 10 <= len(visible) <= 16
    assert any(lic.hidden for lic in everything) and not any(lic.hidden for lic in visible)
    assert any(lic.type.is_system for lic in visible)
    assert any(not lic.type.is_system for lic in visible)
    assert [lic.description for lic in visible if lic.over_assigned] != []
    assert sum(lic.over_assigned for lic in visible) == 1
    assert any(lic.unrestricted for lic in visible)
    plans = [lic for lic in visible if lic.is_user_plan]
    assert plans and demo_store.licence_detail(plans[0].id).grants
    # a prerequisite chain: something requires a licence that itself requires another
    by_name = {lic.name: lic for lic in everything}
    assert any(
        lic.prerequisite and by_name[lic.prerequisite].prerequisite for lic in everything
    )


def test_holders_page_through_a_licence(demo_store: Store):
    over = next(lic for lic in demo_store.licences(SUPEROFFICE) if lic.over_assigned)
    count = demo_store.holder_count(over.id)
    assert count == over.in_use > over.total
    first, rest = demo_store.holders(over.id, 0, 5), demo_store.holders(over.id, 5, 100)
    ids = [h.user_id for h in first + rest]
    assert len(ids) == count and ids == sorted(ids)


def test_demo_installation_events_and_usage(demo_store: Store):
    inst = demo_store.installation()
    assert inst is not None and inst.is_demo and inst.logged_in_name
    assert inst.next_expiry == min(o.expires for o in demo_store.owners() if o.expires)
    assert len(inst.restrictions) >= 3
    assert demo_store.event_count() >= 12
    events = demo_store.events(0, 100)
    assert {e.scope for e in events} == set(EventScope)
    assert {EventStatus.RUNNING, EventStatus.FINISHED, EventStatus.FAILED} <= {
        e.status for e in events}
    running = [e for e in events if e.key == "FreetextRebuild"]
    assert running and running[0].ends is not None and running[0].ends > FROZEN
    assert [e.activated for e in events] == sorted((e.activated for e in events), reverse=True)
    services = demo_store.services()
    assert len(services) == 5
    for service in services:
        months = [u.month for u in demo_store.usage(service.key)]
        assert len(months) == 24 and months[-1] == "2026-11"


def test_demo_dates_are_rebased_to_the_day_the_store_is_made(tmp_path: Path):
    later = FROZEN.replace(year=2027, month=3, day=1)
    store = create_store(tmp_path / "later.db", demo=True, now=later)
    at_frozen = create_store(tmp_path / "frozen.db", demo=True, now=FROZEN)
    shift = (later.date() - FROZEN.date()).days
    assert (store.owners()[0].expires - at_frozen.owners()[0].expires).days == shift
    assert store.usage("storage")[-1].month == "2027-03"
    moved = later.date() - FROZEN.date()
    first, first_at_frozen = store.events(0, 1)[0], at_frozen.events(0, 1)[0]
    assert first.activated.date() == first_at_frozen.activated.date() + moved


def test_event_position_matches_the_list_order(demo_store: Store):
    events = demo_store.events(0, 100)
    for index, event in enumerate(events):
        assert position(demo_store, EventFilter(), event.id) == index
    assert position(demo_store, EventFilter(), 999_999) is None
