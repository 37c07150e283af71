"""Opening, creating and migrating a store file; one connection per :class:`Database`.

A file is opened only when it is ours (``PRAGMA application_id``, or, for a store made before
licscreen set one, its tables), and written only when the caller may write: a read-only open
never changes the file, not even its journal mode (store/files.py has the checks).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from licscreen.i18n import _
from licscreen.store.errors import (
    StoreCorrupt,
    StoreError,
    StoreNotFound,
    StoreReadOnly,
    StoreReplaced,
)
from licscreen.store.files import (
    APPLICATION_ID,
    SQLITE_CANTOPEN,
    SQLITE_READONLY,
    FileId,
    check_header,
    clean_stale_builds,
    current_id,
    file_id,
    identify,
    primary_code,
    read_only_reason,
    refusal,
    stat_store,
    write_failure,
)
from licscreen.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_S = 5.0


class Database:
    """A connection to one store file, shared by threads under a lock.

    Reads and writes go through :meth:`read` and :meth:`transaction`, so a worker thread and the
    UI thread never use the connection at the same moment. ``reason`` says why a store that is
    ``read_only`` is (None: the caller asked for a read-only open and gave no reason).
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool,
                 uri: str = "", opened: FileId | None = None, reason: str | None = None) -> None:
        self.path = path
        self.read_only = read_only
        self.reason = reason
        self.uri = uri or _uri(path, "ro")
        self.opened = opened if opened is not None else current_id(path)
        self._conn = conn
        self._lock = threading.RLock()
        # Counts of events by filter, each with the store's version when it was made: a
        # count holds only for this connection, whose versions it is (store.events.pages).
        self.counts: dict[Hashable, tuple[tuple[int, int], int]] = {}

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

    def fetch_all(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Every row of one query."""
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def fetch_one(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        """The first row of one query, or None."""
        with self._lock:
            row: tuple[Any, ...] | None = self._conn.execute(sql, params).fetchone()
            return row

    def fetch_value(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The first column of the first row of a query that always has one (a count)."""
        with self._lock:
            return self._conn.execute(sql, params).fetchone()[0]

    def reader(self) -> sqlite3.Connection:
        """Another connection to the same file, opened as this one (read-only)."""
        return sqlite3.connect(self.uri, uri=True, check_same_thread=False)

    def replaced(self) -> bool:
        """Does the path name another file than the one opened (or none)?"""
        return current_id(self.path) != self.opened

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is stored, or none of it.

        A failure of the disk, the file or the lock is a :class:`StoreWriteFailed` (one line);
        a store whose file was replaced since it was opened is not written
        (:class:`StoreReplaced`): the write would land in a file nobody sees.
        """
        if self.read_only:
            raise StoreReadOnly(self._read_only_line())
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                failure = write_failure(self.path, error)
                if failure is None:
                    raise
                raise failure from None
            try:
                if self.replaced():  # checked holding the write lock
                    raise StoreReplaced(_(
                        "{path}: the store file was replaced or removed by another program "
                        "since licscreen opened it; nothing was saved (start licscreen again "
                        "to use the store there now)").format(path=self.path))
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as error:
                self._rollback()
                failure = write_failure(self.path, error)
                if failure is None:
                    raise
                raise failure from None
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        """Roll back what is left: SQLite has already done it after some errors (a full disk)."""
        if self._conn.in_transaction:
            with suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    def _read_only_line(self) -> str:
        if self.reason:
            return _("{path}: the store is read-only ({reason})").format(
                path=self.path, reason=self.reason)
        return _("{path}: the store is read-only").format(path=self.path)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _uri(path: Path, mode: str) -> str:
    uri = path.resolve().as_uri()
    return uri + ("?immutable=1" if mode == "immutable" else f"?mode={mode}")


def _connect(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S
    )
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.create_function("fold", 1, fold, deterministic=True)
    return conn


def fold(value: str | bytes | int | float | None) -> str | bytes | int | float | None:
    """SQL ``fold(text)``: any case of any letter alike (``LIKE`` folds ASCII letters only:
    'økonomi' would not find 'Økonomi')."""
    return value.casefold() if isinstance(value, str) else value


def _damaged(path: Path, error: sqlite3.Error) -> StoreError:
    return StoreCorrupt(
        _("{path}: the store is damaged ({reason})").format(path=path, reason=error))


def _open_for_writing(path: Path, *, query_only: bool) -> tuple[sqlite3.Connection, str]:
    """A read-write connection; with ``query_only`` SQLite refuses every change through it.

    A reader that may write the folder reads this way rather than read-only: the last
    connection to close removes the store's WAL files, where a read-only one leaves them
    behind (owned by whoever ran it, which can stop the owner's writes).
    """
    uri = _uri(path, "rw")
    conn = _connect(uri)
    if query_only:
        conn.execute("PRAGMA query_only = ON")
    return conn, uri


def _open_for_viewing(path: Path) -> tuple[sqlite3.Connection, str, tuple[int, int, set[str]]]:
    """A read-only connection, and what it reads. A store in WAL mode whose folder we may
    not write (SQLite cannot make its shared-memory file there) is opened immutable."""
    uri = _uri(path, "ro")
    conn = _connect(uri)
    try:
        return conn, uri, identify(conn)
    except sqlite3.OperationalError as error:
        conn.close()
        if primary_code(error) not in (SQLITE_CANTOPEN, SQLITE_READONLY):
            raise
    uri = _uri(path, "immutable")
    conn = _connect(uri)
    try:
        return conn, uri, identify(conn)
    except sqlite3.Error:
        conn.close()
        raise


def open_database(path: Path, *, read_only: bool | None = None,
                  why: str | None = None) -> Database:
    """Open an existing store; migrate it to our schema version when it is older and the open
    is for writing.

    ``read_only`` None (or False) means: read-write when the file and its folder are writable,
    else for viewing, with the reason in :attr:`Database.reason`; True: for viewing, changing
    nothing (no WAL switch, no migration, no application id), ``why`` saying why to whoever
    tries to write (a server's ``--read-only``: :attr:`Database.reason`).
    Raises a :class:`StoreError` with one line for a missing, foreign, corrupt or newer store,
    and for anything at ``path`` that is not a regular file.
    """
    info = stat_store(path)
    if info is None:
        raise StoreNotFound(_("{path}: no store there").format(path=path))
    check_header(path)
    reason = read_only_reason(path)
    may_write = reason is None
    if read_only:
        reason = why  # read-only as asked
    else:
        read_only = not may_write
    try:
        if may_write:
            conn, uri = _open_for_writing(path, query_only=read_only)
        else:
            conn, uri, (app_id, version, tables) = _open_for_viewing(path)
    except sqlite3.Error as error:
        raise _damaged(path, error) from None
    if may_write:
        try:
            app_id, version, tables = identify(conn)
        except sqlite3.Error as error:
            conn.close()
            raise _damaged(path, error) from None
    refused = refusal(path, app_id, version, tables, read_only=read_only, reason=reason)
    if refused is not None:
        conn.close()
        raise refused
    viewer = _uri(path, "ro") if may_write else uri  # what further connections open
    db = Database(path, conn, read_only=read_only, uri=viewer, opened=file_id(info),
                  reason=reason)
    if not read_only:
        clean_stale_builds(path)  # what a killed `licscreen init` left beside it
        try:
            conn.execute("PRAGMA journal_mode = WAL")  # ours, so ours to set (a no-op if so)
            if version < SCHEMA_VERSION or app_id != APPLICATION_ID:
                migrate(db)
        except StoreError:
            db.close()
            raise
        except sqlite3.Error as error:
            db.close()
            raise (write_failure(path, error) or _damaged(path, error)) from None
    return db


def migrate(db: Database) -> int:
    """Apply every migration above the store's version, each in its own transaction, and
    mark the file as ours (a store made before licscreen set its application id)."""
    with db.read() as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    for target in range(version + 1, SCHEMA_VERSION + 1):
        with db.transaction() as conn:
            MIGRATIONS[target - 1](conn)
            conn.execute(f"PRAGMA user_version = {target}")
    if app_id != APPLICATION_ID:
        with db.transaction() as conn:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return SCHEMA_VERSION


def create_database(path: Path) -> Database:
    """A new store at ``path`` (which must not exist): ours, in WAL mode, at our version."""
    uri = _uri(path, "rwc")
    conn = _connect(uri)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = WAL")
        db = Database(path, conn, read_only=False, uri=_uri(path, "ro"))
        migrate(db)
    except BaseException:
        conn.close()
        raise
    return db
