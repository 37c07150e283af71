"""The command palette's way to the Reclaim and Audit views."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from licscreen.i18n import _

if TYPE_CHECKING:
    from licscreen.tui.app import LicScreenApp


def open_reclaim(app: LicScreenApp) -> None:
    from licscreen.tui.users.reclaim import ReclaimScreen

    if not isinstance(app.screen, ReclaimScreen):
        app.push_screen(ReclaimScreen())


def open_audit(app: LicScreenApp) -> None:
    from licscreen.tui.users.audit import AuditScreen

    if not isinstance(app.screen, AuditScreen):
        app.push_screen(AuditScreen())


def user_commands(app: LicScreenApp) -> Iterator[SystemCommand]:
    yield SystemCommand(_("Reclaim seats"), _("Take licences back from retired, locked-out and "
                        "inactive users"), lambda: open_reclaim(app))
    yield SystemCommand(_("Audit trail"), _("Every change licscreen made to the store, newest "
                        "first"), lambda: open_audit(app))
