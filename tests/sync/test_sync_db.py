"""``licscreen sync --from-db``: a SuperOffice database (SQLite, through the same SQLAlchemy
code as SQL Server) read into a mirror store that the reports show; a second sync with nothing
new writes only its record; changes in SuperOffice reach the mirror; an event gone is kept as
finished with the time it was last seen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from licscreen.store import Store, create_store
from tests.kit.cli import NOW, json_of, run
from tests.kit.clock import FROZEN
from tests.kit.strict import dump_hash
from tests.kit.superoffice import SERIAL, ZERO, build_superoffice, so_sql, so_url

LATER = ("--now", "2026-11-28T12:00:00+00:00")


def sync(so: Path, db: Path, *extra: str, now: tuple[str, str] = NOW):
    return run("sync", "--from-db", so_url(so), "--db", str(db), "--json", *now, *extra)


def dump_without_runs(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [line for line in conn.iterdump() if "sync_run" not in line]
    finally:
        conn.close()


@pytest.fixture(params=["current", "older"])
def old(request) -> bool:
    return request.param == "older"  # an older SuperOffice: no optional columns


@pytest.fixture
def so(old: bool, tmp_path: Path) -> Path:
    return build_superoffice(tmp_path / "superoffice.db", old=old)


def test_the_first_sync_makes_a_mirror_the_reports_show(so: Path, old: bool, tmp_path: Path):
    db = tmp_path / "mirror.db"
    result = sync(so, db)
    assert result.exit_code == 0, result.output
    made = json_of("sync", "--from-db", so_url(so), "--db", str(tmp_path / "m2.db"), *NOW)
    assert made["created"] is True and made["changes"]["holders"]["added"] == 7
    licences = {lic["name"]: lic for lic in json_of("licences", "--db", str(db))}
    assert ("guide-cal" in licences) is old  # hidden, as SuperOffice hides it (older: no column)
    assert licences["ten-sales"]["in_use"] == 3  # the retired HENRIKW still holds one
    holders = {h["user_id"] for h in json_of("holders", "ten-sales", "--db", str(db))}
    assert holders == {"TOREH", "IDAS", "HENRIKW"}
    status = json_of("status", "--db", str(db), *NOW)
    assert status["installation"]["serial_number"] == SERIAL
    assert status["installation"]["is_demo"] is False
    superoffice = next(o for o in status["owners"] if o["name"] == "SUPEROFFICE")
    assert superoffice["expires"] is None  # the zero date: never
    events = {e["key"]: e for e in json_of("events", "list", "--db", str(db), *NOW)}
    assert events["FreetextRebuild"]["status"] == "running"  # its eta is ahead
    assert events["FreetextRebuild"]["name"] == "Free-text index rebuild"
    assert events["UDefRebuild"]["name"] == "User-defined fields rebuild"
    assert events["NoTravel"]["name"] == "NoTravel"  # an undocumented key: itself
    assert {e["scope"] for e in events.values()} == {"system", "database", "group", "user"}
    store = Store.open(db, read_only=True)
    try:
        detail = store.licence_detail(103)
        assert detail is not None
        assert {g.name for g in detail.grants} == {"ten-sales", "ten-service", "guide-cal"}
        user = store.db.fetch_one("SELECT retired, can_log_in, waiting_for_approval, last_login"
                                  " FROM user WHERE user_id = 'NINAB'")
        assert user == ((0, 1, 0, None) if old else (0, 0, 1, None))  # the zero date: never
        assert store.db.fetch_one("SELECT retired FROM user WHERE user_id = 'HENRIKW'") == (1,)
        assert store.db.fetch_value("SELECT count(*) FROM licence_usage_day") == 6
        assert store.is_mirror
    finally:
        store.close()


def test_a_second_sync_with_nothing_new_writes_only_its_record(so: Path, tmp_path: Path):
    db = tmp_path / "mirror.db"
    assert sync(so, db).exit_code == 0
    before = dump_without_runs(db)
    again = sync(so, db)
    assert again.exit_code == 0, again.output
    assert dump_without_runs(db) == before
    import json
    changes = json.loads(again.stdout)["changes"]
    assert not any(any(c.values()) for c in changes.values())
    assert Store.open(db, read_only=True).db.fetch_value("SELECT count(*) FROM sync_run") == 2


def test_changes_in_superoffice_reach_the_mirror(so: Path, tmp_path: Path):
    db = tmp_path / "mirror.db"
    assert sync(so, db).exit_code == 0
    so_sql(so, "DELETE FROM LicenseAssocLink WHERE moduleLicenseId = 101 AND assocId = 12")
    so_sql(so, "UPDATE ModuleLicense SET licenseNumber = 12 WHERE ModuleLicense_id = 101")
    so_sql(so, "UPDATE SystemEvent SET eventmess = 'Back at 10' WHERE SystemEvent_id = 2")
    result = sync(so, db, now=LATER)
    assert result.exit_code == 0, result.output
    import json
    changes = json.loads(result.stdout)["changes"]
    assert changes["holders"] == {"added": 0, "changed": 0, "removed": 1}
    assert changes["licences"]["changed"] == 1
    licences = {lic["name"]: lic for lic in json_of("licences", "--db", str(db))}
    assert licences["ten-sales"]["in_use"] == 2 and licences["ten-sales"]["total"] == 12
    events = {e["key"]: e for e in json_of("events", "list", "--db", str(db), *LATER)}
    assert events["NoTravel"]["message"] == "Back at 10"
    assert events["NoTravel"]["id"] == 2  # SuperOffice's id: the app's cursor keeps it


def test_an_event_gone_is_kept_as_finished_with_when_it_was_last_seen(so: Path,
                                                                      tmp_path: Path):
    db = tmp_path / "mirror.db"
    assert sync(so, db).exit_code == 0
    so_sql(so, "DELETE FROM SystemEvent WHERE SystemEvent_id = 1")
    assert sync(so, db, now=LATER).exit_code == 0
    events = {e["key"]: e for e in json_of("events", "list", "--db", str(db), *LATER)}
    assert events["FreetextRebuild"]["status"] == "finished"
    store = Store.open(db, read_only=True)
    seen = store.db.fetch_value("SELECT last_seen FROM system_event WHERE id = 1")
    store.close()
    assert seen.startswith(FROZEN.strftime("%Y-%m-%d %H:%M"))  # the first sync saw it last
    # It comes back (a new rebuild): the finished one makes way for it
    so_sql(so, "INSERT INTO SystemEvent (SystemEvent_id, scope, owner, eventkey, eta, registered)"
               " VALUES (9, 1, 0, 'FreetextRebuild', ?, '2026-11-28 11:00:00')", ZERO)
    assert sync(so, db, now=LATER).exit_code == 0
    events = {e["key"]: e for e in json_of("events", "list", "--db", str(db), *LATER)}
    assert events["FreetextRebuild"]["id"] == 9 and events["FreetextRebuild"]["status"] == "active"


@pytest.mark.parametrize("other", ["demo", "another installation"])
def test_a_sync_does_not_overwrite_another_store_without_force(other: str, tmp_path: Path):
    so = build_superoffice(tmp_path / "so.db")
    db = tmp_path / "store.db"
    if other == "demo":
        create_store(db, demo=True, now=FROZEN).close()
    else:
        theirs = build_superoffice(tmp_path / "theirs.db", serial="2020000007")
        assert sync(theirs, db).exit_code == 0
    before = dump_hash(db)
    refused = run("sync", "--from-db", so_url(so), "--db", str(db), *NOW)
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert dump_hash(db) == before
    forced = sync(so, db, "--force")
    assert forced.exit_code == 0, forced.output
    status = json_of("status", "--db", str(db), *NOW)
    assert status["installation"]["serial_number"] == SERIAL
    assert not status["consumption"]["services"] if status.get("consumption") else True
