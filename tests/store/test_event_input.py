"""What is typed for an event, parsed and checked: its end, type and scope, and every field
of a new event or an edit at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from licscreen.store.events import (
    ADMIN_TYPES,
    DESCRIPTION,
    ENDS,
    KEEP,
    MESSAGE,
    OWNER,
    SCOPE,
    TYPE,
    Errors,
    EventChanges,
    InvalidEvent,
    NewEvent,
    ScopeRef,
    parse_changes,
    parse_new,
    parse_scope,
    parse_type,
    parse_when,
)
from licscreen.store.models import EventScope
from tests.kit.clock import FROZEN
from tests.kit.events import errors_of

NO_LOGIN, NO_FREETEXT, NO_TRAVEL, MOTD = ADMIN_TYPES
SYSTEM = ScopeRef(EventScope.SYSTEM)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-28 14:00", datetime(2026, 11, 28, 14, 0, tzinfo=UTC)),
    ("2026-11-28T14:00", datetime(2026, 11, 28, 14, 0, tzinfo=UTC)),
    ("2026-11-28T15:00+01:00", datetime(2026, 11, 28, 14, 0, tzinfo=UTC)),
    ("2026-11-28T14:00:00Z", datetime(2026, 11, 28, 14, 0, tzinfo=UTC)),
    ("28.11.2026 14:00", datetime(2026, 11, 28, 14, 0, tzinfo=UTC)),
    ("14:00", datetime(2026, 11, 28, 14, 0, tzinfo=UTC)),
    ("+2h", FROZEN + timedelta(hours=2)),
    ("+1h30m", FROZEN + timedelta(minutes=90)),
    ("+ 1d", FROZEN + timedelta(days=1)),
    ("", None),
    ("none", None),
])
def test_when_an_event_ends(text, expected):
    assert parse_when(text, FROZEN) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("tomorrow", "is not a date and time"),
    ("2026-11-28", "is not a date and time"),  # a day without a time is not guessed
    ("25:00", "is not a date and time"),
    ("+", "is not a date and time"),
    ("2026-13-01 10:00", "is not a date and time"),
    ("08:00", "2026-11-28 08:00 is in the past"),
    ("2026-11-28 09:00", "is in the past"),
    ("2020-01-01 10:00", "2020-01-01 10:00 is in the past"),
])
def test_an_end_that_does_not_parse_or_has_passed(text, reason):
    assert reason in errors_of(lambda: parse_when(text, FROZEN))[ENDS]


def test_types_by_name_key_or_alias():
    assert parse_type("no-login") is NO_LOGIN
    assert parse_type("NoFreetext") is NO_FREETEXT
    assert parse_type("motd") is MOTD and parse_type("Message-Of-The-Day") is MOTD
    reason = errors_of(lambda: parse_type("no-coffee"))["type"]
    assert "no-coffee" in reason and "no-login, no-freetext, no-travel" in reason


def test_scopes():
    assert parse_scope("system") == SYSTEM
    assert parse_scope(" Database ") == ScopeRef(EventScope.DATABASE)
    assert parse_scope("group:3") == ScopeRef(EventScope.GROUP, "3")
    assert parse_scope("user:LARSK") == ScopeRef(EventScope.USER, "LARSK")
    assert "give a user ID" in errors_of(lambda: parse_scope("user:"))[SCOPE]
    assert "is not a scope" in errors_of(lambda: parse_scope("planet:earth"))[SCOPE]
    assert "is not a scope" in errors_of(lambda: parse_scope("system:1"))[SCOPE]


def test_the_forms_scope_names_the_user_in_a_field_of_its_own():
    assert parse_scope("user", " larsk ") == ScopeRef(EventScope.USER, "larsk")
    assert parse_scope("group:3", "ignored") == ScopeRef(EventScope.GROUP, "3")
    assert errors_of(lambda: parse_scope("user", " ")) == {OWNER: "choose the user it applies to"}
    assert "give a user ID" in errors_of(lambda: parse_scope("user"))[SCOPE]  # the CLI's


def test_new_event_fields_name_every_wrong_field_at_once():
    new = parse_new({TYPE: "motd", SCOPE: "group:Salg", MESSAGE: "  Closed \n today ",
                     ENDS: "+2h"}, FROZEN)
    assert new == NewEvent(MOTD, ScopeRef(EventScope.GROUP, "Salg"), "Closed today",
                           FROZEN + timedelta(hours=2), "")
    errors = errors_of(lambda: parse_new({TYPE: "no-coffee", SCOPE: "planet", MESSAGE: " ",
                                          ENDS: "yesterday", DESCRIPTION: "x" * 4001}, FROZEN))
    assert sorted(errors) == sorted([TYPE, SCOPE, MESSAGE, ENDS, DESCRIPTION])


def test_changes_keep_what_is_not_given():
    changes = parse_changes({MESSAGE: "New text", ENDS: "", DESCRIPTION: None}, FROZEN)
    assert changes == EventChanges(message="New text", ends=None)
    assert changes.changed == ("message", "ends") and changes.type is KEEP
    errors = errors_of(lambda: parse_changes({TYPE: "x", MESSAGE: ""}, FROZEN))
    assert sorted(errors) == sorted([TYPE, MESSAGE])


def test_errors_gather_what_each_check_finds():
    errors = Errors()
    assert errors.check(parse_type, "no-login") is NO_LOGIN
    assert errors.check(parse_type, "nope") is None
    assert errors.check(parse_when, "08:00", FROZEN) is None
    assert sorted(errors.by_field) == [ENDS, TYPE]
    with pytest.raises(InvalidEvent) as caught:
        errors.raise_any()
    assert caught.value.errors == errors.by_field
    Errors().raise_any()  # nothing found: nothing raised
