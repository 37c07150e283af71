"""Metered services: what was used, what was included, what the overage costs.

The model (``docs/data-format.md``, and the seed page): a month's *included* amount is
``base + per_user × users that month``; *over* is ``max(0, used − included)``; the *charge* is
``over / price_per × price`` in the installation's currency, billed on the next invoice.

For the current, partial month a *projection* to month end is made at the month's rate so far:
counted services (e-mails, logins, chats, forms) are scaled by the share of the month that has
passed; storage, a level rather than a count, continues its growth since the previous month's
end at the same pace.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from licscreen.store.models import MeteredService, MonthlyUsage


def month_key(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m")


def shift_month(month: str, by: int) -> str:
    year, number = map(int, month.split("-"))
    index = year * 12 + number - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def elapsed_share(month: str, now: datetime) -> float:
    """How much of ``month`` has passed at ``now``: 0 before it, 1 after it."""
    year, number = map(int, month.split("-"))
    start = datetime(year, number, 1, tzinfo=UTC)
    length = calendar.monthrange(year, number)[1] * 86400
    share = (now.astimezone(UTC) - start).total_seconds() / length
    return min(1.0, max(0.0, share))


@dataclass(frozen=True, slots=True)
class Projection:
    amount: float
    over: float
    charge: float
    ratio: float | None


@dataclass(frozen=True, slots=True)
class ServiceMonth:
    """One service in one month, with the arithmetic done."""

    service: MeteredService
    month: str
    used: float
    users: int
    included: float
    over: float
    charge: float
    projection: Projection | None  # only for the current, partial month

    @property
    def ratio(self) -> float | None:
        """Used as a share of included; None when nothing is included."""
        return self.used / self.included if self.included > 0 else None

    @property
    def is_over(self) -> bool:
        return self.over > 0


def charge_for(service: MeteredService, over: float) -> float:
    return round(over / service.price_per * service.price, 2)


def figures(
    service: MeteredService,
    month: str,
    usage: MonthlyUsage | None,
    previous: MonthlyUsage | None = None,
    now: datetime | None = None,
) -> ServiceMonth:
    used = usage.amount if usage else 0.0
    users = usage.users if usage else (previous.users if previous else 0)
    included = service.included(users)
    over = max(0.0, used - included)
    projection = None
    if now is not None and month == month_key(now):
        share = elapsed_share(month, now)
        if service.unit == "bytes":
            start = previous.amount if previous else used
            amount = start + (used - start) / share if share > 0 else used
        else:
            amount = used / share if share > 0 else used
        amount = max(amount, used)
        p_over = max(0.0, amount - included)
        projection = Projection(
            amount=amount,
            over=p_over,
            charge=charge_for(service, p_over),
            ratio=amount / included if included > 0 else None,
        )
    return ServiceMonth(service, month, used, users, included, over, charge_for(service, over),
                        projection)


def month_figures(
    services: list[MeteredService], usage: list[MonthlyUsage], month: str,
    now: datetime | None = None,
) -> list[ServiceMonth]:
    """Every service's figures for ``month`` (a projection when it is ``now``'s month)."""
    by_key = {(u.service, u.month): u for u in usage}
    before = shift_month(month, -1)
    return [
        figures(s, month, by_key.get((s.key, month)), by_key.get((s.key, before)), now)
        for s in services
    ]


def invoice_total(rows: Sequence[ServiceMonth]) -> float:
    return round(sum(row.charge for row in rows), 2)


def projected_invoice_total(rows: Sequence[ServiceMonth]) -> float:
    """The invoice at the month's end: projected charges, actual ones for a closed month."""
    return round(sum(r.projection.charge if r.projection else r.charge for r in rows), 2)


def months_ending(month: str, count: int) -> list[str]:
    """``count`` months up to and including ``month``, oldest first."""
    return [shift_month(month, -back) for back in range(count - 1, -1, -1)]


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last``, both included (none when first is later)."""
    months = []
    while first <= last:
        months.append(first)
        first = shift_month(first, 1)
    return months


def service_series(
    service: MeteredService,
    usage: list[MonthlyUsage],
    months: list[str],
    now: datetime | None = None,
) -> list[ServiceMonth]:
    """One service's figures for each of ``months`` (a chart's bars), in that order."""
    by_month = {u.month: u for u in usage if u.service == service.key}
    return [
        figures(service, month, by_month.get(month), by_month.get(shift_month(month, -1)), now)
        for month in months
    ]
