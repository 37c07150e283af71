"""Keeping the screen live while others write to the store.

Every 0.3 s the app asks the store whether anyone has committed (``PRAGMA data_version``
on a connection of its own: see :mod:`licscreen.store.watch`). When nothing changed nothing is
read; when something did, the app publishes :class:`StoreChange` on its ``store_changed``
signal and every pane and screen that shows store data reads it again in its workers, keeping
its cursor on the same item. The app's own writes publish the part they changed at once, and
the commit is then marked as seen.

When another program replaces or removes the store file (``licscreen init --force`` refuses
while the app has it open, but any program may), the app says so once and stops following it;
its writes are refused from then on (:class:`licscreen.store.StoreReplaced`).
"""

from __future__ import annotations

from enum import Flag, auto
from pathlib import Path
from typing import TYPE_CHECKING

from licscreen.i18n import _
from licscreen.present.text import clean
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
                 interval: float = POLL_S, opened: tuple[int, int] | None = None) -> None:
        self.app = app
        self.signal = signal
        self.path = path
        self.interval = interval
        self.opened = opened  # the file the app opened (device, inode): None, the one there
        self.watcher: StoreWatcher | None = None
        self._timer: Timer | None = None

    def start(self) -> None:
        self.watcher = StoreWatcher(self.path, self.opened)
        self._timer = self.app.set_interval(self.interval, self.poll, name="live-refresh")

    def poll(self) -> None:
        if self.watcher is None:
            return
        if self.watcher.replaced():
            self.stop()
            self.watcher = None
            self.app.notify(
                clean(_("{path} was replaced or removed by another program. What you see is the "
                        "store as it was; nothing more can be saved to it. Start licscreen "
                        "again to open the store there now.").format(path=self.path)),
                title=_("The store was replaced"), severity="error", timeout=60,
                markup=False)
            return
        if self.watcher.changed():
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
