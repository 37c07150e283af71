"""The seat and date conditions of ``licscreen check`` (issue 16): free seats against
--free-warn and --free-crit, the forecast against --full-warn, the owners' grace and
maintenance dates, and each licence's in use and total as performance data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from licscreen.checks.result import Finding, Kind, Perf, State, number, text
from licscreen.i18n import _, ngettext
from licscreen.present.history import fmt_about
from licscreen.store import Forecast, Licence, Summary


@dataclass(frozen=True, slots=True)
class FreeLimit:
    """A free-seat threshold: so many seats, or a share of the licence's total."""

    value: int
    percent: bool = False

    def seats(self, total: int) -> float:
        return total * self.value / 100 if self.percent else float(self.value)

    def reached(self, lic: Licence) -> bool:
        """Free seats at the limit or below."""
        return lic.free <= self.seats(lic.total)

    def __str__(self) -> str:
        return f"{self.value} %" if self.percent else str(self.value)


def _full_name(lic: Licence) -> str:
    return f"{text(lic.description)} ({text(lic.owner)}/{text(lic.name)})"


def check_free(summary: Summary, warn: FreeLimit | None,
               crit: FreeLimit | None) -> list[Finding]:
    """Licences with free seats at --free-crit or below (CRITICAL), or at --free-warn or
    below (WARNING); an over-assigned licence is CRITICAL already, and a full one is a
    WARNING already unless --free-crit makes it worse."""
    findings = []
    for entry in summary.owners:
        for lic in entry.counted:
            if lic.free < 0:
                continue
            state = (State.CRITICAL if crit is not None and crit.reached(lic) else
                     State.WARNING if warn is not None and warn.reached(lic) and lic.free > 0
                     else None)
            if state is None:
                continue
            limit = crit if state is State.CRITICAL else warn
            detail = ngettext("{licence} has {n} free of {total} (the limit: {limit})",
                              "{licence} has {n} free of {total} (the limit: {limit})",
                              lic.free).format(licence=_full_name(lic), n=lic.free,
                                               total=lic.total, limit=limit)
            findings.append(Finding(state, Kind.FEW_FREE,
                                    f"{text(lic.description)} {lic.in_use}/{lic.total}", detail))
    return findings


def check_forecast(summary: Summary, forecasts: Mapping[int, Forecast | None],
                   within: int) -> list[Finding]:
    """WARNING for a licence the forecast says is full within ``within`` days."""
    findings = []
    for entry in summary.owners:
        for lic in entry.counted:
            outlook = forecasts.get(lic.id)
            if outlook is None or not outlook.full_within(within):
                continue
            when = fmt_about(outlook.days_to_full or 0)
            detail = _("{licence} is forecast to be full in {time} at the current rate "
                       "({used} of {total} in use)").format(
                licence=_full_name(lic), time=when, used=lic.in_use, total=lic.total)
            findings.append(Finding(State.WARNING, Kind.FULL_SOON,
                                    f"{text(lic.description)} {when}", detail))
    return findings


def check_owner_dates(summary: Summary, warn_days: int, crit_days: int,
                      maintenance_days: int | None) -> list[Finding]:
    """An owner's grace date ('works until') as its expiry is judged (--warn-days,
    --crit-days); its maintenance date ('upgrades until') a WARNING within
    --maintenance-days, or once passed (without it: not checked, as a perpetual licence
    whose maintenance has lapsed on purpose would warn for ever). A date that is fine says
    nothing."""
    today = summary.now.astimezone().date()
    findings = []
    for entry in summary.owners:
        owner, name = entry.owner, text(entry.owner.name)
        if owner.grace_date is not None:
            days = (owner.grace_date - today).days
            state = (State.CRITICAL if days <= crit_days else
                     State.WARNING if days <= warn_days else None)
            if state is not None:
                words = _grace_words(name, days)
                detail = _("{words} ({date})").format(words=words,
                                                      date=owner.grace_date.isoformat())
                findings.append(Finding(state, Kind.GRACE, words, detail))
        if owner.maintenance_date is not None and maintenance_days is not None:
            days = (owner.maintenance_date - today).days
            if days <= maintenance_days:
                words = _maintenance_words(name, days)
                detail = _("{words} ({date})").format(
                    words=words, date=owner.maintenance_date.isoformat())
                findings.append(Finding(State.WARNING, Kind.MAINTENANCE, words, detail))
    return findings


def _when(days: int, past: Callable[[int], str], today: str,
          future: Callable[[int], str]) -> str:
    """The words for a date ``days`` away: passed, today, or to come."""
    return past(-days) if days < 0 else today if days == 0 else future(days)


def _grace_words(owner: str, days: int) -> str:
    return _when(
        days,
        lambda n: ngettext("{owner}'s grace period ended {n} day ago: it no longer works",
                           "{owner}'s grace period ended {n} days ago: it no longer works",
                           n).format(owner=owner, n=n),
        _("{owner}'s grace period ends today").format(owner=owner),
        lambda n: ngettext("{owner}'s grace period ends in {n} day",
                           "{owner}'s grace period ends in {n} days", n).format(owner=owner, n=n))


def _maintenance_words(owner: str, days: int) -> str:
    return _when(
        days,
        lambda n: ngettext("{owner}'s maintenance ended {n} day ago: no upgrades",
                           "{owner}'s maintenance ended {n} days ago: no upgrades",
                           n).format(owner=owner, n=n),
        _("{owner}'s maintenance ends today").format(owner=owner),
        lambda n: ngettext("{owner}'s maintenance ends in {n} day",
                           "{owner}'s maintenance ends in {n} days", n).format(owner=owner, n=n))


def licence_perf(summary: Summary, warn: FreeLimit | None,
                 crit: FreeLimit | None) -> list[Perf]:
    """``in_use_<name>`` (its thresholds: the free-seat limits, by default full and
    over-assigned) and ``total_<name>`` for each licence with a counter; ``<OWNER>/<name>``
    for a code name two owners use."""
    perf = []
    counted = [lic for entry in summary.owners for lic in entry.counted]
    names = Counter(lic.name for lic in counted)
    for lic in counted:
        label = lic.name if names[lic.name] == 1 else f"{lic.owner}/{lic.name}"
        at_warn = lic.total - warn.seats(lic.total) if warn is not None else lic.total
        at_crit = lic.total - crit.seats(lic.total) if crit is not None else lic.total + 1
        perf.append(Perf(f"in_use_{label}", lic.in_use, f"@{number(at_warn)}:",
                         f"@{number(at_crit)}:", 0, lic.total))
        perf.append(Perf(f"total_{label}", lic.total, minimum=0))
    return perf
