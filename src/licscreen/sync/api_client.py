"""HTTP for the REST source: the URL, the login header, one JSON answer, an archive read in pages.

Every failure is a :class:`SyncError` of one line. Secrets never reach a message: URLs are shown
by :func:`shown_url` (no user, password or query string), the text of a transport error is
scrubbed of the secret, and the login header lives only in the client's headers. httpx is
imported when a read starts, never when licscreen starts.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from licscreen.i18n import _
from licscreen.sync.errors import SyncError

if TYPE_CHECKING:
    import httpx

AUTH_SCHEMES = ("basic", "ticket", "bearer")
MAX_ANSWER = 256 << 20  # bytes of one answer: a page of 500 users is a few MB


class _Late(Exception):
    """The whole answer took longer than the timeout."""


class _TooLarge(Exception):
    """The answer passed MAX_ANSWER."""


def shown_url(url: str) -> str:
    """``url`` as a message may show it: scheme, host, port and path; never credentials or query."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "(an invalid URL)"
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port is not None else host
    shown = f"{parts.scheme}://{netloc}{parts.path}"
    return "".join(c if c.isprintable() else "?" for c in shown)


def api_base(url: str) -> str:
    """The REST base, ``…/api/v1``, of an installation's URL (which may carry a path prefix,
    ``https://host/SuperOffice``, or end in ``/api`` or ``/api/v1`` already)."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise SyncError(_("not a valid URL: {url}").format(url=shown_url(url))) from None
    if parts.password is not None or parts.username is not None:
        raise SyncError(_("the URL holds a password: give it in LICSCREEN_SO_PASSWORD or at the "
                          "prompt, never on the command line"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(_("not an http or https URL: {url}").format(url=shown_url(url)))
    if parts.query or parts.fragment:
        raise SyncError(_("the URL has a query or fragment: give the installation's address "
                          "only, such as https://host/SuperOffice"))
    path = parts.path.rstrip("/")
    for tail in ("/api/v1", "/api"):
        if path.lower().endswith(tail):
            path = path[: -len(tail)]
            break
    return f"{parts.scheme}://{parts.netloc}{path}/api/v1"


def auth_header(auth: str, user: str | None, secret: str) -> str:
    """The ``Authorization`` value of a scheme: Basic, SOTicket or Bearer."""
    if not secret:
        raise SyncError(_("no password, ticket or token given for --auth {auth}").format(auth=auth))
    if auth == "basic":
        if not user:
            raise SyncError(_("--auth basic needs a user name (--user)"))
        pair = f"{user}:{secret}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    if auth == "ticket":
        return f"SOTicket {secret}"
    if auth == "bearer":
        return f"Bearer {secret}"
    raise SyncError(_("unknown --auth {auth}: use basic, ticket or bearer").format(auth=auth))


def _scrub(text: str, *secrets: str) -> str:
    """One line of an exception's text, printable, without the secrets."""
    line = " ".join(str(text).split())
    for secret in secrets:
        if secret:
            line = line.replace(secret, "***")
    return "".join(c if c.isprintable() else "?" for c in line)[:200]


class ApiClient:
    """One installation's REST API, read with one httpx client (its connection kept)."""

    def __init__(self, client: httpx.Client, base: str, secrets: tuple[str, ...]) -> None:
        self._client = client
        self.base = base
        self._secrets = secrets  # the secret and the login header: scrubbed from any message

    NOT_FOUND: Any = object()  # post_optional's answer where the endpoint is not there

    @property
    def _timeout(self) -> float:
        return self._client.timeout.read or 0.0

    def _fetch(self, method: str, url: str, params: dict[str, str] | None
               ) -> tuple[httpx.Response, bytes]:
        """The response and its body, whole within the timeout and at most MAX_ANSWER bytes
        (a server trickling bytes or sending without end is cut off)."""
        deadline = time.monotonic() + self._timeout
        with self._client.stream(method, url, params=params) as response:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_ANSWER:
                    raise _TooLarge
                if time.monotonic() > deadline:
                    raise _Late
                chunks.append(chunk)
        return response, b"".join(chunks)

    def _call(self, method: str, path: str, params: dict[str, str] | None = None,
              missing_ok: bool = False) -> Any:
        import httpx

        url = f"{self.base}/{path}"
        where = shown_url(url)
        try:
            response, body = self._fetch(method, url, params)
        except (httpx.TimeoutException, _Late):
            raise SyncError(_("no answer from {url} within {seconds:g} s").format(
                url=where, seconds=self._timeout)) from None
        except _TooLarge:
            raise SyncError(_("the answer from {url} is larger than {size} MB").format(
                url=where, size=-(-MAX_ANSWER // (1 << 20)))) from None
        except httpx.ConnectError as exc:
            reason = _scrub(str(exc), *self._secrets)
            if "SSL" in reason or "certificate" in reason.lower() or "TLS" in reason:
                raise SyncError(_("TLS failed for {url}: {reason}").format(
                    url=where, reason=reason)) from None
            raise SyncError(_("cannot reach {url}: {reason}").format(
                url=where, reason=reason)) from None
        except httpx.HTTPError as exc:
            reason = _scrub(str(exc) or type(exc).__name__, *self._secrets)
            if "SSL" in reason or "TLS" in reason or "record layer" in reason:
                raise SyncError(_("TLS failed for {url}: {reason}").format(
                    url=where, reason=reason)) from None
            raise SyncError(_("cannot read {url}: {reason}").format(
                url=where, reason=reason)) from None
        status = response.status_code
        if status == 401:
            raise SyncError(_("login refused by {url}: check the user and the password, ticket "
                              "or token").format(url=where))
        if status == 403:
            raise SyncError(_("not allowed: an administrator is needed ({url})").format(url=where))
        if status == 404 and missing_ok:
            return self.NOT_FOUND
        if status == 404:
            raise SyncError(_("no SuperOffice REST API at {url}").format(url=where))
        if status >= 500:
            raise SyncError(_("the server failed at {url}: HTTP {status}").format(
                url=where, status=status))
        if status in (301, 302, 303, 307, 308):
            target = shown_url(response.headers.get("Location", ""))
            raise SyncError(_("{url} redirects to {target}: give the address it redirects to "
                              "(licscreen sends no login to another address)").format(
                url=where, target=target))
        if status != 200:
            raise SyncError(_("unexpected answer from {url}: HTTP {status}").format(
                url=where, status=status))
        try:
            return json.loads(body) if body.strip() else None
        except (ValueError, UnicodeDecodeError):
            raise SyncError(_("not JSON from {url}: is this a SuperOffice REST API?").format(
                url=where)) from None

    def get(self, path: str, params: dict[str, str] | None = None) -> Any:
        """The JSON answer of ``GET {base}/{path}``."""
        return self._call("GET", path, params)

    def post_optional(self, path: str) -> Any:
        """The JSON answer of ``POST {base}/{path}`` with no body; ``NOT_FOUND`` on a 404."""
        return self._call("POST", path, missing_ok=True)

    def archive(self, provider: str, columns: list[str], page_size: int) -> list[dict[str, Any]]:
        """Every row of an archive provider, read ``page_size`` rows at a time ($top, $skip).

        Stops at a short page; a page that repeats rows already read (a server ignoring $skip)
        is an error, never an endless loop."""
        path = f"archive/{quote(provider)}"
        rows: list[dict[str, Any]] = []
        seen: set[str] = set()
        skip = 0
        while True:
            params = {"$select": ",".join(columns), "$top": str(page_size),
                      "$skip": str(skip), "$output": "Logical", "$format": "JSON"}
            answer = self.get(path, params)
            where = shown_url(f"{self.base}/{path}")
            if not isinstance(answer, dict) or not isinstance(answer.get("value"), list):
                raise SyncError(_("{url}: the answer has no {field}").format(
                    url=where, field="value"))
            page = answer["value"]
            keys = [_row_key(row) for row in page]
            if page and all(key in seen for key in keys):
                raise SyncError(_("{url} answers the same rows again: the server ignores "
                                  "$skip").format(url=where))
            seen.update(keys)
            for row in page:
                if not isinstance(row, dict):
                    raise SyncError(_("{url}: a row is not an object").format(url=where))
                rows.append(row)
            if len(page) != page_size:  # short: the last page; longer: $top ignored, all sent
                return rows
            skip += page_size


def _row_key(row: Any) -> str:
    """What tells one archive row from another: its PrimaryKey, else all of it."""
    if isinstance(row, dict) and isinstance(row.get("PrimaryKey"), (int, str)):
        return f"{row.get('EntityName')}:{row['PrimaryKey']}"
    return json.dumps(row, sort_keys=True, default=str)


@contextmanager
def open_client(url: str, *, auth: str, user: str | None, secret: str, ca_bundle: Path | None,
                timeout: float) -> Iterator[ApiClient]:
    """An :class:`ApiClient` for ``url``, TLS verified (against ``ca_bundle`` when given)."""
    base = api_base(url)
    header = auth_header(auth, user, secret)
    import ssl

    import httpx

    verify: ssl.SSLContext | bool = True
    if ca_bundle is not None:
        try:
            verify = ssl.create_default_context(cafile=str(ca_bundle))
        except (OSError, ssl.SSLError) as exc:
            raise SyncError(_("cannot read the CA bundle {path}: {reason}").format(
                path=ca_bundle, reason=_scrub(exc.strerror or str(exc), secret))) from None
    headers = {"Authorization": header, "Accept": "application/json",
               "User-Agent": "licscreen-sync"}
    with httpx.Client(headers=headers, timeout=httpx.Timeout(timeout), verify=verify,
                      follow_redirects=False) as client:
        yield ApiClient(client, base, (secret, header, header.partition(" ")[2]))
