"""The status line above an owner's licence list: a licence waits, or one was just activated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from licscreen.i18n import _, ngettext
from licscreen.present.time import fmt_time
from licscreen.store.models import Level
from licscreen.tui.context import app_of
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

if TYPE_CHECKING:  # the licence modules load in the worker, off the start-up path
    from licscreen.licence.state import Activation, PendingLicence
    from licscreen.store import Store

RECENT = timedelta(days=14)  # how long "New licence activated" stays


@dataclass
class LicenceStatus(Message):
    owner: str
    pending: PendingLicence | None
    latest: Activation | None


def read_status(store: Store, owner: str) -> LicenceStatus:
    from licscreen.licence.state import history, pending_licences  # read in a worker

    pending = pending_licences(store, owner)
    latest = history(store, owner, 0, 1)
    return LicenceStatus(owner, pending[0] if pending else None, latest[0] if latest else None)


class LicenceStatusLine(ReportWorkerErrors, Static):
    """"Activate new licence" or "New licence activated"; nothing otherwise. A click (or a on
    the tab) opens the activate dialog, or shows what changed."""

    DEFAULT_CSS = """
    LicenceStatusLine { height: auto; padding: 0 1; background: $boost; }
    LicenceStatusLine.-empty { display: none; }
    LicenceStatusLine:hover { text-style: underline; }
    """

    def __init__(self, owner_name: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.owner_name = owner_name
        self.state: str | None = None  # pending | activated | None
        self.add_class("-empty")

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_status(self) -> None:
        status = read_status(app_of(self).store, self.owner_name)
        if not get_current_worker().is_cancelled:
            self.post_message(status)

    def on_licence_status(self, message: LicenceStatus) -> None:
        message.stop()
        now = app_of(self).now()
        if message.pending is not None:
            self.state = "pending"
            self.update(self._pending_text(message.pending))
        elif message.latest is not None and now - message.latest.activated_at <= RECENT:
            self.state = "activated"
            self.update(self._activated_text(message.latest))
        elif self.state is not None:  # (when there was nothing, there is nothing to redraw)
            self.state = None
            self.update("")
        self.set_class(self.state is None, "-empty")

    def _pending_text(self, pending: PendingLicence) -> Text:
        style = level_style(self.app, Level.WARNING)
        text = Text("⚠ " + _("Activate new licence"), style=style)
        over = len(pending.changes.over_assigned)
        detail = _("version {version} waits").format(version=pending.content.licence_version)
        if over:
            detail += " · " + ngettext("{n} licence over-assigned", "{n} licences over-assigned",
                                       over).format(n=over)
        text.append(f"  {detail}  ")
        text.append(_("(a: review)"), style="dim")
        return text

    def _activated_text(self, latest: Activation) -> Text:
        text = Text("✓ " + _("New licence activated"),
                    style=f"bold {self.app.current_theme.success}")
        text.append("  " + _("version {version}, {when}").format(
            version=latest.licence_version, when=fmt_time(latest.activated_at, app_of(self).now())))
        text.append("  ")
        text.append(_("(a: what changed)"), style="dim")
        return text

    class Clicked(Message):
        """A click on the line: its pane opens what the line tells of."""

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked())
