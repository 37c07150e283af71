"""Opening, creating and migrating a store file; one connection per :class:`Database`."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from licscreen.i18n import _
from licscreen.store.errors import (
    NotAStore,
    StoreCorrupt,
    StoreError,
    StoreNotFound,
    StoreReadOnly,
    StoreTooNew,
)
from licscreen.store.schema import CORE_TABLES, MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0


class Database:
    """A connection to one store file, shared by threads under a lock.

    Reads and writes go through :meth:`read` and :meth:`transaction`, so a worker thread and the
    UI thread never use the connection at the same moment.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
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

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is stored, or none of it."""
        if self.read_only:
            raise StoreReadOnly(_("{path}: the store is read-only").format(path=self.path))
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        """Undo what is left of a failed transaction, keeping its error the one reported:
        after a full disk or an I/O error SQLite may have rolled it back already (a ROLLBACK
        then fails with "cannot rollback - no transaction is active")."""
        if self._conn.in_transaction:
            # The first error says what went wrong; should this one fail, closing undoes it.
            with suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "?mode=rw")
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S
    )
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except IsADirectoryError:
        raise NotAStore(_("{path}: is a folder, not a store file").format(path=path)) from None
    except OSError as error:
        raise StoreError(
            _("{path}: cannot be read ({reason})").format(path=path, reason=error.strerror)
        ) from None
    if header != SQLITE_HEADER:
        raise NotAStore(_("{path}: not an SQLite database").format(path=path))


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_database(path: Path, *, read_only: bool | None = None) -> Database:
    """Open an existing store, migrating it to our schema version when it is older.

    ``read_only`` None means: read-write when the file and its folder are writable.
    Raises a :class:`StoreError` with one line for a missing, foreign, corrupt or newer store.
    """
    if not path.exists():
        raise StoreNotFound(_("{path}: no store there").format(path=path))
    _check_header(path)
    if read_only is None:
        read_only = not writable(path)
    try:
        conn = _connect(path, read_only=read_only)
    except sqlite3.OperationalError as error:
        if read_only:
            raise StoreError(f"{path}: {error}") from None
        conn = _connect(path, read_only=True)
        read_only = True
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreCorrupt(
            _("{path}: the store is damaged ({reason})").format(path=path, reason=error)
        ) from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreTooNew(
            _(
                "{path}: written by a newer licscreen (schema version {found}, "
                "this one knows up to {known}); upgrade licscreen"
            ).format(path=path, found=version, known=SCHEMA_VERSION)
        )
    if version == 0 and not tables >= CORE_TABLES and tables:
        conn.close()
        raise NotAStore(
            _("{path}: an SQLite database, but not a licscreen store").format(path=path)
        )
    db = Database(path, conn, read_only=read_only)
    if version < SCHEMA_VERSION:
        if read_only:
            conn.close()
            raise StoreError(
                _("{path}: the store needs an upgrade but is read-only").format(path=path)
            )
        migrate(db)
    return db


def migrate(db: Database) -> int:
    """Apply every migration above the store's version, each in its own transaction."""
    with db.read() as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    for target in range(version + 1, SCHEMA_VERSION + 1):
        with db.transaction() as conn:
            MIGRATIONS[target - 1](conn)
            conn.execute(f"PRAGMA user_version = {target}")
    return SCHEMA_VERSION


def create_database(path: Path) -> Database:
    """A new, empty store at ``path`` (which must not exist), in WAL mode, at our version."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    db = open_database(path, read_only=False)
    return db
