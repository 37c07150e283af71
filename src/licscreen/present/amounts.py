"""Metered amounts, money and months as people read them. Plain strings: the CLI shares this.

Storage is kept in bytes and shown as GB or MB; the other services are counts, shown with
thousands separators. Money is the installation's currency and two decimals. Figures, money
and months follow the language (``licscreen.i18n.l10n``).
"""

from __future__ import annotations

from datetime import date

from licscreen.i18n import _
from licscreen.i18n.l10n import fmt_money as _money
from licscreen.i18n.l10n import fmt_month_name, fmt_month_year, fmt_number, fmt_short_number
from licscreen.present.text import clean

GB = 1_000_000_000
MB = 1_000_000


def projection_note() -> str:
    """How a projection is made (see ``consumption.figures``), in one line."""
    return _("Projected at this month's rate so far; storage at its growth since last month.")


def fmt_amount(value: float, unit: str) -> str:
    """``value`` of a service: '30.6 GB', '512 MB' for bytes; '24,783' for counts."""
    if unit == "bytes":
        if abs(value) >= GB:
            return _("{n} GB").format(n=fmt_number(value / GB, 1))
        if abs(value) >= MB or value == 0:
            return _("{n} MB").format(n=fmt_number(value / MB))
        return _("{n} MB").format(n=fmt_number(value / MB, 2))
    return fmt_number(value)


def fmt_axis(value: float, unit: str) -> str:
    """A short tick label for a chart's value axis: '30 GB', '40k', '2,500'."""
    if unit == "bytes":
        if value >= GB or value == 0:
            return _("{n} GB").format(n=fmt_short_number(value / GB))
        return _("{n} MB").format(n=fmt_short_number(value / MB))
    if value >= 10_000:
        return _("{n}k").format(n=fmt_short_number(value / 1000))
    return fmt_number(value)


def fmt_money(value: float, currency: str) -> str:
    """'NOK 1,234.50' / '1 234,50 kr' (no currency: just the figure). The currency is the
    store's text: shown as clean() shows it."""
    return _money(value, clean(currency, one_line=True))


def fmt_percent(ratio: float | None) -> str:
    """A share as '131 %'; '–' when nothing is included (no share to give)."""
    return "–" if ratio is None else f"{ratio * 100:.0f} %"


def month_date(month: str) -> date:
    year, number = map(int, month.split("-"))
    return date(year, number, 1)


def fmt_month(month: str) -> str:
    """'2026-11' as 'November 2026' / 'november 2026'."""
    return fmt_month_name(month_date(month))


def fmt_month_short(month: str) -> str:
    """'2026-11' as 'Nov 2026' / 'nov. 2026'."""
    return fmt_month_year(month_date(month))
