"""The REST source against a real HTTP server on 127.0.0.1 (tests/kit/so_server.py): what a full
read gives, each login scheme, and every failure as one line without the secret in it."""

from __future__ import annotations

import base64
from datetime import date, datetime

import pytest

from licscreen.sync.api_source import grants_of, read_api_snapshot, secret_from_env
from licscreen.sync.errors import SyncError
from licscreen.sync.snapshot import SoEvent, SoHolder, SoRestriction, SoUser
from tests.kit.so_server import PASSWORD, TICKET, TOKEN, SoServer, self_signed, serving

SECRETS = {"basic": PASSWORD, "ticket": TICKET, "bearer": TOKEN}


def read(url, so: SoServer | None = None, **options):
    auth = options.pop("auth", so.auth if so else "basic")
    return read_api_snapshot(url, auth=auth, user=options.pop("user", "ADM"),
                             secret=options.pop("secret") if "secret" in options
                             else SECRETS[auth], **options)


def failure(url, **options) -> str:
    """The one line of a read that fails; it never holds a secret."""
    with pytest.raises(SyncError) as caught:
        read(url, **options)
    message = str(caught.value)
    assert "\n" not in message
    for secret in (*SECRETS.values(), base64.b64encode(f"ADM:{PASSWORD}".encode()).decode()):
        assert secret not in message
        assert secret not in repr(caught.value)
    # no chained exception (httpx's, with its request) shows under the line
    error = caught.value
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    return message


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


@pytest.mark.parametrize("auth", ["basic", "ticket", "bearer"])
def test_each_login_scheme_sends_its_header_and_a_wrong_secret_is_refused(auth):
    so = SoServer(auth=auth)
    with serving(so) as url:
        assert read(url, so).users
        assert so.requests[0]["headers"]["authorization"] == so.expected_header()
        message = failure(url, auth=auth, secret="wrong-" + SECRETS[auth])
    assert message.startswith("login refused by http://127.0.0.1:")


def test_a_wrong_user_is_refused(so):
    with serving(so) as url:
        assert "login refused" in failure(url, user="BOB")


@pytest.mark.parametrize(("status", "words"), [
    (401, "login refused"), (403, "not allowed: an administrator is needed"),
    (404, "no SuperOffice REST API at"), (500, "the server failed at"), (503, "HTTP 503"),
    (204, "unexpected answer from"), (418, "HTTP 418"),
])
def test_a_refusing_server_gives_one_line_naming_the_cause(so, status, words):
    so.status = status
    with serving(so) as url:
        message = failure(url)
    assert words in message and "/SuperOffice/api/v1/License" in message


def test_a_redirect_is_not_followed_and_names_where_it_goes(so):
    so.status = 301
    with serving(so) as url:
        message = failure(url)
    assert message.endswith("redirects to https://crm.example.com/SuperOffice/api/v1/License: "
                            "give the address it redirects to (licscreen sends no login to "
                            "another address)")
    assert len(so.requests) == 1


def test_a_url_without_the_api_is_no_superoffice(so):
    with serving(so) as url:
        message = failure(url.replace("/SuperOffice", "/Elsewhere"))
    assert message.startswith("no SuperOffice REST API at http://127.0.0.1:")


@pytest.mark.parametrize("tail", ["", "/", "/api", "/api/v1/"])
def test_the_url_may_end_in_the_api_or_a_slash(so, tail):
    with serving(so) as url:
        assert read(url + tail, so).owners


def test_malformed_json_is_one_line(so):
    so.malformed = True
    with serving(so) as url:
        assert "not JSON from" in failure(url)


def test_a_slow_answer_hits_the_timeout(so):
    so.slow = 30
    with serving(so) as url:
        message = failure(url, timeout=0.2)
    assert message.startswith("no answer from http://127.0.0.1:") and "0.2 s" in message


def test_an_answer_trickling_in_hits_the_timeout_too(so):
    so.trickle = 0.02  # each byte well within the timeout, the whole answer not
    with serving(so) as url:
        message = failure(url, timeout=0.3)
    assert message.startswith("no answer from http://127.0.0.1:") and "0.3 s" in message


def test_an_answer_without_end_is_cut_off(so, monkeypatch):
    from licscreen.sync import api_client

    monkeypatch.setattr(api_client, "MAX_ANSWER", 1000)  # the License answer is ~6 kB
    with serving(so) as url:
        message = failure(url)
    assert message.endswith("/SuperOffice/api/v1/License is larger than 1 MB")


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


@pytest.mark.parametrize("url", [
    f"https://ADM:{PASSWORD}@crm.example.com/SuperOffice",
    f"http://ADM:{PASSWORD}@127.0.0.1:9/SuperOffice",
    "https://ADM@crm.example.com/SuperOffice",
])
def test_a_password_in_the_url_is_refused(url):
    message = failure(url)
    assert message.startswith("the URL holds a password: give it in LICSCREEN_SO_PASSWORD")


@pytest.mark.parametrize(("url", "words"), [
    ("ftp://crm.example.com/", "not an http or https URL"),
    ("crm.example.com", "not an http or https URL"),
    (f"https://crm.example.com/SuperOffice?ticket={TICKET}", "has a query"),
    ("https://crm.example.com:99999/", "not a valid URL"),
])
def test_a_bad_url_is_one_line(url, words):
    assert words in failure(url)


def test_an_unreachable_host_is_one_line():
    with serving(SoServer()) as url:
        pass  # the port is closed again
    message = failure(url)
    assert message.startswith("cannot reach http://127.0.0.1:")


def test_https_to_a_plain_http_server_is_a_tls_failure(so):
    with serving(so) as url:
        message = failure(url.replace("http://", "https://"))
    assert message.startswith("TLS failed for https://127.0.0.1:")


def test_a_self_signed_server_is_refused_and_accepted_with_its_ca_bundle(so, tmp_path):
    context, cert = self_signed(tmp_path)
    with serving(so, tls=context) as url:
        message = failure(url)
        assert message.startswith("TLS failed for https://127.0.0.1:")
        assert "certificate" in message.lower()
        assert read(url, so, ca_bundle=cert).owners


def test_a_missing_ca_bundle_is_one_line(tmp_path):
    message = failure("https://crm.example.com/SuperOffice", ca_bundle=tmp_path / "none.pem")
    assert message.startswith("cannot read the CA bundle")


@pytest.mark.parametrize(("options", "words"), [
    ({"auth": "basic", "user": None}, "needs a user name"),
    ({"auth": "basic", "secret": ""}, "no password, ticket or token"),
    ({"auth": "kerberos", "secret": "x"}, "unknown --auth kerberos"),
])
def test_login_options_are_checked_before_any_call(options, words):
    assert words in failure("https://crm.example.com/SuperOffice", **options)


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


def test_a_failure_speaks_the_chosen_language(so):
    from tests.kit.i18n import speaking

    so.status = 403
    with serving(so) as url, speaking("nb"):
        assert failure(url).startswith("ikke tillatt: det trengs en administrator (http://")
