"""Reading the test SuperOffice server (tests/kit/so_server.py) with the REST source: a read
with the server's own login, and a read that must fail with one line holding no secret."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from licscreen.sync.api_source import read_api_snapshot
from licscreen.sync.errors import SyncError
from licscreen.sync.snapshot import Snapshot
from tests.kit.so_server import PASSWORD, TICKET, TOKEN, SoServer

SECRETS = {"basic": PASSWORD, "ticket": TICKET, "bearer": TOKEN}


def read(url: str, so: SoServer | None = None, **options: Any) -> Snapshot:
    """A read of ``url`` with the login ``so`` expects (basic as ADM unless told)."""
    auth = options.pop("auth", so.auth if so else "basic")
    return read_api_snapshot(url, auth=auth, user=options.pop("user", "ADM"),
                             secret=options.pop("secret") if "secret" in options
                             else SECRETS[auth], **options)


def failure(url: str, **options: Any) -> str:
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
