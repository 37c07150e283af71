"""What ``licscreen check`` says: the states, the kinds of finding, the findings, the
performance data, and the plugin's lines (Nagios, Icinga): a status line with performance data,
detail lines, then more performance data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum

from licscreen.i18n import _, ngettext
from licscreen.present.amounts import fmt_percent
from licscreen.present.text import clean

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
    GRACE = "grace"
    RESTRICTION = "restriction"
    FULL = "full"
    FEW_FREE = "few_free"
    FULL_SOON = "full_soon"
    MAINTENANCE = "maintenance"
    CONSUMPTION_OVER = "consumption_over"
    CONSUMPTION_PROJECTED = "consumption_projected"
    FAILED_EVENT = "failed_event"
    SYNC_AGE = "sync_age"

    def headline(self, state: State, items: list[str]) -> str:
        """The status line's words for findings of this kind and state."""
        n, listed = len(items), ", ".join(items)
        if self in (Kind.EXPIRY, Kind.GRACE, Kind.MAINTENANCE, Kind.SYNC_AGE):
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
            Kind.FEW_FREE: ngettext("{n} licence with few free ({items})",
                                    "{n} licences with few free ({items})", n),
            Kind.FULL_SOON: ngettext("{n} licence forecast to be full soon ({items})",
                                     "{n} licences forecast to be full soon ({items})", n),
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


