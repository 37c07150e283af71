"""The conditions ``licscreen check`` has looked for from the start: expiry, over-assigned and
full licences, plan restrictions, metered services, failed system events, a mirror's sync."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta

from licscreen.checks.result import Finding, Kind, Perf, State, number, share, text
from licscreen.checks.seats import FreeLimit
from licscreen.i18n import _, ngettext
from licscreen.present.amounts import fmt_amount, fmt_percent
from licscreen.present.labels import restriction_name, service_name
from licscreen.present.mirror import source_label
from licscreen.present.time import fmt_duration
from licscreen.store import RESTRICTION_WARNING, Level, Licence, Owner, Summary


@dataclass(frozen=True, slots=True)
class Thresholds:
    warn_days: int = 30  # an owner's licence expiring in this many days or fewer: WARNING
    crit_days: int = 7  # ... in this many days or fewer, or expired: CRITICAL
    failed_days: int = 7  # failed system events of this many days back count
    sync_warn: int = 3600  # a mirror's last sync older than this many seconds: WARNING
    sync_crit: int = 86_400  # ... CRITICAL
    free_warn: FreeLimit | None = None  # a licence with this many free or fewer: WARNING
    free_crit: FreeLimit | None = None  # ... CRITICAL
    full_warn: int | None = None  # a licence forecast to be full within this many days: WARNING
    maintenance_days: int | None = None  # maintenance ending within this many days: WARNING


@dataclass(frozen=True, slots=True)
class MirrorSync:
    """A mirror's source (without credentials) and its last sync's age (None: never)."""

    source: str
    age: timedelta | None


def expiry_words(owner: Owner, days: int) -> str:
    name = text(owner.name)
    if days < 0:
        return ngettext("{owner} expired {n} day ago", "{owner} expired {n} days ago",
                        -days).format(owner=name, n=-days)
    if days == 0:
        return _("{owner} expires today").format(owner=name)
    return ngettext("{owner} expires in {n} day", "{owner} expires in {n} days",
                    days).format(owner=name, n=days)


def check_expiry(summary: Summary, limits: Thresholds) -> tuple[list[Finding], list[Perf]]:
    today = summary.now.astimezone().date()
    findings, perf = [], []
    for entry in summary.owners:
        owner = entry.owner
        days = owner.days_left(today)
        if days is None or owner.expires is None:
            findings.append(Finding(State.OK, Kind.EXPIRY, "", _("{owner} never expires").format(
                owner=text(owner.name))))
            continue
        state = (State.CRITICAL if days < 0 or days <= limits.crit_days
                 else State.WARNING if days <= limits.warn_days else State.OK)
        words = expiry_words(owner, days)
        detail = _("{words} ({date})").format(words=words, date=owner.expires.isoformat())
        findings.append(Finding(state, Kind.EXPIRY, words, detail))
        perf.append(Perf(f"expiry_days_{owner.name}", days,
                         f"@~:{limits.warn_days}", f"@~:{limits.crit_days}"))
    return findings, perf


def licence_words(lic: Licence) -> tuple[str, str]:
    """A licence's item (name in/total) and its full name with owner and code."""
    item = f"{text(lic.description)} {lic.in_use}/{lic.total}"
    full = f"{text(lic.description)} ({text(lic.owner)}/{text(lic.name)})"
    return item, full


def check_licences(summary: Summary) -> list[Finding]:
    findings = []
    for entry in summary.owners:
        for lic in entry.over_assigned:
            item, full = licence_words(lic)
            detail = _("{licence} is over-assigned: {used} in use, {total} licences").format(
                licence=full, used=lic.in_use, total=lic.total)
            findings.append(Finding(State.CRITICAL, Kind.OVER_ASSIGNED, item, detail))
        for lic in entry.full:
            item, full = licence_words(lic)
            detail = _("{licence} is full: all {total} licences in use").format(
                licence=full, total=lic.total)
            findings.append(Finding(State.WARNING, Kind.FULL, item, detail))
    return findings


def check_restrictions(summary: Summary) -> tuple[list[Finding], list[Perf]]:
    findings, perf = [], []
    restrictions = summary.installation.restrictions if summary.installation else ()
    for res in restrictions:
        if res.limit is None or res.ratio is None:  # unlimited, or not in the plan
            continue
        name = text(restriction_name(res.name))
        perf.append(Perf(f"restriction_{res.name}", res.current,
                         f"@{number(res.limit * RESTRICTION_WARNING)}:", f"@{res.limit}:",
                         0, res.limit))
        if res.level is Level.NORMAL:
            continue
        state = State.CRITICAL if res.level is Level.ERROR else State.WARNING
        words = (_("blocked at its limit") if state is State.CRITICAL
                 else _("near its limit"))
        detail = _("plan restriction {name}: {current} of {limit} ({percent}), {words}").format(
            name=name, current=res.current, limit=res.limit, percent=fmt_percent(res.ratio),
            words=words)
        findings.append(Finding(state, Kind.RESTRICTION, f"{name} {res.current}/{res.limit}",
                                detail))
    return findings, perf


def check_consumption(summary: Summary) -> tuple[list[Finding], list[Perf]]:
    findings, perf = [], []
    for row in summary.consumption:
        service, unit = row.service, ("B" if row.service.unit == "bytes" else "")
        name = text(service_name(service.key, service.name))
        perf.append(Perf(f"consumption_{service.key}", row.used, number(row.included), "",
                         0, uom=unit))
        projected = row.projection.amount if row.projection else row.used
        perf.append(Perf(f"consumption_{service.key}_projected", round(projected, 2),
                         number(row.included), "", 0, uom=unit))
        figures = dict(name=name, used=fmt_amount(row.used, service.unit),
                       included=fmt_amount(row.included, service.unit),
                       projected=fmt_amount(projected, service.unit))
        if row.is_over:
            detail = _("{name} is over its threshold this month: {used} used, "
                       "{included} included").format(**figures)
            findings.append(Finding(State.WARNING, Kind.CONSUMPTION_OVER,
                                    f"{name} {share(row.used, row.included)}", detail))
        elif projected > row.included:
            detail = _("{name} is projected to pass its threshold this month: {used} used "
                       "so far, {projected} by the month's end, {included} included").format(
                **figures)
            findings.append(Finding(State.WARNING, Kind.CONSUMPTION_PROJECTED,
                                    f"{name} {share(projected, row.included)}", detail))
    return findings, perf


def check_events(summary: Summary) -> list[Finding]:
    findings = []
    for event in summary.failed_events:
        started = event.activated.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        detail = _("system event {name} ({key}), started {started}, failed: {message}").format(
            name=text(event.name), key=text(event.key), started=started,
            message=text(event.message))
        findings.append(Finding(State.WARNING, Kind.FAILED_EVENT, text(event.key), detail))
    return findings


def check_sync(sync: MirrorSync | None, limits: Thresholds) -> tuple[list[Finding], list[Perf]]:
    """A mirror's last sync, against --sync-warn and --sync-crit; nothing for a standalone
    store."""
    if sync is None:
        return [], []
    source = text(source_label(sync.source))
    if sync.age is None:
        words = _("mirror of {source} never synced").format(source=source)
        return [Finding(State.CRITICAL, Kind.SYNC_AGE, words, words)], []
    seconds = int(sync.age.total_seconds())
    state = (State.CRITICAL if seconds > limits.sync_crit else  # older than: as the perfdata
             State.WARNING if seconds > limits.sync_warn else State.OK)
    words = _("mirror of {source} last synced {duration} ago").format(
        source=source, duration=fmt_duration(seconds // 60))
    perf = Perf("sync_age", seconds, str(limits.sync_warn), str(limits.sync_crit), 0, uom="s")
    return [Finding(state, Kind.SYNC_AGE, words, words)], [perf]


