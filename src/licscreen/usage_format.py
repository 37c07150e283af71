"""Metered amounts, money and months as people read them. Plain strings: the CLI shares this.

Storage is kept in bytes and shown as GB or MB; the other services are counts, shown with
thousands separators. Money is the installation's currency code and two decimals.
"""

from __future__ import annotations

from datetime import date

from licscreen.i18n import _

GB = 1_000_000_000
MB = 1_000_000


def projection_note() -> str:
    """How a projection is made (see ``consumption.figures``), in one line."""
    return _("Projected at this month's rate so far; storage at its growth since last month.")


def fmt_amount(value: float, unit: str) -> str:
    """``value`` of a service: '30.6 GB', '512 MB' for bytes; '24,783' for counts."""
    if unit == "bytes":
        if abs(value) >= GB:
            return _("{n} GB").format(n=f"{value / GB:,.1f}")
        if abs(value) >= MB or value == 0:
            return _("{n} MB").format(n=f"{value / MB:,.0f}")
        return _("{n} MB").format(n=f"{value / MB:.2f}")
    return f"{value:,.0f}"


def fmt_axis(value: float, unit: str) -> str:
    """A short tick label for a chart's value axis: '30 GB', '40k', '2,500'."""
    if unit == "bytes":
        if value >= GB or value == 0:
            return _("{n} GB").format(n=f"{value / GB:g}")
        return _("{n} MB").format(n=f"{value / MB:g}")
    if value >= 10_000:
        return _("{n}k").format(n=f"{value / 1000:g}")
    return f"{value:,.0f}"


def fmt_money(value: float, currency: str) -> str:
    """'NOK 1,234.50' (no currency: just the figure)."""
    figure = f"{value:,.2f}"
    return _("{currency} {figure}").format(currency=currency, figure=figure) if currency else figure


def fmt_percent(ratio: float | None) -> str:
    """A share as '131 %'; '–' when nothing is included (no share to give)."""
    return "–" if ratio is None else f"{ratio * 100:.0f} %"


def month_date(month: str) -> date:
    year, number = map(int, month.split("-"))
    return date(year, number, 1)


def fmt_month(month: str) -> str:
    """'2026-11' as 'November 2026'."""
    return month_date(month).strftime("%B %Y")


def fmt_month_short(month: str) -> str:
    """'2026-11' as 'Nov 2026'."""
    return month_date(month).strftime("%b %Y")
