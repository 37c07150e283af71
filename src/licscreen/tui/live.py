"""Keeping the screen live while others write to the store.

Every 0.3 s the app asks the store whether anyone has committed (``PRAGMA data_version``
on a connection of its own: see :mod:`licscreen.store.watch`). When nothing changed nothing is
read; when something did, the app publishes :class:`StoreChange` on its ``store_changed``
signal and every pane and screen that shows store data reads it again in its workers, keeping
its cursor on the same item. The app's own writes publish the part they changed at once, and
the commit is then marked as seen.
"""

from __future__ import annotations

from enum import Flag, auto
from pathlib import Path
from typing import TYPE_CHECKING

from licscreen.store import StoreWatcher

if TYPE_CHECKING:
    from textual.app import App
    from textual.signal import Signal
    from textual.timer import Timer

POLL_S = 0.3  # a commit is on screen well within a second, even on a busy machine


class StoreChange(Flag):
    """Which parts of the store changed. The app's own writes know; a commit by another
    process could have changed anything."""

    LICENCES = auto()  # owners, licences, holders, licence files and activations
    EVENTS = auto()  # system events
    OTHER = auto()  # the installation and the usage: only other processes write them
    ANYTHING = LICENCES | EVENTS | OTHER


class LiveRefresh:
    """Polls the store for other processes' commits and publishes them on ``signal``."""

    def __init__(self, app: App[None], signal: Signal[StoreChange], path: Path,
                 interval: float = POLL_S) -> None:
        self.app = app
        self.signal = signal
        self.path = path
        self.interval = interval
        self.watcher: StoreWatcher | None = None
        self._timer: Timer | None = None

    def start(self) -> None:
        self.watcher = StoreWatcher(self.path)
        self._timer = self.app.set_interval(self.interval, self.poll, name="live-refresh")

    def poll(self) -> None:
        if self.watcher is not None and self.watcher.changed():
            self.signal.publish(StoreChange.ANYTHING)

    def written(self) -> None:
        """The app has written and is showing it: that commit is not news."""
        if self.watcher is not None:
            self.watcher.mark_seen()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self.watcher is not None:
            self.watcher.close()
