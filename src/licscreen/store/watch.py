"""Noticing that someone else wrote to a store, cheaply enough to ask several times a second.

``PRAGMA data_version`` changes when a connection *other than the one asking* commits to the
file. The watcher asks on a connection of its own that never writes, so every commit counts:
another process's, another licscreen's, and the app's own connection's (which the app, having
just written, may mark as seen with :meth:`StoreWatcher.mark_seen`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

from licscreen.store.files import FileId, current_id

QUICK_TIMEOUT_S = 0.2  # a look that would wait longer is skipped, and made again next time


class StoreWatcher:
    """``opened``: the (device, inode) of the file the app opened, to notice when the path
    names another (the store replaced): by default, the file there now."""

    def __init__(self, path: Path, opened: FileId | None = None) -> None:
        self.path = path
        self.opened = opened if opened is not None else current_id(path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()  # one thread asks at a time (the app's watcher thread)
        self._closed = False
        self._seen = self._version()
        self._reconnected = False

    def _version(self) -> int | None:
        """The file's data version; None when it cannot be read just now."""
        if self._closed:
            return None
        try:
            if self._conn is None:
                uri = self.path.resolve().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                             check_same_thread=False, timeout=QUICK_TIMEOUT_S)
                self._reconnected = True
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            self._drop()  # open again next time: the file may have been replaced
            return None

    def changed(self) -> bool:
        """Has anyone committed since the last call (or :meth:`mark_seen`)?

        Versions are counted per connection: after opening a new one (the old one failed),
        the first answer is yes, as what happened in between is unknown.
        """
        with self._lock:
            version = self._version()
            if version is None:
                return False
            news = version != self._seen or self._reconnected
            self._seen, self._reconnected = version, False
            return news

    def newest_sync(self) -> tuple[int, bool] | None:
        """A mirror's newest sync record: its id, and whether that sync changed anything;
        None when there is none (or it cannot be read just now)."""
        with self._lock:
            if self._version() is None or self._conn is None:
                return None
            try:
                row = self._conn.execute(
                    "SELECT id, counts FROM sync_run ORDER BY id DESC LIMIT 1").fetchone()
                counts = json.loads(row[1]) if row else None
            except (sqlite3.Error, ValueError):
                return None
        if row is None or not isinstance(counts, dict):
            return None
        changed = any(isinstance(c, dict) and any(c.values()) for c in counts.values())
        return int(row[0]), changed

    def replaced(self) -> bool:
        """Does the path name another file than the one opened, or none? (Another program
        replaced or removed the store: what the app shows and writes is not there.)"""
        return current_id(self.path) != self.opened

    def mark_seen(self, *, wait: bool = True) -> None:
        """Our own write is already shown: don't count it as news. ``wait`` False: unless
        another thread is asking just now (then it stays news)."""
        if not self._lock.acquire(blocking=wait):
            return
        try:
            version = self._version()
            if version is not None:
                self._seen, self._reconnected = version, False
        finally:
            self._lock.release()

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def close(self) -> None:
        """Stop watching: closes the connection (a question under way ends first)."""
        with self._lock:
            self._closed = True
            self._drop()
