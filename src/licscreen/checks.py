"""What ``licscreen check`` concludes from a store's :class:`~licscreen.store.summary.Summary`.

Pure logic, no printing: conditions become findings (OK, WARNING, CRITICAL), the worst one is
the result, and :meth:`CheckResult.lines` writes it the way monitoring plugins do (Nagios,
Icinga): a status line with performance data, detail lines, then more performance data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta
from enum import Enum, IntEnum

from licscreen.i18n import _, ngettext
from licscreen.present.amounts import fmt_amount, fmt_percent
from licscreen.present.labels import restriction_name, service_name
from licscreen.present.mirror import source_label
from licscreen.present.text import clean
from licscreen.present.time import fmt_duration
from licscreen.store import RESTRICTION_WARNING, Level, Licence, Owner, Summary

PLUGIN = "LICSCREEN"


class State(IntEnum):
    """The monitoring-plugin states; the value is the exit code."""

    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


class Kind(Enum):
    """A condition ``check`` looks for, in the order the status line lists them."""

    OVER_ASSIGNED = "over_assigned"
    EXPIRY = "expiry"
    RESTRICTION = "restriction"
    FULL = "full"
    CONSUMPTION_OVER = "consumption_over"
    CONSUMPTION_PROJECTED = "consumption_projected"
    FAILED_EVENT = "failed_event"
    SYNC_AGE = "sync_age"

    def headline(self, state: State, items: list[str]) -> str:
        """The status line's words for findings of this kind and state."""
        n, listed = len(items), ", ".join(items)
        if self in (Kind.EXPIRY, Kind.SYNC_AGE):
            return "; ".join(items)
        if self is Kind.RESTRICTION and state is State.CRITICAL:
            return ngettext("{n} plan restriction at its limit ({items})",
                            "{n} plan restrictions at their limits ({items})", n).format(
                n=n, items=listed)
        forms = {
            Kind.OVER_ASSIGNED: ngettext("{n} licence over-assigned ({items})",
                                         "{n} licences over-assigned ({items})", n),
            Kind.RESTRICTION: ngettext("{n} plan restriction at 85 % or more ({items})",
                                       "{n} plan restrictions at 85 % or more ({items})", n),
            Kind.FULL: ngettext("{n} licence full ({items})", "{n} licences full ({items})", n),
            Kind.CONSUMPTION_OVER: ngettext(
                "{n} metered service over its threshold ({items})",
                "{n} metered services over their thresholds ({items})", n),
            Kind.CONSUMPTION_PROJECTED: ngettext(
                "{n} metered service projected to pass its threshold ({items})",
                "{n} metered services projected to pass their thresholds ({items})", n),
            Kind.FAILED_EVENT: ngettext("{n} failed system event ({items})",
                                        "{n} failed system events ({items})", n),
        }
        return forms[self].format(n=n, items=listed)


@dataclass(frozen=True, slots=True)
class Thresholds:
    warn_days: int = 30  # an owner's licence expiring in this many days or fewer: WARNING
    crit_days: int = 7  # ... in this many days or fewer, or expired: CRITICAL
    failed_days: int = 7  # failed system events of this many days back count
    sync_warn: int = 3600  # a mirror's last sync older than this many seconds: WARNING
    sync_crit: int = 86_400  # ... CRITICAL


@dataclass(frozen=True, slots=True)
class MirrorSync:
    """A mirror's source (without credentials) and its last sync's age (None: never)."""

    source: str
    age: timedelta | None


@dataclass(frozen=True, slots=True)
class Finding:
    state: State
    kind: Kind
    item: str  # its words in the status line
    detail: str  # its own line below


@dataclass(frozen=True, slots=True)
class Perf:
    """One performance datum: ``'label'=value[uom];warn;crit;min;max``."""

    label: str
    value: float
    warn: str = ""
    crit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    uom: str = ""

    def __str__(self) -> str:
        label = text(self.label).replace("'", "''").replace("=", "_")
        fields = [f"{number(self.value)}{self.uom}", self.warn, self.crit,
                  number(self.minimum), number(self.maximum)]
        return f"'{label}'=" + ";".join(fields).rstrip(";")


@dataclass(frozen=True, slots=True)
class CheckResult:
    state: State
    summary: str
    findings: tuple[Finding, ...] = ()
    first_perf: tuple[Perf, ...] = ()  # on the status line
    more_perf: tuple[Perf, ...] = ()  # after the details

    def lines(self) -> list[str]:
        """The plugin's output: status line, details, performance data."""
        first = f"{PLUGIN} {self.state.name} - {self.summary}"
        if self.first_perf:
            first += " | " + " ".join(map(str, self.first_perf))
        order = sorted(self.findings, key=lambda f: -f.state)
        lines = [first] + [f"{f.state.name}: {f.detail}" for f in order]
        if self.more_perf:
            lines.append("| " + " ".join(map(str, self.more_perf)))
        return lines


def unknown(reason: str) -> CheckResult:
    return CheckResult(State.UNKNOWN, text(reason))


def text(value: object) -> str:
    """Store text fit for plugin output: one line, no control characters, no '|'."""
    return clean(value, one_line=True).replace("|", "/")


def number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}"


def share(used: float, included: float) -> str:
    """``used`` as a percentage of ``included`` (nothing included: no percentage)."""
    return fmt_percent(used / included) if included > 0 else _("none included")


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


def evaluate(summary: Summary, limits: Thresholds = Thresholds(),
             sync: MirrorSync | None = None) -> CheckResult:
    """Every condition at once; the worst state wins. ``sync``: the store is a mirror."""
    if not summary.owners:
        return unknown(_("the store holds no licences (no licence owners)"))
    expiry, expiry_perf = check_expiry(summary, limits)
    restrictions, restriction_perf = check_restrictions(summary)
    consumption, consumption_perf = check_consumption(summary)
    licences, events = check_licences(summary), check_events(summary)
    synced, sync_perf = check_sync(sync, limits)
    findings = licences + expiry + restrictions + consumption + events + synced
    problems = [f for f in findings if f.state is not State.OK]
    state = max((f.state for f in problems), default=State.OK)
    first_perf = (
        Perf("over_assigned", sum(f.kind is Kind.OVER_ASSIGNED for f in findings), "", "0", 0),
        Perf("full", sum(f.kind is Kind.FULL for f in findings), "0", "", 0),
        Perf("failed_events", len(events), "0", "", 0),
        *sync_perf,
    )
    return CheckResult(state, status_words(summary, problems), tuple(findings), first_perf,
                       tuple(expiry_perf + restriction_perf + consumption_perf))


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
