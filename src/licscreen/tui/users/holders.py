"""Giving a licence to more users and taking it back from one, from the licence's holders
(the keys are on :class:`~licscreen.tui.licences.detail.LicenceDetail`): the picker, the
question, the write in a worker, and what the app says after it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from licscreen.i18n import _
from licscreen.present.text import clean
from licscreen.tui.live import StoreChange

if TYPE_CHECKING:
    from licscreen.tui.app import LicScreenApp


@dataclass
class SeatsWritten(Message):
    notice: str
    failed: bool


def write_seats(app: LicScreenApp, licence_id: int, user_id: str, *, give: bool) -> SeatsWritten:
    """Give or take back, in the calling worker's thread; the outcome as a message."""
    from licscreen.store import StoreError, assign_seats, unassign_seats  # not at start-up

    try:
        write = assign_seats if give else unassign_seats
        changes = write(app.store, licence_id, [user_id], now=app.now())
    except StoreError as error:
        return SeatsWritten(str(error), failed=True)
    first = changes[0]
    done = _("{user}: {licence} given.") if give else _("{user}: {licence} taken back.")
    return SeatsWritten(done.format(user=first.user_id, licence=first.description), False)


def show_written(app: LicScreenApp, message: SeatsWritten) -> None:
    if message.failed:
        app.notify(clean(message.notice, one_line=True), title=_("Not done"), severity="error",
                   timeout=8, markup=False)
        return
    app.notify(clean(message.notice, one_line=True), timeout=3, markup=False)
    app.live.written()
    app.store_changed.publish(StoreChange.LICENCES)


def may_write(app: LicScreenApp) -> bool:
    if app.store.read_only:
        app.notify(_("The store is read-only: licences cannot be changed."), severity="warning",
                   timeout=5)
        return False
    return True
