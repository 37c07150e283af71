"""Every condition at once: the findings, the worst state, the status line's words."""

from __future__ import annotations

from collections.abc import Mapping

from licscreen.checks.conditions import (
    MirrorSync,
    Thresholds,
    check_consumption,
    check_events,
    check_expiry,
    check_licences,
    check_restrictions,
    check_sync,
)
from licscreen.checks.result import CheckResult, Finding, Kind, Perf, State, unknown
from licscreen.checks.seats import check_forecast, check_free, check_owner_dates, licence_perf
from licscreen.i18n import _
from licscreen.store import Forecast, Summary


def evaluate(summary: Summary, limits: Thresholds | None = None,
             sync: MirrorSync | None = None,
             forecasts: Mapping[int, Forecast | None] | None = None) -> CheckResult:
    """Every condition at once; the worst state wins. ``sync``: the store is a mirror;
    ``forecasts``: each licence's (by id), for ``limits.full_warn``."""
    limits = limits or Thresholds()
    if not summary.owners:
        return unknown(_("the store holds no licences (no licence owners)"))
    expiry, expiry_perf = check_expiry(summary, limits)
    restrictions, restriction_perf = check_restrictions(summary)
    consumption, consumption_perf = check_consumption(summary)
    licences, events = check_licences(summary), check_events(summary)
    synced, sync_perf = check_sync(sync, limits)
    seats = check_free(summary, limits.free_warn, limits.free_crit)
    if limits.full_warn is not None and forecasts is not None:
        seats += check_forecast(summary, forecasts, limits.full_warn)
    dates = check_owner_dates(summary, limits.warn_days, limits.crit_days,
                              limits.maintenance_days)
    findings = licences + seats + expiry + dates + restrictions + consumption + events + synced
    problems = [f for f in findings if f.state is not State.OK]
    state = max((f.state for f in problems), default=State.OK)
    first_perf = (
        Perf("over_assigned", sum(f.kind is Kind.OVER_ASSIGNED for f in findings), "", "0", 0),
        Perf("full", sum(f.kind is Kind.FULL for f in findings), "0", "", 0),
        Perf("failed_events", len(events), "0", "", 0),
        *sync_perf,
    )
    return CheckResult(state, status_words(summary, problems), tuple(findings), first_perf,
                       tuple(expiry_perf + restriction_perf + consumption_perf
                             + licence_perf(summary, limits.free_warn, limits.free_crit)))


def status_words(summary: Summary, problems: list[Finding]) -> str:
    """The worst problems first, findings of one kind and state together."""
    if not problems:
        licences = sum(len(entry.licences) for entry in summary.owners)
        return _("all checks passed ({owners} licence owners, {licences} licences)").format(
            owners=len(summary.owners), licences=licences)
    groups: dict[tuple[State, Kind], list[str]] = {}
    kinds = list(Kind)
    for finding in sorted(problems, key=lambda f: (-f.state, kinds.index(f.kind))):
        groups.setdefault((finding.state, finding.kind), []).append(finding.item)
    return "; ".join(kind.headline(state, items) for (state, kind), items in groups.items())
