"""``licscreen events``: list, add, update and delete, and every error as one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from licscreen.store import Store
from licscreen.store.models import EventScope, EventStatus
from tests.kit.cli import NOW, assert_one_line_error, is_a, run
from tests.kit.clock import FROZEN
from tests.kit.events import EVENT_JSON_FIELDS


def events(*args: str, db: Path | None = None, now: bool = True):
    """``licscreen events ARGS --db DB``, at the frozen moment for the commands that take it."""
    now = now and args[0] in ("list", "add", "update")
    return run("events", *args, *(["--db", str(db)] if db else []), *(NOW if now else ()))


def ok(*args: str, db: Path, now: bool = True) -> str:
    result = events(*args, db=db, now=now)
    assert result.exit_code == 0, result.output
    return result.stdout


def check_fields(event: dict) -> None:
    fields = EVENT_JSON_FIELDS["events[]"]
    assert set(event) == set(fields)
    for name, kind in fields.items():
        assert is_a(event[name], kind), (name, event[name])


def test_list_as_json_pins_every_field(demo_path: Path, demo_store: Store):
    events = json.loads(ok("list", "--json", db=demo_path))
    assert [e["id"] for e in events] == [e.id for e in demo_store.events(0, 100)]
    for event in events:
        check_fields(event)
    by_key = {e["key"]: e for e in events}
    udef = by_key["UDefRebuild"]
    assert udef["admin_type"] is None and udef["status"] == "running"
    assert udef["ends"] == "2026-11-28T09:35:00Z" and udef["overdue"] is False
    travel = by_key["NoTravel"]
    assert (travel["admin_type"], travel["scope"], travel["owner"]) == (
        "no-travel", "group", "Salg")
    late = json.loads(run("events", "list", "--json", "--db", str(demo_path), "--now",
                          "2026-11-28T10:00:00").stdout)
    assert {e["key"]: e["overdue"] for e in late}["UDefRebuild"] is True


def test_list_for_people(demo_path: Path):
    out = run("events", "list", "--db", str(demo_path), *NOW, env={"COLUMNS": "200"}).stdout
    assert "No Travel" in out and "group:Salg" in out and "in 35 min" in out
    assert 'unexpected "[link=http://x' in out  # store text is shown literally


def test_add_update_and_delete(demo_path: Path):
    added = json.loads(ok("add", "--type", "no-login", "--message", "Upgrade tonight",
                          "--description", "Log out by 22:00.", "--ends", "2026-11-28 22:30",
                          "--scope", "system", "--by", "toreh", "--json", db=demo_path))
    check_fields(added)
    assert (added["key"], added["name"], added["admin_type"], added["scope"]) == (
        "NoLogin", "No Login", "no-login", "system")
    assert added["activated"] == "2026-11-28T09:00:00Z" and added["activated_by"] == "TOREH"
    assert added["ends"] == "2026-11-28T22:30:00Z" and added["status"] == "active"
    event_id = str(added["id"])

    out = ok("update", event_id, "--message", "Upgrade postponed", "--ends", "none",
             db=demo_path)
    assert out.strip() == (f"Updated event {event_id}: No Login for the whole system "
                           f"(store: {demo_path})")
    store = Store.open(demo_path)
    changed = store.event(int(event_id))
    assert changed.message == "Upgrade postponed" and changed.ends is None
    assert changed.description == "Log out by 22:00." and changed.update_count == 1
    assert changed.updated == FROZEN and changed.updated_by is None
    store.close()

    out = ok("update", event_id, "--scope", "user:larsk", "--type", "no-travel", db=demo_path)
    assert out.strip() == f"Updated event {event_id}: No Travel for user LARSK (store: {demo_path})"
    out = ok("delete", event_id, db=demo_path)
    assert out.startswith(f"Deleted event {event_id}: ")
    assert ok("list", "--json", db=demo_path).count(f'"id": {event_id},') == 0


def test_add_for_a_group_by_id_or_name_and_a_user(demo_path: Path, demo_store: Store):
    service = next(e for e in demo_store.events(0, 100) if e.owner_name == "Service")
    first = json.loads(ok("add", "--type", "no-travel", "--message", "Closed",
                          "--scope", f"group:{service.owner_id}", "--json", db=demo_path))
    assert (first["scope"], first["owner"], first["owner_id"]) == (
        "group", "Service", service.owner_id)
    out = ok("add", "--type", "no-freetext", "--message", "Off", "--scope", "group:salg",
             "--ends", "+90m", db=demo_path)
    assert "No Freetext for group Salg" in out
    added = Store.open(demo_path)
    event = added.events(0, 1)[0]
    assert event.scope is EventScope.GROUP and event.status is EventStatus.ACTIVE
    added.close()


@pytest.mark.parametrize(("args", "fragments"), [
    (["add", "--message", "x"], ["events add: Missing option '--type'"]),
    (["add", "--type", "no-login"], ["Missing option '--message'"]),
    (["add", "--type", "no-coffee", "--message", "x"],
     ["--type: unknown event type 'no-coffee'", "no-login, no-freetext"]),
    (["add", "--type", "no-login", "--message", "  "], ["--message: a short message is required"]),
    (["add", "--type", "no-login", "--message", "x", "--ends", "2026-11-28 08:00"],
     ["--ends: 2026-11-28 08:00 is in the past"]),
    (["add", "--type", "no-login", "--message", "x", "--ends", "soon"],
     ["--ends: 'soon' is not a date and time"]),
    (["add", "--type", "no-login", "--message", "x", "--scope", "planet"],
     ["--scope: 'planet' is not a scope"]),
    (["add", "--type", "no-login", "--message", "x", "--scope", "user:NOBODY"],
     ["--scope: no user 'NOBODY' in the store"]),
    (["add", "--type", "no-login", "--message", "x", "--scope", "group:Nowhere"],
     ["--scope: no group 'Nowhere' in the store"]),
    (["add", "--type", "no-login", "--message", "x", "--by", "GHOST"],
     ["--by: no user 'GHOST' in the store"]),
    (["add", "--type", "no-login", "--message", "x", "--scope", "database"],
     ["--scope: there is already a 'No Login' event for this database"]),
    (["add", "--type", "no-login", "--message", "", "--ends", "later"],
     ["--ends: 'later'", "; --message: a short message is required"]),
    (["add", "--type", "no-login", "--message", "x" * 201], ["at most 200 characters"]),
    (["update", "999", "--message", "x"], ["no event with ID 999"]),
    (["update", "abc", "--message", "x"], ["events update: Invalid value for 'ID'"]),
    (["update", "2", "--message", "x"], ["is a system operation", "cannot be edited"]),
    (["update", "5"], ["nothing to change"]),
    (["update", "5", "--ends", "08:00"], ["--ends: 2026-11-28 08:00 is in the past"]),
    (["update", "5", "--scope", "system", "--type", "motd"],
     ["there is already a 'Message of the day' event for the whole system"]),
    (["delete", "999"], ["no event with ID 999"]),
    (["delete", "2"], ["'User-defined fields rebuild' is a system operation"]),
    (["delete"], ["events delete: Missing argument 'ID'"]),
    (["list", "--csv"], ["events list: No such option '--csv'"]),
    (["frobnicate"], ["No such command 'frobnicate'"]),
])
def test_every_error_is_one_line_and_nothing_changes(demo_path: Path, args, fragments):
    before = ok("list", "--json", db=demo_path)
    assert_one_line_error(events(*args, db=demo_path), *fragments)
    assert ok("list", "--json", db=demo_path) == before


def test_store_errors_are_one_line(tmp_path: Path, demo_path: Path, monkeypatch):
    missing = tmp_path / "none.db"
    assert_one_line_error(events("list", db=missing), "no store there")
    assert_one_line_error(events("add", "--type", "no-login", "--message", "x", db=missing),
                   "no store there")
    monkeypatch.setattr("licscreen.store.db.read_only_reason",  # as for a reader
                        lambda path: "the file is read-only")
    assert_one_line_error(events("add", "--type", "no-login", "--message", "x", db=demo_path),
                   str(demo_path), "the store is read-only")
    assert_one_line_error(events("delete", "5", db=demo_path), "the store is read-only")


@pytest.mark.parametrize("env", [{"COLUMNS": "80"}, {"COLUMNS": "200", "FORCE_COLOR": "1"}])
def test_list_pages_through_the_store_and_writes_what_one_page_would(demo_path: Path, env,
                                                                     monkeypatch):
    """A page of 3 events at a time (the demo has 16): the same JSON, the same table."""
    args = ("events", "list", "--db", str(demo_path), *NOW)
    whole = run(*args, "--json").stdout, run(*args, env=env).stdout
    monkeypatch.setattr("licscreen.cli.commands.events.PAGE", 3)
    assert (run(*args, "--json").stdout, run(*args, env=env).stdout) == whole
    assert len(json.loads(whole[0])) == 16


def test_list_of_no_events(tmp_path: Path):
    path = tmp_path / "empty.db"
    assert run("init", "--empty", "--db", str(path)).exit_code == 0
    assert ok("list", "--json", db=path) == "[]\n"
    assert "No system events." in ok("list", db=path)
