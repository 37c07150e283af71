"""The seat forecast (store/forecasting.py) and its words (present/history.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from licscreen.present.history import fmt_about, forecast_words, sparkline
from licscreen.store import Forecast, Licence, LicenceType, Outlook, UsageDay, forecast
from licscreen.store.models import Level

TODAY = date(2026, 11, 28)


def licence(in_use: int, total: int, unrestricted: bool = False) -> Licence:
    return Licence(1, "SUPEROFFICE", "ten-x", "X", "", LicenceType.USER, total, unrestricted,
                   False, 0, None, 0, in_use)


def days(figures: list[int], total: int) -> list[UsageDay]:
    """One day each, ending yesterday."""
    start = TODAY - timedelta(days=len(figures))
    return [UsageDay(start + timedelta(days=n), used, total) for n, used in enumerate(figures)]


def test_a_licence_filling_up_is_full_in_so_many_days_at_its_rate():
    rising = [10 + n // 10 for n in range(90)]  # one more every ten days: 19 yesterday
    outlook = forecast(licence(19, 22), days(rising, 22), TODAY)
    assert outlook is not None and outlook.outlook is Outlook.FILLING
    assert outlook.days_to_full == pytest.approx(30, abs=2)
    assert forecast_words(outlook) == "full in about 4 weeks at the current rate"
    assert outlook.full_within(35) and not outlook.full_within(20)


def test_flat_and_falling_and_far_off_are_no_alarm():
    assert forecast(licence(5, 8), days([5] * 90, 8), TODAY) == Forecast(Outlook.STEADY)
    falling = forecast(licence(2, 8), days([8 - n // 15 for n in range(90)], 8), TODAY)
    assert falling is not None and falling.outlook is Outlook.FALLING
    slow = forecast(licence(5, 400), days([4] * 45 + [5] * 45, 400), TODAY)
    assert slow is not None and slow.outlook is Outlook.STEADY and not slow.full_within(3650)
    assert forecast_words(falling) == "falling" and forecast_words(slow) == "steady"


def test_over_assigned_and_full_say_since_when():
    history = days([18] * 60 + [21] * 30, 20)  # over since 30 days ago
    outlook = forecast(licence(22, 20), history, TODAY)
    assert outlook == Forecast(Outlook.OVER_ASSIGNED, since=TODAY - timedelta(days=30))
    assert outlook.level is Level.ERROR
    assert forecast_words(outlook).startswith("over-assigned since ")
    full = forecast(licence(8, 8), days([7] * 10 + [8] * 5, 8), TODAY)
    assert full == Forecast(Outlook.FULL, since=TODAY - timedelta(days=5))


def test_today_is_the_licences_own_figures_and_history_may_be_short():
    assert forecast(licence(3, 8), days([3] * 5, 8), TODAY) == Forecast(Outlook.UNKNOWN)
    assert forecast(licence(3, 8), [], TODAY) == Forecast(Outlook.UNKNOWN)
    # the history says full, the licence (read now) has room: the licence wins
    assert forecast(licence(7, 8), days([8] * 30, 8), TODAY).outlook is not Outlook.FULL
    assert forecast(licence(0, 1, unrestricted=True), days([0] * 30, 1), TODAY) is None


@pytest.mark.parametrize(("n", "words"), [(1, "about 1 day"), (13, "about 13 days"),
                                          (21, "about 3 weeks"), (70, "about 2 months"),
                                          (800, "about 2 years")])
def test_times_ahead_are_rounded_as_people_say_them(n: int, words: str):
    assert fmt_about(n) == words


def test_a_sparkline_scales_to_the_total_and_fits_its_width():
    assert sparkline([0, 4, 8], 3, top=8) == "▁▄█"
    assert len(sparkline(list(range(365)), 24)) == 24
    assert sparkline([], 5) == "     "
