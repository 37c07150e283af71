"""Noticing that someone else wrote to a store, cheaply enough to ask several times a second.

``PRAGMA data_version`` changes when a connection *other than the one asking* commits to the
file. The watcher asks on a connection of its own that never writes, so every commit counts:
another process's, another licscreen's, and the app's own connection's (which the app, having
just written, may mark as seen with :meth:`StoreWatcher.mark_seen`).
"""

from __future__ import annotations

import sqlite3
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
        self._seen = self._version()
        self._reconnected = False

    def _version(self) -> int | None:
        """The file's data version; None when it cannot be read just now."""
        try:
            if self._conn is None:
                uri = self.path.resolve().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                             check_same_thread=False, timeout=QUICK_TIMEOUT_S)
                self._reconnected = True
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            self.close()  # open again next time: the file may have been replaced
            return None

    def changed(self) -> bool:
        """Has anyone committed since the last call (or :meth:`mark_seen`)?

        Versions are counted per connection: after opening a new one (the old one failed),
        the first answer is yes, as what happened in between is unknown.
        """
        version = self._version()
        if version is None:
            return False
        news = version != self._seen or self._reconnected
        self._seen, self._reconnected = version, False
        return news

    def replaced(self) -> bool:
        """Does the path name another file than the one opened, or none? (Another program
        replaced or removed the store: what the app shows and writes is not there.)"""
        return current_id(self.path) != self.opened

    def mark_seen(self) -> None:
        """Our own write is already shown: don't count it as news."""
        version = self._version()
        if version is not None:
            self._seen, self._reconnected = version, False

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

