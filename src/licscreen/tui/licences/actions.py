"""The app's keys for updating licences: load a file, review and activate, history, purchase.

Mixed into :class:`licscreen.tui.app.LicScreenApp`; the keys work on a licence owner's tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.widgets import TabbedContent

from licscreen.i18n import N_, _, ngettext
from licscreen.present.text import clean
from licscreen.tui.licences.status_line import read_status
from licscreen.tui.live import StoreChange

if TYPE_CHECKING:  # the signing code (cryptography) loads with the dialogs, not at start-up
    from licscreen.licence.state import Activation
    from licscreen.licence.update import LoadResult
    from licscreen.tui.app import LicScreenApp
    from licscreen.tui.licences.status_line import LicenceStatus

LICENCE_BINDINGS = [
    Binding("l", "load_licence", N_("Load licence")),
    Binding("a", "licence_update", N_("Activate / what changed"), show=False),
    Binding("h", "licence_history", N_("History"),
            tooltip=N_("The history of licence activations")),
    Binding("p", "purchase_licences", N_("Purchase licences"), show=False),
]
LICENCE_ACTIONS = frozenset(b.action for b in LICENCE_BINDINGS)
OWNER_TAB_PREFIX = "owner-"


class LicenceActions:
    """Actions of the licence update flow (methods of the app)."""

    @property
    def app_(self) -> LicScreenApp:
        """``self``, the app this is mixed into, as the type checker should see it."""
        return cast("LicScreenApp", self)

    def licence_action_allowed(self) -> bool:
        """On a licence owner's tab, with no dialog open."""
        if self.app_.screen is not self.app_.screen_stack[0]:
            return False
        return self.active_owner() is not None

    def active_owner(self) -> str | None:
        try:
            active = self.app_.query_one(TabbedContent).active
        except NoMatches:
            return None
        if not active.startswith(OWNER_TAB_PREFIX):
            return None
        return next((o.name for o in self.app_.owners
                     if OWNER_TAB_PREFIX + o.name.lower() == active), None)

    def action_load_licence(self) -> None:
        from licscreen.tui.licences.load import LoadLicenceScreen

        self.app_.push_screen(LoadLicenceScreen(), self._licence_loaded)

    def _licence_loaded(self, result: LoadResult | None) -> None:
        if result is None:
            return
        changes = result.changes
        self.licence_changed()
        tab = OWNER_TAB_PREFIX + changes.owner.lower()
        if result.activated is not None:
            self.app_.notify(clean(_("{owner}: licence version {version} is active.").format(
                owner=changes.description, version=changes.new_version), one_line=True),
                title=_("New licence activated"))
            self._show_owner_tab(tab)
            return
        over = len(changes.over_assigned)
        self.app_.notify(ngettext(
            "{n} licence would be over-assigned: remove holders, then activate.",
            "{n} licences would be over-assigned: remove holders, then activate.",
            over).format(n=over), title=_("Activate new licence"), severity="warning")
        self._show_owner_tab(tab)
        self._open_activate(changes.owner)

    def _show_owner_tab(self, tab: str) -> None:
        tabs = self.app_.query_one(TabbedContent)
        if tab != tabs.active and tab in self.app_.tab_ids():
            tabs.active = tab

    def _open_activate(self, owner: str) -> None:
        from licscreen.tui.licences.activate import ActivateScreen

        self.app_.push_screen(ActivateScreen(owner), self._activated)

    def _activated(self, done: Activation | None) -> None:
        if done is None:
            self.licence_changed()  # the status line shows what still waits
            return
        self.licence_changed()
        self.app_.notify(clean(_("{owner}: licence version {version} is active.").format(
            owner=done.changes.description, version=done.licence_version), one_line=True),
            title=_("New licence activated"))

    def action_licence_update(self) -> None:
        """Review and activate the licence that waits, or see what the last one changed."""
        owner = self.active_owner()
        if owner is not None:
            self._read_licence_status(owner)

    @work(thread=True, exclusive=True, group="licence-status", exit_on_error=False)
    def _read_licence_status(self, owner: str) -> None:
        status = read_status(self.app_.store, owner)
        self.app_.call_from_thread(self._show_licence_status, status)

    def _show_licence_status(self, status: LicenceStatus) -> None:
        from licscreen.tui.licences.history import HistoryScreen

        if status.pending is not None:
            self._open_activate(status.owner)
        elif status.latest is not None:
            self.app_.push_screen(HistoryScreen(select=status.latest.id))
        else:
            self.app_.notify(_("No new licence. Press l to load a licence file."),
                        timeout=4)

    def action_licence_history(self) -> None:
        from licscreen.tui.licences.history import HistoryScreen

        self.app_.push_screen(HistoryScreen())

    def action_purchase_licences(self) -> None:
        from licscreen.tui.licences.purchase import PurchaseScreen

        self.app_.push_screen(PurchaseScreen())

    def licence_changed(self) -> None:
        """Everything that shows licences reads them again: tabs, lists, status lines."""
        self.app_.store_changed.publish(StoreChange.LICENCES)
