"""The REST source's failures, each one line without the secret: logins, refusals, slow and
endless answers, bad URLs, TLS (a self-signed server, https to plain http)."""

from __future__ import annotations

import pytest

from tests.kit.so_reads import SECRETS, failure, read
from tests.kit.so_server import PASSWORD, TICKET, SoServer, self_signed, serving


@pytest.fixture
def so():
    return SoServer()


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


def test_a_failure_speaks_the_chosen_language(so):
    from tests.kit.i18n import speaking

    so.status = 403
    with serving(so) as url, speaking("nb"):
        assert failure(url).startswith("ikke tillatt: det trengs en administrator (http://")
