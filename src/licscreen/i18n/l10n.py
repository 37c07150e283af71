"""Dates, times, numbers and money in the language in use (``licscreen.i18n.language``).

English keeps licscreen's own compact forms ('26 Feb 2027', 'NOK 1,234.50') and never loads
Babel. Bokmål follows the Unicode CLDR through Babel ('26. feb. 2027', '1 234,50 kr'), imported
only when a Norwegian figure is first formatted: Babel and its locale data take tens of
milliseconds to load, which an English start-up never pays. Plain strings, no Rich: the CLI's
light commands (``check``) use this too.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from licscreen.i18n import BOKMAL, language

NBSP = "\u00a0"  # between a figure and its unit, and between thousands, as CLDR has it


@cache
def _babel() -> tuple[Any, Any, Any]:
    """Babel's locale for bokmål and its date and number modules, loaded once."""
    from babel import Locale, dates, numbers

    return Locale.parse(BOKMAL), dates, numbers


def _nb() -> bool:
    return language() == BOKMAL


def fmt_number(value: float, decimals: int = 0) -> str:
    """``value`` rounded to ``decimals`` places, thousands grouped: '1,234.5' / '1 234,5'."""
    if not _nb():
        return f"{value:,.{decimals}f}"
    locale, _dates, numbers = _babel()
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text: str = numbers.format_decimal(value, format=pattern, locale=locale)
    return text


def fmt_short_number(value: float) -> str:
    """A round figure as briefly as it goes, for a chart's ticks: '2.5', '40' / '2,5'."""
    if not _nb():
        return f"{value:g}"
    locale, _dates, numbers = _babel()
    text: str = numbers.format_decimal(value, format="0.###", locale=locale)
    return text


def fmt_money(value: float, currency: str, decimals: int = 2) -> str:
    """An amount in ``currency`` (an ISO code): 'NOK 1,234.50' / '1 234,50 kr'.

    Without a currency, just the figure.
    """
    if not currency:
        return fmt_number(value, decimals)
    if not _nb():
        return f"{currency} {value:,.{decimals}f}"
    locale, _dates, numbers = _babel()
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + NBSP + "¤"
    text: str = numbers.format_currency(value, currency, format=pattern, currency_digits=False,
                                        locale=locale)
    return text


def _day(value: date, english: str, cldr: str) -> str:
    """``value`` by an strftime format in English, by a CLDR pattern (Babel) in bokmål."""
    if not _nb():
        return value.strftime(english)
    locale, dates, _numbers = _babel()
    text: str = dates.format_date(value, cldr, locale=locale)
    return text


def fmt_date(value: date | None) -> str:
    """A day: '01 Dec 2026' / '1. des. 2026'; empty for none."""
    return "" if value is None else _day(value, "%d %b %Y", "d. MMM y")


def fmt_day_month(value: date) -> str:
    """A day of the year, without the year: '30 Nov' / '30. nov.'."""
    return _day(value, "%d %b", "d. MMM")


def fmt_moment(local: datetime, *, with_year: bool) -> str:
    """A local date and time: '28 Nov 09:00' / '28. nov. 09:00' (with the year if asked)."""
    if not _nb():
        return local.strftime("%d %b %Y %H:%M" if with_year else "%d %b %H:%M")
    day = _day(local.date(), "", "d. MMM y" if with_year else "d. MMM")
    return f"{day} {local:%H:%M}"


def fmt_month_name(value: date) -> str:
    """A month and its year, as a heading: 'November 2026' / 'November 2026'."""
    words = _day(value, "%B %Y", "LLLL y")
    return words[:1].upper() + words[1:]  # 'november' begins a heading


def fmt_month_year(value: date) -> str:
    """A month, abbreviated, and its year: 'Nov 2026' / 'nov. 2026'."""
    return _day(value, "%b %Y", "MMM y")


def fmt_month_label(value: date) -> str:
    """A month in at most three letters, for a chart's axis: 'Nov' / 'nov'."""
    return _day(value, "%b", "LLL")


@cache
def _widest(kind: str) -> int:
    """``kind`` names the form and the language, which caches it per language."""
    days = [date(2026, month, 28) for month in range(1, 13)]
    if kind.startswith("date-"):
        return max(len(fmt_date(day)) for day in days)
    with_year = kind.startswith("moment-year-")
    return max(len(fmt_moment(datetime(day.year, day.month, 28, 23, 59), with_year=with_year))
               for day in days)


def date_width() -> int:
    """The most cells :func:`fmt_date` takes in this language (11 in English): a table
    column of dates this wide never cuts one off."""
    return _widest(f"date-{language()}")


def moment_width(*, with_year: bool = False) -> int:
    """The most cells :func:`fmt_moment` takes in this language (12, or 17 with the year)."""
    return _widest(f"moment{'-year' if with_year else ''}-{language()}")
