"""A list's own view of the store: a second connection, read one transaction at a time.

While other processes write dozens of times a second, a row counted now is another row a moment
later. A reload of the System messages list therefore reads its count, its first page, the
cursor's row and the rows around it in **one read transaction** (:func:`read_snapshot`), so that
they agree: the cursor is put on the row that holds its event, never on a row counted in one
state of the store and drawn from another. And it reads them on a **connection of its own**
(:func:`open_reader`), so that the app's reads (a page scrolled into view, the event under the
cursor) never wait for a reload, nor a reload for them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from licscreen.store.db import BUSY_TIMEOUT_S, Database
from licscreen.store.store import Store


def open_reader(store: Store) -> Store:
    """Another, read-only connection to ``store``'s file; ``store`` itself when none can be
    opened (the file cannot be opened twice read-only: its folder is not writable, say)."""
    try:
        conn = sqlite3.connect(store.path.resolve().as_uri() + "?mode=ro", uri=True,
                               isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return store
    try:
        conn.execute("SELECT 1 FROM system_event LIMIT 1").fetchall()
    except sqlite3.Error:
        conn.close()
        return store
    return Store(Database(store.path, conn, read_only=True))


@contextmanager
def read_snapshot(store: Store) -> Iterator[None]:
    """The reads made through ``store`` inside see one state of the store (a read transaction;
    a writer is never held up by it). The connection is this thread's meanwhile."""
    with store.db.read() as conn:
        if conn.in_transaction:  # already in one (nested, or the app's own write)
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")  # nothing was written: ends the read
