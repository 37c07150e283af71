"""The seat forecast: where a licence's in-use count is heading, from its daily history.

A rule of the store's models (docs/architecture.md): the app, ``licscreen trend`` and
``licscreen check --full-warn`` all ask this one function, so they agree. No Textual, no words:
``licscreen.present.history`` says it for people.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from math import ceil

from licscreen.store.models import Level, Licence

FIT_DAYS = 90  # the fit looks this far back
LEAST_DAYS = 14  # a fit needs this much history
FLAT = 0.5  # seats over the fit's window: less than this either way is steady
HORIZON = 730  # full further off than this (days) is steady too


@dataclass(frozen=True, slots=True)
class UsageDay:
    """A licence's figures on one day (UTC)."""

    day: date
    in_use: int
    total: int

    @property
    def free(self) -> int:
        return self.total - self.in_use


class Outlook(StrEnum):
    OVER_ASSIGNED = "over_assigned"  # more holders than licences, since a day
    FULL = "full"  # every licence in use, since a day
    FILLING = "filling"  # full in days_to_full at the current rate
    STEADY = "steady"
    FALLING = "falling"
    UNKNOWN = "unknown"  # too little history to say


@dataclass(frozen=True, slots=True)
class Forecast:
    outlook: Outlook
    since: date | None = None  # over-assigned or full since this day
    days_to_full: int | None = None  # filling: full in this many days
    per_day: float = 0.0  # the fit's slope: seats a day

    def full_within(self, days: int) -> bool:
        """Forecast to be full within ``days`` (full or over-assigned already: no)."""
        return self.days_to_full is not None and self.days_to_full <= days

    @property
    def level(self) -> Level:
        if self.outlook is Outlook.OVER_ASSIGNED:
            return Level.ERROR
        if self.outlook is Outlook.FULL or (
                self.days_to_full is not None and self.days_to_full <= 30):
            return Level.WARNING
        return Level.NORMAL


def slope(points: Sequence[tuple[int, int]]) -> float:
    """The least-squares slope of (x, y) points; 0 when x does not vary."""
    n = len(points)
    if n < 2:
        return 0.0
    mean_x = sum(x for x, _y in points) / n
    mean_y = sum(y for _x, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _y in points)
    if spread == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def _run_start(days: Sequence[UsageDay], holds: Callable[[UsageDay], bool]) -> date:
    """The first day of the run of days at the end of ``days`` for which ``holds`` is true."""
    start = days[-1].day
    for entry in reversed(days):
        if not holds(entry):
            break
        start = entry.day
    return start


def as_of_today(licence: Licence, history: Sequence[UsageDay], today: date) -> list[UsageDay]:
    """``history`` up to yesterday, and today as the licence's own figures (read now: what the
    list shows, whatever day a writer without our clock dated its change)."""
    days = [d for d in history if d.day < today]
    days.append(UsageDay(today, licence.in_use, licence.total))
    return days


def forecast(licence: Licence, history: Sequence[UsageDay], today: date) -> Forecast | None:
    """Where ``licence`` is heading; None for an unrestricted one (no counter).

    ``history``: its days, in order, one per day (filled forward: see store/history.py); today
    is the licence's own figures whatever the history's last day says.
    """
    if licence.unrestricted:
        return None
    days = as_of_today(licence, history, today)
    if licence.free < 0:
        return Forecast(Outlook.OVER_ASSIGNED, since=_run_start(days, lambda d: d.free < 0))
    if licence.free == 0:
        return Forecast(Outlook.FULL, since=_run_start(days, lambda d: d.free == 0))
    start = today - timedelta(days=FIT_DAYS - 1)
    window = [d for d in days if d.day >= start]
    if (today - window[0].day).days + 1 < LEAST_DAYS:
        return Forecast(Outlook.UNKNOWN)
    rate = slope([((d.day - today).days, d.in_use) for d in window])
    if abs(rate) * FIT_DAYS < FLAT:
        return Forecast(Outlook.STEADY, per_day=rate)
    if rate < 0:
        return Forecast(Outlook.FALLING, per_day=rate)
    to_full = ceil(licence.free / rate)
    if to_full > HORIZON:
        return Forecast(Outlook.STEADY, per_day=rate)
    return Forecast(Outlook.FILLING, days_to_full=to_full, per_day=rate)
