"""Seat history for people: the forecast in words, a sparkline, the owners' dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from licscreen.i18n import _, ngettext
from licscreen.i18n.l10n import fmt_day_month
from licscreen.store import Forecast, Outlook
from licscreen.store.models import WARNING_DAYS, Level, Owner

BARS = "▁▂▃▄▅▆▇█"


def fmt_about(days: int) -> str:
    """A time ahead, roughly: 'about 5 days', 'about 3 weeks', 'about 4 months'."""
    if days < 14:
        return ngettext("about {n} day", "about {n} days", days).format(n=days)
    if days < 63:
        weeks = round(days / 7)
        return ngettext("about {n} week", "about {n} weeks", weeks).format(n=weeks)
    months = round(days / 30.4)
    if months < 24:
        return ngettext("about {n} month", "about {n} months", months).format(n=months)
    years = round(days / 365)
    return ngettext("about {n} year", "about {n} years", years).format(n=years)


def forecast_words(forecast: Forecast | None) -> str:
    """'full in about 3 weeks at the current rate', 'steady', 'over-assigned since 4 Nov'."""
    if forecast is None:
        return ""
    match forecast.outlook:
        case Outlook.OVER_ASSIGNED:
            return _("over-assigned since {day}").format(day=_day(forecast.since))
        case Outlook.FULL:
            return _("full since {day}").format(day=_day(forecast.since))
        case Outlook.FILLING:
            return _("full in {time} at the current rate").format(
                time=fmt_about(forecast.days_to_full or 0))
        case Outlook.STEADY:
            return _("steady")
        case Outlook.FALLING:
            return _("falling")
    return _("no forecast yet")


def _day(value: date | None) -> str:
    return fmt_day_month(value) if value is not None else ""


def sparkline(values: Sequence[int], width: int, top: int | None = None) -> str:
    """``values`` in ``width`` block characters (each the highest value of its share of days),
    scaled to ``top`` (their highest when None); blanks where there is no history."""
    if not values or width <= 0:
        return " " * max(width, 0)
    high = max(top or 0, *values) or 1
    cells = []
    for n in range(width):
        first = n * len(values) // width
        peak = max(values[first:max((n + 1) * len(values) // width, first + 1)])
        cells.append(BARS[min(len(BARS) - 1, max(peak, 0) * (len(BARS) - 1) // high)])
    return "".join(cells)


def date_level(when: date | None, today: date, warn_days: int = WARNING_DAYS) -> Level:
    """An owner's date: a warning within ``warn_days``, an error once passed."""
    if when is None:
        return Level.NORMAL
    days = (when - today).days
    if days < 0:
        return Level.ERROR
    return Level.WARNING if days <= warn_days else Level.NORMAL


def owner_dates(owner: Owner, today: date) -> list[tuple[str, date, Level]]:
    """The owner's dates beside its expiry, labelled, each with its level: the grace date
    (works until) and maintenance date (upgrades until) a warning within
    :data:`WARNING_DAYS` and an error once passed; the admin warning date a warning from
    that day on."""
    dates = []
    if owner.grace_date is not None:
        dates.append((_("Works until"), owner.grace_date, date_level(owner.grace_date, today)))
    if owner.maintenance_date is not None:
        dates.append((_("Upgrades until"), owner.maintenance_date,
                      date_level(owner.maintenance_date, today)))
    if owner.admin_warning_date is not None:
        level = Level.WARNING if today >= owner.admin_warning_date else Level.NORMAL
        dates.append((_("Admin warning"), owner.admin_warning_date, level))
    return dates
