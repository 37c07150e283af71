"""Keeping the screen live while others write to the store.

Every 0.3 s a thread of the app's asks the store whether anyone has committed (``PRAGMA
data_version`` on a connection of its own: see :mod:`licscreen.store.watch`), so that the UI
never waits for the file, however busy it is. When nothing changed nothing is read; when
something did, the app publishes :class:`StoreChange` on its ``store_changed`` signal, once
however many commits there were, and every pane and screen that shows store data reads it again
in its workers, keeping its cursor on the same item (a pane whose read is still under way reads
once more after it: see ``tui.events.messages``). The app's own writes publish the part they
changed at once, and the commit is then marked as seen.

When another program replaces or removes the store file (``licscreen init --force`` refuses
while the app has it open, but any program may), the app says so once and stops following it;
its writes are refused from then on (:class:`licscreen.store.StoreReplaced`).
"""

from __future__ import annotations

import threading
from enum import Flag, auto
from pathlib import Path
from typing import TYPE_CHECKING

from licscreen.i18n import _
from licscreen.present.text import clean
from licscreen.store import StoreWatcher

if TYPE_CHECKING:
    from textual.app import App
    from textual.signal import Signal

POLL_S = 0.3  # a commit is on screen well within a second, even on a busy machine


class StoreChange(Flag):
    """Which parts of the store changed. The app's own writes know; a commit by another
    process could have changed anything."""

    LICENCES = auto()  # owners, licences, holders, licence files and activations
    EVENTS = auto()  # system events
    OTHER = auto()  # the installation and the usage: only other processes write them
    SYNCED = auto()  # a mirror's sync that found nothing new: only its record (the header)
    ANYTHING = LICENCES | EVENTS | OTHER | SYNCED


class LiveRefresh:
    """Polls the store for other processes' commits and publishes them on ``signal``."""

    def __init__(self, app: App[None], signal: Signal[StoreChange], path: Path,
                 interval: float = POLL_S, opened: tuple[int, int] | None = None) -> None:
        self.app = app
        self.signal = signal
        self.path = path
        self.interval = interval
        self.opened = opened  # the file the app opened (device, inode): None, the one there
        self.watcher: StoreWatcher | None = None
        self._sync: tuple[int, bool] | None = None  # a mirror's newest sync record
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.watcher = StoreWatcher(self.path, self.opened)
        self._sync = self.watcher.newest_sync()
        self._thread = threading.Thread(target=self._watch, name="live-refresh", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            self.poll()

    def poll(self) -> None:
        """Was the store replaced, or has anyone committed? Then say so, on the app's thread."""
        watcher = self.watcher
        if watcher is None or self._stop.is_set():
            return
        if watcher.replaced():
            self._stop.set()
            self.app.call_later(self._replaced)  # thread-safe
            return
        if watcher.changed() and not self._stop.is_set():
            self.app.call_later(self.signal.publish, self._what_changed(watcher))  # thread-safe

    def _what_changed(self, watcher: StoreWatcher) -> StoreChange:
        """A commit: anything, unless it is one sync that found nothing new (it wrote only its
        record; a mirror's only other writer, ``usage import``, is rarely at the same moment)."""
        last, self._sync = self._sync, watcher.newest_sync()
        if last is not None and self._sync is not None and self._sync[0] == last[0] + 1 and (
                not self._sync[1]):
            return StoreChange.SYNCED
        return StoreChange.ANYTHING

    def _replaced(self) -> None:
        self.stop()
        self.watcher = None
        self.app.notify(
            clean(_("{path} was replaced or removed by another program. What you see is the "
                    "store as it was; nothing more can be saved to it. Start licscreen "
                    "again to open the store there now.").format(path=self.path)),
            title=_("The store was replaced"), severity="error", timeout=60, markup=False)

    def written(self) -> None:
        """The app has written and is showing it: that commit is not news (unless the
        watcher is busy asking just now: then it is news, and read once more)."""
        if self.watcher is not None:
            self.watcher.mark_seen(wait=False)

    def stop(self) -> None:
        self._stop.set()
        if self.watcher is not None:
            self.watcher.close()
