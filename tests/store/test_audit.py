"""The audit trail: every write licscreen makes appends one entry in its own transaction, with
who, from where, how and what changed; the chain of hashes finds an edited or deleted entry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from licscreen.licence.update import activate, load_licence
from licscreen.store import (
    Change,
    Store,
    append_audit,
    audit_count,
    audit_entries,
    import_usage,
    verify_audit,
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
from tests.kit.licence import demo_file
from tests.kit.seats import tamper


def entries_of(store: Store) -> list[list[tuple[str, str | None, str | None]]]:
    """Each entry's changes, oldest first."""
    return [[(c.subject, c.before, c.after) for c in e.changes]
            for e in reversed(audit_entries(store))]


def write_entries(store: Store, count: int) -> None:
    with store.db.transaction() as conn:
        for n in range(count):
            append_audit(conn, [Change(f"thing {n}", str(n), str(n + 1))], now=FROZEN)


def test_an_entry_says_who_from_where_how_and_what(demo_store, monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "203.0.113.9 52114 192.0.2.1 22")
    monkeypatch.setattr("licscreen.store.audit.os_user", lambda: "kari")
    with demo_store.db.transaction() as conn:
        append_audit(conn, [Change("a", None, "b")], command="licscreen test", now=FROZEN)
    monkeypatch.delenv("SSH_CONNECTION")
    write_entries(demo_store, 1)
    second, first = audit_entries(demo_store)
    assert (first.at, first.os_user, first.client, first.command) == (
        FROZEN, "kari", "203.0.113.9", "licscreen test")
    assert first.changes == (Change("a", None, "b"),)
    assert second.client == "local"


def test_nothing_changed_appends_nothing(demo_store):
    with demo_store.db.transaction() as conn:
        assert append_audit(conn, []) is None
    assert audit_count(demo_store) == 0


def test_an_intact_chain_verifies(demo_store):
    write_entries(demo_store, 50)
    assert verify_audit(demo_store).entries == 50
    assert verify_audit(demo_store).broken is None


@pytest.mark.parametrize(("sql", "broken", "says"), [
    ("UPDATE audit SET changes = replace(changes, '\"7\"', '\"9\"') WHERE id = 8", 8,
     "changed after it was written"),
    ("UPDATE audit SET os_user = 'someone' WHERE id = 3", 3, "changed after it was written"),
    ("DELETE FROM audit WHERE id = 20", 21, "does not follow"),
    ("DELETE FROM audit WHERE id = 1", 2, "does not follow"),
])
def test_an_edited_or_deleted_entry_is_found(demo_store, demo_path: Path, sql, broken, says):
    write_entries(demo_store, 30)
    tamper(demo_path, sql)
    check = verify_audit(demo_store)
    assert check.broken == broken and says in check.reason
    assert f"entry {broken}" in check.reason


def test_since_and_text_filter_newest_first(demo_store):
    write_entries(demo_store, 5)
    assert [e.id for e in audit_entries(demo_store)] == [5, 4, 3, 2, 1]
    assert [e.id for e in audit_entries(demo_store, text="thing 3")] == [4]
    assert audit_count(demo_store, since=FROZEN) == 5
    assert audit_entries(demo_store, since=FROZEN.replace(year=2027)) == []


def test_event_writes_are_audited(demo_store):
    no_travel = ADMIN_TYPES[2]
    event = add_event(demo_store, NewEvent(no_travel, ScopeRef(EventScope.GROUP, "IT"),
                                           "Travel closed"), by="TOREH", now=FROZEN)
    update_event(demo_store, event, EventChanges(message="Travel open again"), by="TOREH",
                 now=FROZEN)
    delete_event(demo_store, event)
    running = demo_store.db.fetch_value(
        "SELECT id FROM system_event WHERE event_key = 'FreetextRebuild' "
        "AND status IN ('active', 'running')")
    cancel_event(demo_store, running, by="ADMIN", now=FROZEN)
    added, updated, deleted, cancelled = entries_of(demo_store)
    assert (f"event {event} message", None, "Travel closed") in added
    assert (f"event {event} applies to", None, "group:IT") in added
    assert updated == [(f"event {event} message", "Travel closed", "Travel open again")]
    assert (f"event {event} type", "No Travel", None) in deleted
    assert cancelled[0][0] == f"event {running} status" and cancelled[0][2] == "cancelled"


def test_licence_load_activation_and_removals_are_audited(demo_path: Path):
    data = demo_file(demo_path)
    store = Store.open(demo_path)
    try:
        result = load_licence(store, data, now=FROZEN)
        assert result.activated is None  # something is over-assigned: it waits
        waiting = entries_of(store)[-1]
        assert waiting == [("licence SUPEROFFICE waiting for activation", None, "version 15")]
        lowered = result.changes.over_assigned[0]
        holders = store.db.fetch_all(
            "SELECT u.user_id FROM licence_user lu JOIN user u ON u.id = lu.user_id "
            "WHERE lu.licence_id = ? ORDER BY 1 LIMIT ?",
            (lowered.licence_id, lowered.must_remove))
        removals = [(lowered.name, row[0]) for row in holders]
        activate(store, removals=removals, now=FROZEN)
        applied = entries_of(store)[-1]
        assert ("licence SUPEROFFICE", "version 14", "version 15") in applied
        for name, user in removals:
            assert (f"{user}: SUPEROFFICE/{name}", "held", "not held") in applied
        assert any(subject.endswith(" total") for subject, _b, _a in applied)
    finally:
        store.close()


def test_usage_import_is_audited(demo_store, tmp_path: Path):
    path = tmp_path / "usage.csv"
    path.write_text("service,month,amount,users\nmailings,2026-11,61000,41\n"
                    "chat-sessions,2026-12,12,41\n", encoding="utf-8")
    before = {u.month: u for u in demo_store.usage("mailings")}["2026-11"]
    import_usage(demo_store, path)
    (entry,) = entries_of(demo_store)
    assert ("usage chat-sessions 2026-12", None, "12 (41 users)") in entry
    assert ("usage mailings 2026-11", f"{before.amount:g} ({before.users} users)",
            "61000 (41 users)") in entry
    assert verify_audit(demo_store).broken is None


def test_a_store_from_before_the_audit_trail_is_migrated(tmp_path: Path):
    from licscreen.store.schema import MIGRATIONS, SCHEMA_VERSION, V_AUDIT

    before = next(n for n, m in enumerate(MIGRATIONS) if m.__closure__ and
                  m.__closure__[0].cell_contents is V_AUDIT)
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:before]:
        migration(conn)
    conn.execute(f"PRAGMA user_version = {before}")
    conn.close()
    store = Store.open(path)
    try:
        assert store.db.fetch_value("PRAGMA user_version") == SCHEMA_VERSION
        assert audit_entries(store) == [] and verify_audit(store).entries == 0
        write_entries(store, 2)
        assert verify_audit(store).entries == 2
    finally:
        store.close()
