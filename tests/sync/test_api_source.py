"""The REST source against a real HTTP server on 127.0.0.1 (tests/kit/so_server.py): what a full
read gives, paging, the fields as documented, and the environment's secrets."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from licscreen.sync.api_source import secret_from_env
from licscreen.sync.snapshot import SoEvent, SoHolder, SoRestriction, SoUser
from licscreen.sync.snapshot import plan_grants as grants_of
from tests.kit.so_reads import failure, read
from tests.kit.so_server import SoServer, serving


@pytest.fixture
def so():
    return SoServer()


def test_a_full_read_gives_owners_licences_users_holders_events_and_the_plan_limit(so):
    with serving(so) as url:
        snap = read(url, so, page_size=2)
    assert snap.source == url
    assert (snap.installation.owner, snap.installation.serial_number) == ("Nordlys AS",
                                                                           "5012345678")
    main, acme = snap.owners
    assert (main.name, main.company_name, main.licence_version) == ("SUPEROFFICE", "Nordlys AS",
                                                                    "11.11")
    assert main.expires is None  # the zero date: never
    assert (main.grace_date, main.maintenance_date) == (date(2027, 3, 31), date(2027, 12, 31))
    assert (main.next_check_date, main.admin_warning_date) == (date(2026, 12, 10),
                                                               date(2027, 3, 1))
    assert (main.product_type, acme.expires) == ("Onsite", date(2027, 6, 30))
    by_name = {lic.name: lic for lic in snap.licences}
    assert list(by_name) == ["ten-sales", "user", "guide-cal", "web", "acme-sync"]
    plan = by_name["ten-sales"]
    assert (plan.owner, plan.licence_type, plan.total, plan.extra_flags) == ("SUPEROFFICE", 3,
                                                                             10, 1)
    assert plan.grants == ("user", "web", "pocket-crm-cal")
    assert (plan.tooltip, by_name["user"].hidden, by_name["guide-cal"].unrestricted) == (
        "Sales plan", True, True)
    assert by_name["guide-cal"].prerequisite == "user" and by_name["user"].prerequisite is None
    assert (by_name["web"].licence_type, by_name["acme-sync"].licence_type) == (1, 3)
    assert len({lic.source_id for lic in snap.licences}) == 5

    users = {u.user_id: u for u in snap.users}
    assert list(users) == ["ADM", "BOB", "CAR", "OLD", "EVE"]
    assert users["CAR"].full_name == "Cara Øye"
    assert users["OLD"] == SoUser(source_id=13, user_id="OLD", full_name="Old Timer",
                                  group_id=users["CAR"].group_id, retired=True, can_log_in=False)
    assert users["EVE"].group_id is None
    assert {g.name for g in snap.groups} == {"Sales", "Support"}
    held = {(lic.name, user.user_id) for h in snap.holders
            for lic in snap.licences if lic.source_id == h.licence_id
            for user in snap.users if user.source_id == h.user_id}
    assert held == {("ten-sales", "ADM"), ("user", "ADM"), ("user", "BOB"),
                    ("acme-sync", "BOB"), ("guide-cal", "CAR"), ("ten-sales", "OLD")}
    assert all(isinstance(h, SoHolder) for h in snap.holders)

    events = {e.source_id: e for e in snap.events}
    assert events[1] == SoEvent(source_id=1, scope=1, owner_id=0, event_key="NoLogin",
                                message="Upgrade tonight", registered=datetime(2026, 12, 1, 8),
                                registered_by=10, update_count=2, name="No login",
                                status="Active")
    assert events[2].eta == datetime(2026, 12, 4, 15, 0, 0, 123456)  # +01:00 → UTC
    assert events[2].registered == datetime(2026, 12, 4, 13) and events[2].registered_by is None
    assert (events[3].scope, events[3].owner_id, events[3].name, events[3].status) == (
        4, 12, None, None)
    assert snap.restrictions == (SoRestriction(name="Active projects", current=7, maximum=10),)
    assert any("logged on" in note for note in snap.notes)


def test_pages_ask_for_the_documented_columns_and_move_on_with_skip(so):
    with serving(so) as url:
        read(url, so, page_size=2)
    archive = [r for r in so.requests if "/archive/" in r["path"]]
    users = [r["query"] for r in archive if r["path"].endswith("AllUsers")]
    assert [q["$skip"][0] for q in users] == ["0", "2", "4"] * 2  # users, then holders
    assert [q["$top"][0] for q in users] == ["2"] * 6
    assert "assocName" in users[0]["$select"][0].split(",")
    assert set(users[3]["$select"][0].split(",")) == {
        "associateDbId", "superoffice_ten-sales", "superoffice_user", "superoffice_guide-cal",
        "acme_acme-sync"}  # user licences only: the site licence has no holders column
    events = [r["query"] for r in archive if r["path"].endswith("SystemEvents")]
    assert [q["$skip"][0] for q in events] == ["0", "2"]
    assert all(r["path"].startswith("/SuperOffice/api/v1/") for r in so.requests)
    assert all(r["method"] == "GET" for r in so.requests
               if not r["path"].endswith("GetFencingInfo"))


def test_the_same_read_gives_the_same_ids(so):
    with serving(so) as url:
        first, second = read(url, so), read(url, so, page_size=1)
    assert first == second


def test_unknown_flags_keep_a_user_active(so):
    for row in so.data["AllUsers"]:
        row["isActive"] = row["canLogin"] = None
    with serving(so) as url:
        users = read(url, so).users
    assert all(not u.retired and u.can_log_in for u in users)


@pytest.mark.parametrize("value", ["--5", "5x", "١٢", 1.5, [1]])
def test_a_number_that_is_not_one_is_refused(so, value):
    so.data["SystemEvents"][1]["scope"] = value
    with serving(so) as url:
        assert failure(url).endswith("scope is not a number")


def test_a_server_ignoring_skip_is_caught_not_looped(so):
    so.ignore_skip = True
    with serving(so) as url:
        message = failure(url, page_size=2)
    assert "ignores $skip" in message and "AllUsers" in message


def test_a_server_ignoring_top_gives_every_row_once(so):
    so.ignore_top = True
    with serving(so) as url:
        snap = read(url, so, page_size=2)
    assert len(snap.users) == 5 and len(snap.events) == 3
    archive = [r["path"].rsplit("/", 1)[1] for r in so.requests if "/archive/" in r["path"]]
    assert archive == ["AllUsers", "AllUsers", "SystemEvents"]  # users, holders, events


@pytest.mark.parametrize(("where", "name"), [
    ("License", "OwnerName"), ("License", "SerialNr"), ("AllUsers", "assocName"),
    ("SystemEvents", "eventkey"), ("SystemEvents", "scope"),
])
def test_a_required_field_missing_names_it(so, where, name):
    rows = so.data[where]
    for row in rows:
        (row["Current"] if where == "License" else row).pop(name)
    with serving(so) as url:
        message = failure(url)
    assert message.endswith(f"the answer has no {name}")


def test_a_field_of_the_wrong_type_names_it(so):
    so.data["SystemEvents"][0]["eta"] = 12
    with serving(so) as url:
        assert failure(url).endswith("eta is not a date")


def test_no_fencing_endpoint_leaves_restrictions_unknown_with_a_note(so):
    so.fencing = False
    with serving(so) as url:
        snap = read(url, so)
    assert snap.restrictions is None
    assert any("GetFencingInfo" in note for note in snap.notes)


def test_no_fence_near_is_no_restriction(so):
    so.data["fencing"] = None
    with serving(so) as url:
        assert read(url, so).restrictions == ()


def test_secrets_come_from_the_environment():
    environ = {"LICSCREEN_SO_PASSWORD": "p", "LICSCREEN_SO_TICKET": "t", "LICSCREEN_SO_TOKEN": ""}
    assert [secret_from_env(a, environ) for a in ("basic", "ticket", "bearer", "x")] == [
        "p", "t", None, None]


@pytest.mark.parametrize(("extra", "grants"), [
    ("set=user,web,pocket-crm-cal", ("user", "web", "pocket-crm-cal")),
    ("x=1;set=a, b,", ("a", "b")), ("", ()), ("nothing", ()),
])
def test_a_plans_grants_come_from_set(extra, grants):
    assert grants_of(extra) == grants


def test_httpx_is_loaded_only_when_a_read_starts():
    import subprocess
    import sys

    code = ("import sys, licscreen.sync.api_source; "
            "print('httpx' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
