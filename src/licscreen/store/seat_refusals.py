"""The refusals of seat changes (store/seats.py): each a one-line :class:`StoreError`; the
change that raises one writes nothing."""

from __future__ import annotations

from licscreen.store.errors import StoreError


class SeatRefused(StoreError):
    """The change breaks one of the licence rules; nothing was written."""


class NoFreeSeat(SeatRefused):
    pass


class MissingPrerequisite(SeatRefused):
    pass


class StillRequired(SeatRefused):
    pass


class HiddenLicence(SeatRefused):
    pass


class OnePlanOnly(SeatRefused):
    pass


class RetiredUser(SeatRefused):
    pass


class UnknownUser(SeatRefused):
    pass


class NotHeld(SeatRefused):
    pass


class AlreadyHeld(SeatRefused):
    pass
