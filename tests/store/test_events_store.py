"""Admin events in the store: the writes and their refusals, filters and counts, other writers."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from licscreen.store import Store
from licscreen.store.events import (
    ADMIN_TYPES,
    ENDS,
    KEEP,
    MESSAGE,
    OWNER,
    SCOPE,
    EventChanges,
    EventConflict,
    EventFilter,
    EventNotFound,
    EventRefused,
    NewEvent,
    ScopeRef,
    add_event,
    cancel_event,
    cancel_refusal,
    delete_event,
    event_count,
    events,
    known_count,
    position,
    remember_count,
    store_version,
    update_event,
)
from licscreen.store.models import EventScope, EventStatus
from licscreen.store.watch import StoreWatcher
from tests.kit.clock import FROZEN
from tests.kit.events import errors_of

NO_LOGIN, NO_FREETEXT, NO_TRAVEL, MOTD = ADMIN_TYPES
SYSTEM = ScopeRef(EventScope.SYSTEM)


def event_by_key(store: Store, key: str):
    return next(e for e in store.events(0, 100) if e.key == key)


# Writes


def test_add_an_event_for_a_group_by_name_or_id(demo_store: Store):
    # The demo has a No Travel for Salg; this one is for Service, named in another case.
    new = NewEvent(NO_TRAVEL, ScopeRef(EventScope.GROUP, "service"), "  Travel closed  ",
                   FROZEN + timedelta(hours=3), "Why")
    event_id = add_event(demo_store, new, by="TOREH", now=FROZEN)
    event = demo_store.event(event_id)
    assert (event.key, event.name, event.scope, event.owner_name) == (
        "NoTravel", "No Travel", EventScope.GROUP, "Service")
    assert event.message == "Travel closed" and event.description == "Why"
    assert event.status is EventStatus.ACTIVE and event.activated == FROZEN
    assert event.activated_by == "TOREH" and event.ends == FROZEN + timedelta(hours=3)
    group_id = event.owner_id
    reason = errors_of(lambda: add_event(
        demo_store, NewEvent(NO_TRAVEL, ScopeRef(EventScope.GROUP, str(group_id)), "again"),
        by=None, now=FROZEN))[SCOPE]
    assert "already a 'No Travel' event for group Service" in reason
    assert f"(event {event_id})" in reason


def test_every_invalid_field_is_named_and_nothing_is_written(demo_store: Store):
    before = demo_store.event_count()
    errors = errors_of(lambda: add_event(demo_store, NewEvent(
        MOTD, ScopeRef(EventScope.USER, "NOBODY"), " ", FROZEN - timedelta(minutes=1)),
        by="GHOST", now=FROZEN))
    assert errors == {
        MESSAGE: "a short message is required",
        ENDS: "2026-11-28 08:59 is in the past",
        "by": "no user 'GHOST' in the store",
        OWNER: "no user 'NOBODY' in the store",
    }
    assert "no group 'Nowhere'" in errors_of(lambda: add_event(demo_store, NewEvent(
        MOTD, ScopeRef(EventScope.GROUP, "Nowhere"), "x"), by=None, now=FROZEN))[SCOPE]
    assert "at most 200 characters (this one has 201)" in errors_of(lambda: add_event(
        demo_store, NewEvent(MOTD, SYSTEM, "x" * 201), by=None, now=FROZEN))[MESSAGE]
    assert demo_store.event_count() == before


def test_the_unique_rule_is_checked_before_the_database_would_refuse(demo_store: Store):
    reason = errors_of(lambda: add_event(demo_store, NewEvent(
        NO_LOGIN, ScopeRef(EventScope.DATABASE), "twice"), by=None, now=FROZEN))[SCOPE]
    existing = event_by_key(demo_store, "NoLogin")
    assert reason == (f"there is already a 'No Login' event for this database (event "
                      f"{existing.id}): edit that one instead")
    # The same type for the whole system is another event.
    assert add_event(demo_store, NewEvent(NO_LOGIN, SYSTEM, "system-wide"), by=None, now=FROZEN)


def test_update_changes_only_what_is_given(demo_store: Store):
    event = event_by_key(demo_store, "NoLogin")
    later = FROZEN + timedelta(minutes=5)
    update_event(demo_store, event.id, EventChanges(message="Longer window"), by="ADMIN",
                 now=later)
    changed = demo_store.event(event.id)
    assert changed.message == "Longer window"
    assert (changed.ends, changed.description, changed.scope) == (
        event.ends, event.description, event.scope)
    assert (changed.updated, changed.updated_by, changed.update_count) == (
        later, "ADMIN", event.update_count + 1)
    update_event(demo_store, event.id, EventChanges(ends=None, scope=SYSTEM), by=None, now=later)
    assert demo_store.event(event.id).ends is None
    assert demo_store.event(event.id).scope is EventScope.SYSTEM


def test_an_unchanged_end_in_the_past_does_not_block_an_edit(demo_store: Store):
    event = event_by_key(demo_store, "NoLogin")
    much_later = event.ends + timedelta(hours=1)
    update_event(demo_store, event.id, EventChanges(message="still on"), by=None, now=much_later)
    reason = errors_of(lambda: update_event(demo_store, event.id, EventChanges(
        ends=event.ends), by=None, now=much_later))[ENDS]
    assert "is in the past" in reason


def test_update_keeps_the_unique_rule(demo_store: Store):
    motd = [e for e in demo_store.events(0, 100) if e.key == "MessageOfTheDay"]
    group_motd = next(e for e in motd if e.scope is EventScope.GROUP)
    reason = errors_of(lambda: update_event(demo_store, group_motd.id, EventChanges(
        scope=SYSTEM), by=None, now=FROZEN))[SCOPE]
    assert "already a 'Message of the day' event for the whole system" in reason
    no_login = event_by_key(demo_store, "NoLogin")
    reason = errors_of(lambda: update_event(demo_store, no_login.id, EventChanges(
        type=NO_FREETEXT), by=None, now=FROZEN))[SCOPE]
    assert "already a 'No Freetext' event for this database" in reason
    update_event(demo_store, no_login.id, EventChanges(type=NO_TRAVEL), by=None, now=FROZEN)
    assert demo_store.event(no_login.id).name == "No Travel"


def test_an_edit_on_a_stale_copy_is_refused(demo_store: Store):
    event = event_by_key(demo_store, "NoLogin")
    update_event(demo_store, event.id, EventChanges(message="theirs"), by="TOREH", now=FROZEN)
    with pytest.raises(EventConflict, match="TOREH changed this event"):
        update_event(demo_store, event.id, EventChanges(message="mine"), by="ADMIN", now=FROZEN,
                     expected_updates=event.update_count)
    assert demo_store.event(event.id).message == "theirs"


def test_system_operations_are_not_edited_or_deleted(demo_store: Store):
    udef = event_by_key(demo_store, "UDefRebuild")
    with pytest.raises(EventRefused, match="is a system operation"):
        update_event(demo_store, udef.id, EventChanges(message="x"), by=None, now=FROZEN)
    with pytest.raises(EventRefused, match="is a system operation"):
        delete_event(demo_store, udef.id)
    with pytest.raises(EventNotFound, match="no event with ID 999"):
        delete_event(demo_store, 999)
    assert demo_store.event(udef.id) == udef


def test_delete_an_admin_event(demo_store: Store):
    event = event_by_key(demo_store, "NoFreetext")
    assert delete_event(demo_store, event.id) == event
    assert demo_store.event(event.id) is None


def test_cancel_only_a_running_freetext_or_prototype_rebuild(demo_store: Store):
    reasons = {e.key: cancel_refusal(e) for e in demo_store.events(0, 100)}
    assert reasons["FreetextRebuild"] is None
    assert "must not be cancelled" in reasons["UDefRebuild"]
    assert "already over (finished)" in reasons["PrototypeRebuild"]
    assert "delete it instead" in reasons["NoLogin"]
    assert "only a free-text or prototype rebuild" in reasons["SaintRegeneration"]
    freetext = event_by_key(demo_store, "FreetextRebuild")
    cancel_event(demo_store, freetext.id, by="ADMIN", now=FROZEN)
    cancelled = demo_store.event(freetext.id)
    assert cancelled.status is EventStatus.CANCELLED and cancelled.updated_by == "ADMIN"
    with pytest.raises(EventRefused, match="already over"):
        cancel_event(demo_store, freetext.id, by=None, now=FROZEN)
    with pytest.raises(EventRefused, match="must not be cancelled"):
        cancel_event(demo_store, event_by_key(demo_store, "UDefRebuild").id, by=None, now=FROZEN)


def test_a_read_only_store_refuses_writes(demo_path):
    store = Store.open(demo_path, read_only=True)
    with pytest.raises(Exception, match="read-only"):
        add_event(store, NewEvent(NO_LOGIN, SYSTEM, "x"), by=None, now=FROZEN)
    store.close()


def test_keep_means_unchanged():
    changes = EventChanges(message="x")
    assert changes.changed == ("message",) and changes.ends is KEEP


# Filters


def test_filter_by_text_and_by_finished(demo_store: Store):
    total = demo_store.event_count()
    everything = EventFilter()
    assert not everything.active and event_count(demo_store, everything) == total
    imports = EventFilter(text="import")
    assert {e.name for e in events(demo_store, imports, 0, 100)} == {"Import"}
    assert event_count(demo_store, imports) == 3
    running_imports = EventFilter(text="import", show_finished=False)
    assert [e.status for e in events(demo_store, running_imports, 0, 100)] == [
        EventStatus.RUNNING]
    by_user = EventFilter(text="eling")  # who activated it
    assert [e.activated_by for e in events(demo_store, by_user, 0, 10)] == ["ELING"]
    in_description = EventFilter(text="Storkunde")
    assert event_count(demo_store, in_description) == 1
    literal = EventFilter(text="41 %")  # % and _ are taken literally
    assert [e.key for e in events(demo_store, literal, 0, 10)] == ["SaintRegeneration"]
    assert event_count(demo_store, EventFilter(text="100%")) == 0


def test_positions_in_a_filtered_list(demo_store: Store):
    unfinished = EventFilter(show_finished=False)
    shown = events(demo_store, unfinished, 0, 100)
    for index, event in enumerate(shown):
        assert position(demo_store, unfinished, event.id) == index
    everything = [e.id for e in demo_store.events(0, 100)]
    finished = next(e for e in demo_store.events(0, 100) if e.status.is_over)
    assert position(demo_store, unfinished, finished.id) is None
    assert position(demo_store, EventFilter(), finished.id) == everything.index(finished.id)


def test_a_count_is_kept_by_the_store_that_made_it(demo_store: Store):
    other = Store.open(demo_store.path)
    where = EventFilter("import")
    remember_count(demo_store, where, store_version(demo_store), 3)
    assert known_count(demo_store, where) == 3
    assert known_count(other, where) is None  # its versions are another connection's
    add_event(demo_store, NewEvent(NO_LOGIN, SYSTEM, "changes the store"), by=None, now=FROZEN)
    assert known_count(demo_store, where) is None
    other.close()


# Noticing other writers


def test_the_watcher_sees_every_commit_but_not_idle_time(demo_store: Store):
    watcher = StoreWatcher(demo_store.path)
    assert not watcher.changed()
    other = sqlite3.connect(demo_store.path)
    other.execute("UPDATE installation SET plan = 'Growth'")
    other.commit()
    assert watcher.changed() and not watcher.changed()
    add_event(demo_store, NewEvent(NO_LOGIN, SYSTEM, "ours"), by=None, now=FROZEN)
    assert watcher.changed()  # the app's own connection is another connection too
    add_event(demo_store, NewEvent(NO_TRAVEL, SYSTEM, "ours"), by=None, now=FROZEN)
    watcher.mark_seen()
    assert not watcher.changed()
    other.close()
    watcher.close()
