"""An incremental database sync: the kinds whose rows did not change since the last sync are
neither built nor compared (their digests, sync/digest.py), yet the mirror ends exactly as a
first sync of the same database would make it; a digest the store no longer agrees with makes
the sync read everything."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from licscreen.store import StaleDigests, Store, apply_snapshot, known_digests
from licscreen.sync.run import read_snapshot
from tests.kit.cli import NOW, run
from tests.kit.clock import FROZEN
from tests.kit.strict import dump_hash, set_column
from tests.kit.superoffice import build_superoffice, so_sql, so_url

LATER = ("--now", "2026-11-28T12:00:00+00:00")  # after FreetextRebuild's expected end
SKIPPED = ("sync_run", "sync_digest", "mirror", "audit")  # a sync's own records


def sync(so: Path, db: Path, now: tuple[str, str] = NOW) -> dict:
    result = run("sync", "--from-db", so_url(so), "--db", str(db), "--json", *now)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["changes"]


def content(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (but a sync's own record, and the text index's inner tables, which
    keep the history of their writes)."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                             "'table' AND name NOT LIKE 'sqlite%' AND name "
                                             "NOT LIKE 'event_text%'") if r[0] not in SKIPPED]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    finally:
        conn.close()


CHANGES = {
    "a user logged in": ("UPDATE associate SET lastlogin = '2026-11-28 11:00:00' "
                         "WHERE associate_id = 11",),
    "a link removed": ("DELETE FROM LicenseAssocLink WHERE moduleLicenseId = 101 AND "
                       "assocId = 12",),
    "a user gone with their links": ("DELETE FROM associate WHERE associate_id = 11",),
    "an event updated": ("UPDATE SystemEvent SET eventmess = 'Back at 10', updatedCount = 2 "
                         "WHERE SystemEvent_id = 2",),
    "nothing, but an event's expected end passed": (),
    "a licence raised and a link added": (
        "UPDATE ModuleLicense SET licenseNumber = 12 WHERE ModuleLicense_id = 102",
        "INSERT INTO LicenseAssocLink (moduleLicenseId, assocId, registered, "
        "registered_associate_id) VALUES (102, 13, '2026-11-28 11:30:00', 10)"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_an_incremental_sync_ends_as_a_first_sync_would(change: str, tmp_path: Path):
    so = build_superoffice(tmp_path / "so.db")
    db = tmp_path / "mirror.db"
    sync(so, db)
    for statement in CHANGES[change]:
        so_sql(so, statement)
    changes = sync(so, db, now=LATER)
    fresh = tmp_path / "fresh.db"
    sync(so, fresh, now=LATER)
    assert content(db) == content(fresh)
    assert any(any(c.values()) for c in changes.values())


def test_links_changed_on_one_licence_are_read_for_that_licence_only(tmp_path: Path):
    so = build_superoffice(tmp_path / "so.db")
    db = tmp_path / "mirror.db"
    sync(so, db)
    so_sql(so, "INSERT INTO LicenseAssocLink (moduleLicenseId, assocId, registered, "
               "registered_associate_id) VALUES (102, 13, '2026-11-28 08:30:00', 10)")
    store = Store.open(db)
    try:
        snapshot = read_snapshot("db", so_url(so), known=known_digests(store))
    finally:
        store.close()
    assert snapshot.holders_of == {102}
    assert {(h.licence_id, h.user_id) for h in snapshot.holders} == {(102, 11), (102, 13)}
    assert sync(so, db)["holders"] == {"added": 1, "changed": 0, "removed": 0}


def test_a_login_changes_the_user_and_nothing_else(tmp_path: Path):
    so = build_superoffice(tmp_path / "so.db")
    db = tmp_path / "mirror.db"
    sync(so, db)
    so_sql(so, "UPDATE associate SET lastlogin = '2026-11-28 08:59:00' WHERE associate_id = 11")
    changes = sync(so, db)
    assert changes["users"] == {"added": 0, "changed": 1, "removed": 0}
    assert not any(any(c.values()) for kind, c in changes.items() if kind != "users")


def test_a_digest_the_store_no_longer_has_is_refused_and_nothing_is_written(tmp_path: Path):
    so = build_superoffice(tmp_path / "so.db")
    db = tmp_path / "mirror.db"
    sync(so, db)
    store = Store.open(db)
    try:
        known = known_digests(store)
        snapshot = read_snapshot("db", so_url(so), known=known)
        assert {"users", "holders", "events"} <= snapshot.unchanged and not snapshot.holders
        set_column(db, "UPDATE sync_digest SET digest = 'x' WHERE kind = 'holders'")
        before = dump_hash(db)
        with pytest.raises(StaleDigests):
            apply_snapshot(store, snapshot, now=FROZEN)
        assert dump_hash(db) == before
    finally:
        store.close()


def test_a_wrong_digest_in_the_store_makes_the_sync_read_that_kind(tmp_path: Path):
    so = build_superoffice(tmp_path / "so.db")
    db = tmp_path / "mirror.db"
    sync(so, db)
    conn = sqlite3.connect(db)
    with conn:  # someone removed a holder behind the mirror's back, and its digests
        conn.execute("DELETE FROM licence_user WHERE licence_id = 101 AND user_id = 12")
        conn.execute("UPDATE sync_digest SET digest = 'x' WHERE kind IN ('holders', "
                     "'holders/101')")
    conn.close()
    assert sync(so, db)["holders"] == {"added": 1, "changed": 0, "removed": 0}


def test_force_over_another_installations_mirror_with_the_same_rows(tmp_path: Path):
    theirs = build_superoffice(tmp_path / "theirs.db", serial="2020000007")
    ours = build_superoffice(tmp_path / "ours.db")
    db = tmp_path / "mirror.db"
    sync(theirs, db)
    result = run("sync", "--from-db", so_url(ours), "--db", str(db), "--force", "--json", *NOW)
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "fresh.db"
    sync(ours, fresh)
    assert content(db) == content(fresh)


def test_a_sync_that_changed_something_is_in_the_audit_trail(tmp_path: Path):
    so = build_superoffice(tmp_path / "so.db")
    db = tmp_path / "mirror.db"
    sync(so, db)
    sync(so, db)  # nothing new: no entry
    so_sql(so, "DELETE FROM LicenseAssocLink WHERE moduleLicenseId = 101 AND assocId = 12")
    sync(so, db)
    entries = json.loads(run("audit", "--db", str(db), "--json", *NOW).stdout)
    assert [e["command"] for e in entries] == ["licscreen sync"] * 2
    subjects = [[c["subject"] for c in e["changes"]] for e in entries]
    assert ["sync holders"] in subjects and any("mirror of" in s for s in subjects)
    assert run("audit", "verify", "--db", str(db)).exit_code == 0
