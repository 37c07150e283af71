"""Ctrl+P → Sync now: a mirror of a named installation (the config file's) synced from the
app, in a thread; its changes then show through the live refresh like another process's sync.

The secret comes from its variable only (LICSCREEN_SO_PASSWORD, …): the app has no prompt for
it. A failure is one notification line; the store is left as it was.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from licscreen.i18n import _
from licscreen.installations import ConfigError, Installation, read_installations
from licscreen.present.text import clean
from licscreen.tui.context import app_of
from licscreen.tui.literal import literal_markup

if TYPE_CHECKING:
    from licscreen.tui.app import LicScreenApp


def installation_of(store: Path) -> Installation | None:
    """The named installation whose store is ``store``; None when there is none (or the
    config file cannot be read: `licscreen installations` says why)."""
    try:
        known = read_installations()
    except ConfigError:
        return None
    for installation in known.values():
        try:
            if installation.store.exists() and installation.store.samefile(store):
                return installation
        except OSError:
            continue
    return None


def sync_now(app: LicScreenApp, installation: Installation) -> None:
    """Run one sync of ``installation`` in a thread worker; say how it went."""
    app.notify(_("Syncing {name} from {source}…").format(
        name=installation.name, source=installation.source), timeout=3, markup=False)
    app.run_worker(lambda: _sync(app, installation), name="sync_now", group="sync-now",
                   thread=True, exclusive=True, exit_on_error=False)


def _sync(app: LicScreenApp, installation: Installation) -> None:
    from licscreen.store import StoreError
    from licscreen.sync.errors import SyncError
    from licscreen.sync.once import Source, sync_once

    try:
        _snapshot, result = sync_once(app.store.path, Source.of(installation), now=app.now())
    except (SyncError, StoreError) as error:
        app.call_from_thread(app.notify, clean(str(error), one_line=True),
                             title=_("Sync failed"), severity="error", timeout=10, markup=False)
        return
    totals = {k: sum(c[k] for c in result.counts.values()) for k in ("added", "changed",
                                                                      "removed")}
    app.call_from_thread(app.notify, _("Synced {name}: {added} added, {changed} changed, "
                                       "{removed} removed").format(name=installation.name,
                                                                   **totals),
                         timeout=5, markup=False)


class SyncCommands(Provider):
    """"Sync now", when the store is a named installation's mirror."""

    async def startup(self) -> None:
        self.installation = await asyncio.to_thread(installation_of, app_of(self).store.path)

    def _title(self, installation: Installation) -> str:
        return literal_markup(_("Sync now: {name}").format(name=installation.name))

    def _help(self, installation: Installation) -> str:
        return literal_markup(_("Read {source} into this mirror").format(
            source=installation.source))

    async def discover(self) -> Hits:
        if self.installation is not None:
            yield DiscoveryHit(self._title(self.installation), self._run,
                               help=self._help(self.installation))

    async def search(self, query: str) -> Hits:
        if self.installation is None:
            return
        title = self._title(self.installation)
        score = self.matcher(query).match(title)
        if score > 0:
            yield Hit(score, self.matcher(query).highlight(title), self._run,
                      help=self._help(self.installation))

    def _run(self) -> None:
        if self.installation is not None:
            sync_now(app_of(self), self.installation)
