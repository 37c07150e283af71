"""Reclaiming seats: the demo's retired, locked-out and inactive holders; a dry run that writes
nothing; an apply that finds them again inside its transaction."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from licscreen.store import (
    Bucket,
    Criteria,
    UserState,
    audit_entries,
    count_users,
    find_user,
    plan_reclaim,
    reclaim_seats,
    users_page,
)
from tests.kit.clock import FROZEN
from tests.kit.faults import dump_hash
from tests.kit.seats import holdings, licence_id


def buckets(plan) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for c in plan.candidates:
        found.setdefault(c.bucket.value, set()).add(c.user_id)
    return found


def test_the_demo_users_are_realistic(demo_store):
    assert count_users(demo_store) == 41
    states = {u.user_id: u for u in users_page(demo_store, limit=100)}
    assert {u for u, row in states.items() if row.state is UserState.RETIRED} == {"ANNEH",
                                                                                  "MARIAB"}
    assert all(states[u].licences > 0 for u in ("ANNEH", "MARIAB"))
    assert states["SOFIEK"].state is UserState.WAITING and states["SOFIEK"].licences == 0
    assert states["PETTERH"].state is UserState.CANNOT_LOG_IN
    assert states["LARSK"].last_login is None and states["THEAR"].last_login is None
    assert FROZEN - states["STIANM"].last_login > timedelta(days=200)
    assert states["NORAL"].plan == "Sales Premium"


def test_users_filter_by_id_name_or_group(demo_store):
    for text in ("KONOMI", "økonomi", "ØKONOMI"):
        assert [u.user_id for u in users_page(demo_store, text)] == ["ANNEH", "BJORNA",
                                                                    "ELING", "TRONDS"]
    assert [u.user_id for u in users_page(demo_store, "ødegård")] == ["EVENO"]
    assert find_user(demo_store, "noral").full_name == "Nora Lie"


def test_the_dry_run_finds_every_bucket_and_writes_nothing(demo_store, demo_path: Path):
    before = dump_hash(demo_path)
    plan = plan_reclaim(demo_store, Criteria(), now=FROZEN)
    assert buckets(plan) == {"retired": {"ANNEH", "MARIAB"}, "cannot_log_in": {"PETTERH"},
                             "inactive": {"GEIRF", "STIANM", "VILDEA", "LARSK", "THEAR"}}
    freed = {f.licence: f.seats for f in plan.freed}
    assert freed["ten-sales-premium"] == 3 and freed["user"] == 8
    assert dump_hash(demo_path) == before


def test_buckets_and_licence_narrow_it(demo_store):
    only_retired = Criteria(cannot_log_in=False, inactive=None)
    assert set(buckets(plan_reclaim(demo_store, only_retired, now=FROZEN))) == {"retired"}
    longer = Criteria(retired=False, cannot_log_in=False, inactive=timedelta(days=210))
    assert buckets(plan_reclaim(demo_store, longer, now=FROZEN)) == {
        "inactive": {"GEIRF", "ANNEH", "LARSK", "THEAR"}}
    windows = Criteria(licence_id=licence_id(demo_store, "ten-sales-premium"))
    assert {c.licence for c in plan_reclaim(demo_store, windows, now=FROZEN).candidates} == {
        "ten-sales-premium"}


def test_a_licence_still_required_is_kept_with_the_reason(demo_store):
    # ANNEH keeps Sales Essentials' need for Standard CRM User; Windows App alone: nothing
    # requires it, so it goes; an Outlook Synchronizer holder's Windows App stays
    with demo_store.db.transaction() as conn:
        conn.execute("UPDATE user SET retired = 1 WHERE user_id IN (SELECT u.user_id FROM "
                     "licence_user lu JOIN user u ON u.id = lu.user_id JOIN module_licence l "
                     "ON l.id = lu.licence_id WHERE l.name = 'outlook-sync')")
    criteria = Criteria(cannot_log_in=False, inactive=None,
                        licence_id=licence_id(demo_store, "windows"))
    plan = plan_reclaim(demo_store, criteria, now=FROZEN)
    assert plan.kept and all("required by Outlook Synchronizer" in why for _c, why in plan.kept)


def test_apply_frees_the_seats_in_one_audited_transaction(demo_store):
    plan = reclaim_seats(demo_store, Criteria(), now=FROZEN)
    assert holdings(demo_store, "ANNEH") == set()
    assert "ten-sales-premium" not in holdings(demo_store, "LARSK")
    (entry,) = audit_entries(demo_store)
    assert len(entry.changes) == len(plan.changes)
    assert plan_reclaim(demo_store, Criteria(), now=FROZEN).candidates == ()


def test_apply_of_chosen_seats_skips_those_no_longer_found(demo_store):
    chosen = {("ANNEH", licence_id(demo_store, "dfa-user")),
              ("NORAL", licence_id(demo_store, "ten-sales-premium"))}  # NORAL is active
    plan = reclaim_seats(demo_store, Criteria(), now=FROZEN, chosen=chosen)
    assert [(c.user_id, c.licence) for c in plan.candidates] == [("ANNEH", "dfa-user")]
    assert "ten-sales-premium" in holdings(demo_store, "NORAL")
    assert Bucket.RETIRED is plan.candidates[0].bucket
