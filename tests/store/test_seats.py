"""Giving and taking back licences by SuperOffice's rules: every refusal one line with the
store untouched, hidden licences coming and going with what needs them, one user plan, and two
processes racing for the last seat."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from licscreen.store import (
    SeatRefused,
    Store,
    StoreError,
    assign_seats,
    audit_entries,
    reassign_seat,
    toggle_seat,
    unassign_seats,
)
from tests.kit.clock import FROZEN
from tests.kit.faults import dump_hash
from tests.kit.mirror import make_mirror
from tests.kit.seats import fill, holdings, in_use, licence_id


def refused(store: Store, path: Path, call, *fragments: str) -> str:
    before = dump_hash(path)
    with pytest.raises(SeatRefused) as caught:
        call()
    line = str(caught.value)
    assert "\n" not in line
    for fragment in fragments:
        assert fragment in line, line
    assert dump_hash(path) == before
    return line


def test_a_plan_brings_its_hidden_licences_and_takes_them_back(demo_store):
    plan = licence_id(demo_store, "ten-service-premium")
    changes = assign_seats(demo_store, plan, ["SOFIEK"], now=FROZEN)
    assert holdings(demo_store, "SOFIEK") == {"ten-service-premium", "web", "ten-service-basic",
                                              "ten-mailing", "user"}
    assert [c.brought for c in changes] == [False, True, True, True, True]
    unassign_seats(demo_store, plan, ["SOFIEK"], now=FROZEN)
    assert holdings(demo_store, "SOFIEK") == set()


def test_a_hidden_licence_another_one_needs_stays(demo_store):
    # ANNEH holds Sales Essentials and Windows App: both need Standard CRM User
    with demo_store.db.transaction() as conn:
        conn.execute("UPDATE user SET retired = 0 WHERE user_id = 'ANNEH'")
    unassign_seats(demo_store, licence_id(demo_store, "ten-sales-essentials"), ["ANNEH"],
                   now=FROZEN)
    assert holdings(demo_store, "ANNEH") == {"windows", "user", "dfa-user"}


@pytest.mark.parametrize(("call", "fragments"), [
    (lambda s: assign_seats(s, licence_id(s, "ten-sales-premium"), ["SOFIEK"], now=FROZEN),
     ("no free seat on Sales Premium", "22 of 20")),
    (lambda s: assign_seats(s, licence_id(s, "outlook-sync"), ["SOFIEK"], now=FROZEN),
     ("SOFIEK lacks Windows App", "Outlook Synchronizer")),
    (lambda s: assign_seats(s, licence_id(s, "user"), ["SOFIEK"], now=FROZEN),
     ("Standard CRM User is hidden",)),
    (lambda s: assign_seats(s, licence_id(s, "ten-sales-essentials"), ["SOFIEK", "ANNEH"],
                            now=FROZEN),
     ("ANNEH is retired",)),
    (lambda s: assign_seats(s, licence_id(s, "ten-marketing-essentials"), ["NORAL"],
                            now=FROZEN),
     ("NORAL already holds the user plan Sales Premium", "reassign")),
    (lambda s: assign_seats(s, licence_id(s, "windows"), ["NOBODY"], now=FROZEN),
     ("no user 'NOBODY'",)),
    (lambda s: assign_seats(s, licence_id(s, "ten-sales-premium"), ["NORAL"], now=FROZEN),
     ("NORAL already holds Sales Premium",)),
    (lambda s: unassign_seats(s, licence_id(s, "windows"), ["SOFIEK"], now=FROZEN),
     ("SOFIEK does not hold Windows App",)),
    (lambda s: unassign_seats(s, licence_id(s, "web"), ["NORAL"], now=FROZEN),
     ("Web client is hidden",)),
    (lambda s: reassign_seat(s, "ANNEH", licence_id(s, "ten-sales-essentials"),
                             licence_id(s, "ten-sales-premium"), now=FROZEN),
     ("ANNEH is retired",)),
])
def test_each_refusal_is_one_line_and_changes_nothing(demo_store, demo_path, call, fragments):
    refused(demo_store, demo_path, lambda: call(demo_store), *fragments)


def test_a_licence_still_required_is_not_taken_back(demo_store, demo_path):
    user = _holder_of(demo_store, "outlook-sync")
    refused(demo_store, demo_path,
            lambda: unassign_seats(demo_store, licence_id(demo_store, "windows"), [user],
                                   now=FROZEN),
            "Windows App is required by Outlook Synchronizer", user)


def test_several_users_get_the_licence_all_or_none(demo_store, demo_path):
    fill(demo_store, "windows", free=1)
    users = ["SOFIEK", "NORAL"]
    refused(demo_store, demo_path,
            lambda: assign_seats(demo_store, licence_id(demo_store, "windows"), users,
                                 now=FROZEN), "no free seat on Windows App")
    fill(demo_store, "windows", free=2)
    assign_seats(demo_store, licence_id(demo_store, "windows"), ["SOFIEK", "NORAL"], now=FROZEN)
    assert "windows" in holdings(demo_store, "NORAL") and "user" in holdings(demo_store,
                                                                             "SOFIEK")


def test_an_unrestricted_licence_has_no_limit(demo_store):
    with demo_store.db.transaction() as conn:
        conn.execute("UPDATE module_licence SET unrestricted = 1, total = 1 WHERE name = "
                     "'dfa-user'")
    assign_seats(demo_store, licence_id(demo_store, "dfa-user"), ["SOFIEK"], now=FROZEN)
    assert "dfa-user" in holdings(demo_store, "SOFIEK")


def test_reassign_moves_between_plans(demo_store):
    premium, essentials = (licence_id(demo_store, n) for n in ("ten-sales-premium",
                                                               "ten-sales-essentials"))
    fill(demo_store, "ten-sales-essentials")
    before = in_use(demo_store, "ten-sales-premium")
    reassign_seat(demo_store, "NORAL", premium, essentials, now=FROZEN)
    assert holdings(demo_store, "NORAL") >= {"ten-sales-essentials", "web", "ten-sales-basic"}
    assert not holdings(demo_store, "NORAL") & {"ten-sales-premium", "ten-mailing"}
    assert in_use(demo_store, "ten-sales-premium") == before - 1


def test_a_dry_run_says_what_would_change_and_writes_nothing(demo_store, demo_path):
    before = dump_hash(demo_path)
    changes = assign_seats(demo_store, licence_id(demo_store, "windows"), ["SOFIEK"],
                           now=FROZEN, dry_run=True)
    assert [(c.action, c.licence) for c in changes] == [("assign", "windows"),
                                                         ("assign", "user")]
    assert dump_hash(demo_path) == before


def test_toggle_gives_then_takes_back(demo_store):
    windows = licence_id(demo_store, "windows")
    toggle_seat(demo_store, windows, "SOFIEK", now=FROZEN)
    assert "windows" in holdings(demo_store, "SOFIEK")
    toggle_seat(demo_store, windows, "SOFIEK", now=FROZEN)
    assert holdings(demo_store, "SOFIEK") == set()


def test_every_change_is_audited_with_before_and_after(demo_store):
    assign_seats(demo_store, licence_id(demo_store, "windows"), ["SOFIEK"], now=FROZEN)
    entry = audit_entries(demo_store)[0]
    assert entry.at == FROZEN
    assert [(c.subject, c.before, c.after) for c in entry.changes] == [
        ("SOFIEK: SUPEROFFICE/windows", "not held", "held"),
        ("SOFIEK: SUPEROFFICE/user", "not held", "held")]


def test_a_mirror_refuses_with_the_reason(tmp_path):
    path = make_mirror(tmp_path)
    before = dump_hash(path)
    store = Store.open(path)
    try:
        with pytest.raises(StoreError, match="mirror of"):
            assign_seats(store, 1, ["ANYONE"], now=FROZEN)
        with pytest.raises(StoreError, match="mirror of"):
            unassign_seats(store, 1, ["ANYONE"], now=FROZEN, dry_run=True)
    finally:
        store.close()
    assert dump_hash(path) == before


def _race(path: str, user: str, start, results) -> None:
    store = Store.open(Path(path))
    try:
        start.wait()
        assign_seats(store, licence_id(store, "windows"), [user], now=FROZEN)
        results.put((user, "ok"))
    except SeatRefused as error:
        results.put((user, str(error)))
    finally:
        store.close()


def test_two_processes_race_for_the_last_seat_and_one_wins(demo_store, demo_path):
    fill(demo_store, "windows", free=1)
    demo_store.close()
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(2), context.Queue()
    racers = [context.Process(target=_race, args=(str(demo_path), user, start, results))
              for user in ("SOFIEK", "NORAL")]
    for racer in racers:
        racer.start()
    outcome = dict(results.get(timeout=60) for _ in racers)
    for racer in racers:
        racer.join(timeout=60)
    assert sorted(outcome.values())[0].startswith("no free seat on Windows App")
    assert list(outcome.values()).count("ok") == 1
    store = Store.open(demo_path)
    try:
        winner = next(u for u, said in outcome.items() if said == "ok")
        assert "windows" in holdings(store, winner)
        assert in_use(store, "windows") == store.licence(licence_id(store, "windows")).total
    finally:
        store.close()


def _holder_of(store: Store, name: str) -> str:
    row = store.db.fetch_one(
        """SELECT u.user_id FROM licence_user lu JOIN user u ON u.id = lu.user_id
           JOIN module_licence l ON l.id = lu.licence_id WHERE l.name = ? ORDER BY 1""",
        (name,))
    assert row is not None
    return str(row[0])
