"""The licence update flow after its keys (on :class:`~licscreen.tui.licences.owner_pane.
OwnerPane`): load a file, review and activate, and what the app says about it.

Plain functions of the app: a licence file may be for another owner than the tab it was loaded
from, so what follows a load goes to that owner's tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from licscreen.i18n import _, ngettext
from licscreen.present.text import clean
from licscreen.tui.live import StoreChange

if TYPE_CHECKING:  # the signing code (cryptography) loads with the dialogs, not at start-up
    from licscreen.licence.state import Activation
    from licscreen.licence.update import LoadResult
    from licscreen.tui.app import LicScreenApp
    from licscreen.tui.licences.status_line import LicenceStatus


def load_licence(app: LicScreenApp) -> None:
    """Ask for a licence file and load it."""
    from licscreen.tui.licences.load import LoadLicenceScreen

    app.push_screen(LoadLicenceScreen(), lambda result: _loaded(app, result))


def _loaded(app: LicScreenApp, result: LoadResult | None) -> None:
    if result is None:
        return
    changes = result.changes
    app.store_changed.publish(StoreChange.LICENCES)
    if result.activated is not None:
        app.notify(clean(_("{owner}: licence version {version} is active.").format(
            owner=changes.description, version=changes.new_version), one_line=True),
            title=_("New licence activated"), markup=False)
        app.show_owner_tab(changes.owner)
        return
    over = len(changes.over_assigned)
    app.notify(ngettext(
        "{n} licence would be over-assigned: remove holders, then activate.",
        "{n} licences would be over-assigned: remove holders, then activate.",
        over).format(n=over), title=_("Activate new licence"), severity="warning")
    app.show_owner_tab(changes.owner)
    open_activate(app, changes.owner)


def open_activate(app: LicScreenApp, owner: str) -> None:
    """Review the licence that waits for ``owner`` and activate it."""
    from licscreen.tui.licences.activate import ActivateScreen

    app.push_screen(ActivateScreen(owner), lambda done: _activated(app, done))


def _activated(app: LicScreenApp, done: Activation | None) -> None:
    app.store_changed.publish(StoreChange.LICENCES)  # cancelled: the status line shows it waits
    if done is not None:
        app.notify(clean(_("{owner}: licence version {version} is active.").format(
            owner=done.changes.description, version=done.licence_version), one_line=True),
            title=_("New licence activated"), markup=False)


def show_licence_status(app: LicScreenApp, status: LicenceStatus) -> None:
    """The licence that waits, else what the last one changed, else how to load one."""
    from licscreen.tui.licences.history import HistoryScreen

    if status.pending is not None:
        open_activate(app, status.owner)
    elif status.latest is not None:
        app.push_screen(HistoryScreen(select=status.latest.id))
    else:
        app.notify(_("No new licence. Press l to load a licence file."), timeout=4)
