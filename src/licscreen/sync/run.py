"""Which source a sync reads, and the secrets it needs: never from the command line.

``read_snapshot("db", URL, ...)`` reads a database (``sync/db_source.py``);
``read_snapshot("api", URL, ...)`` the REST API (``sync/api_source.py``). A password
comes from ``LICSCREEN_SO_PASSWORD`` or ``ask`` (a prompt on a terminal), is passed to the
driver in memory, and is never printed: URLs in messages are shown without credentials.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from licscreen.i18n import _
from licscreen.sync.errors import SyncError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from licscreen.sync.snapshot import Snapshot

PASSWORD_ENV = "LICSCREEN_SO_PASSWORD"
Ask = Callable[[str], str | None]  # a prompt's text -> the secret typed, or None: no terminal


def shown(url: URL) -> str:
    """A URL as messages show it: never a password (nor a query, which may hold one)."""
    return url.set(password=None).difference_update_query(url.query).render_as_string(
        hide_password=True)


def parse_db_url(text: str) -> URL:
    """An SQLAlchemy URL with no password in it, or one line saying what is wrong."""
    import sqlalchemy as sa

    try:
        url = sa.engine.make_url(text)
    except (sa.exc.ArgumentError, ValueError):
        raise SyncError(_("not a database URL: give one such as "
                          "mssql+pymssql://user@host/SuperOffice or sqlite:///copy.db")) from None
    if url.password is not None or any(k.lower() in ("password", "pwd") for k in url.query):
        raise SyncError(_("secrets never on the command line: give the URL without its "
                          "password, and the password in {env} or at the prompt").format(
            env=PASSWORD_ENV))
    return url


def read_snapshot(kind: str, url_text: str, *, schema: str | None = None,
                  ask: Ask | None = None, known: Mapping[str, str] | None = None,
                  **api: Any) -> Snapshot:
    """What the installation at ``url_text`` holds; every failure is a :class:`SyncError`.
    ``known``: the store's digests from its last sync (a database source skips the kinds
    that still have them)."""
    if kind == "api":
        from licscreen.sync.api_source import read_api_snapshot  # httpx loads when it reads

        return read_api_snapshot(url_text, **api)
    return _read_db(url_text, schema=schema, ask=ask, known=known)


def _read_db(url_text: str, *, schema: str | None, ask: Ask | None,
             known: Mapping[str, str] | None) -> Snapshot:
    url = parse_db_url(url_text)
    import sqlalchemy as sa

    from licscreen.sync.db_source import DEFAULT_SCHEMA, read_db_snapshot

    source = shown(url)
    _check_driver(url, source)  # before a password is asked for
    if url.get_backend_name() == "sqlite":
        if schema is not None:
            raise SyncError(_("--schema: an SQLite file's tables are read from its main schema"))
        url = _read_only_sqlite(url)
    else:
        schema = schema or DEFAULT_SCHEMA
        if url.username:
            url = url.set(password=password_for(source, ask))
    try:
        return read_db_snapshot(url, schema=schema, source=source, known=known)
    except sa.exc.SQLAlchemyError as error:
        raise SyncError(_("{source}: cannot read the database ({reason})").format(
            source=source, reason=_reason(error))) from None


def _check_driver(url: URL, source: str) -> None:
    """The URL's kind of database known and its driver installed, or one line."""
    import sqlalchemy as sa

    try:
        url.get_dialect().import_dbapi()
    except sa.exc.NoSuchModuleError:
        raise SyncError(_("{source}: not a kind of database licscreen can read").format(
            source=source)) from None
    except ImportError as error:
        if url.get_driver_name() == "pymssql":
            raise SyncError(_("pymssql is not installed: pip install 'licscreen[mssql]'")) from None
        raise SyncError(_("{source}: the database driver is not installed ({reason})").format(
            source=source, reason=error)) from None


def _reason(error: Exception) -> str:
    """A driver's error in one line, without what SQLAlchemy adds (the SQL, a link)."""
    orig = getattr(error, "orig", None) or error
    text = str(orig).strip().splitlines()
    return text[0][:200] if text else type(orig).__name__


def _read_only_sqlite(url: URL) -> URL:
    """An SQLite file opened read-only, never created: ``file:PATH?mode=ro`` as a URI."""
    from pathlib import Path

    path = url.database or ""
    if not path or path == ":memory:":
        raise SyncError(_("an SQLite URL names a file: sqlite:///path/to/copy.db"))
    if not Path(path).is_file():
        raise SyncError(_("{path}: no such file").format(path=path))
    uri = Path(path).resolve().as_uri().removeprefix("file://")
    return url.set(database=f"file:{uri}", query={"mode": "ro", "uri": "true"})


def password_for(source: str, ask: Ask | None) -> str:
    """The database password: its variable, else the prompt."""
    secret = os.environ.get(PASSWORD_ENV)
    if secret:
        return secret
    typed = ask(_("Password for {source}").format(source=source)) if ask else None
    if typed is None:
        raise SyncError(_("no password for {source}: set {env} (no terminal to ask on)").format(
            source=source, env=PASSWORD_ENV))
    return typed


# The variable each REST scheme's secret comes from (never an option: options show in `ps`).
API_SECRET_ENV = {"basic": PASSWORD_ENV, "ticket": "LICSCREEN_SO_TICKET",
                  "bearer": "LICSCREEN_SO_TOKEN"}


def api_secret(auth: str, ask: Ask | None) -> str:
    """The password, ticket or token for ``--auth``: its variable, else the prompt."""
    env = API_SECRET_ENV[auth]
    secret = os.environ.get(env)
    if secret:
        return secret
    typed = ask(_("Secret for --auth {auth}").format(auth=auth)) if ask else None
    if typed is None:
        raise SyncError(_("no secret for --auth {auth}: set {env} (no terminal to ask on)")
                        .format(auth=auth, env=env))
    return typed
