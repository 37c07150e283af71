"""The business rules the models hold: how full a plan restriction is, how near an expiry."""

from __future__ import annotations

import pytest

from licscreen.store.models import RESTRICTION_WARNING, Level, Restriction, expiry_level


@pytest.mark.parametrize(("limit", "current", "in_plan", "ratio", "level"), [
    (None, 12, True, None, Level.NORMAL),  # unlimited
    (0, 0, False, None, Level.NORMAL),  # not in the plan: not blocked
    (0, 3, False, None, Level.NORMAL),
    (100, 84, True, 0.84, Level.NORMAL),
    (100, 85, True, 0.85, Level.WARNING),
    (100, 99, True, 0.99, Level.WARNING),
    (100, 100, True, 1.0, Level.ERROR),  # blocked at its limit
    (10, 12, True, 1.2, Level.ERROR),
])
def test_a_restrictions_level(limit, current, in_plan, ratio, level):
    restriction = Restriction("Dashboards", limit, current)
    assert restriction.in_plan is in_plan
    assert restriction.ratio == (pytest.approx(ratio) if ratio is not None else None)
    assert restriction.level is level


def test_the_warning_share_is_the_one_the_check_names():
    assert RESTRICTION_WARNING == 0.85  # 'at 85 % or more' in check's words


@pytest.mark.parametrize(("days", "level"), [
    (None, Level.NORMAL), (31, Level.NORMAL), (30, Level.WARNING), (0, Level.WARNING),
    (-1, Level.ERROR),
])
def test_an_expirys_level(days, level):
    assert expiry_level(days) is level
