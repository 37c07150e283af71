"""Keeping the screen live while others write to the store.

Every 0.3 s the app asks the store whether anyone has committed (``PRAGMA data_version``
on a connection of its own: see :mod:`licscreen.store.watch`). When nothing changed nothing is
read; when something did, every pane reads the store again in its workers, keeping its cursor
on the same item. The app's own writes are shown at once and then marked as seen.
"""

from __future__ import annotations

from textual.app import App
from textual.timer import Timer

from licscreen.store import StoreWatcher

POLL_S = 0.3  # a commit is on screen well within a second, even on a busy machine


class LiveRefresh:
    def __init__(self, app: App, interval: float = POLL_S) -> None:
        self.app = app
        self.interval = interval
        self.watcher: StoreWatcher | None = None
        self._timer: Timer | None = None

    def start(self) -> None:
        self.watcher = StoreWatcher(self.app.store.path)  # type: ignore[attr-defined]
        self._timer = self.app.set_interval(self.interval, self.poll, name="live-refresh")

    def poll(self) -> None:
        if self.watcher is not None and self.watcher.changed():
            self.app.refresh_from_store()  # type: ignore[attr-defined]

    def written(self) -> None:
        """The app has written and is showing it: that commit is not news."""
        if self.watcher is not None:
            self.watcher.mark_seen()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self.watcher is not None:
            self.watcher.close()
