"""The consumption arithmetic on fixed figures: included, over, charge, projection."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from licscreen.store.consumption import (
    elapsed_share,
    figures,
    invoice_total,
    month_figures,
    shift_month,
)
from licscreen.store.models import MeteredService, MonthlyUsage

MAIL = MeteredService("mailings", "E-mails", "count", 20_000, 500, 0.05, 1, 0)
DISK = MeteredService("storage", "Storage", "bytes", 10e9, 0.5e9, 2.5, 1e9, 1)


def test_included_over_and_charge():
    row = figures(MAIL, "2026-03", MonthlyUsage("mailings", "2026-03", 45_000, 38))
    assert row.included == 20_000 + 500 * 38
    assert row.over == 45_000 - 39_000
    assert row.charge == pytest.approx(300.0)
    assert row.is_over and row.ratio == pytest.approx(45_000 / 39_000)


def test_under_the_threshold_costs_nothing():
    row = figures(MAIL, "2026-03", MonthlyUsage("mailings", "2026-03", 1_000, 38))
    assert row.over == 0 and row.charge == 0 and not row.is_over


def test_a_month_with_zero_users_includes_only_the_base():
    row = figures(DISK, "2026-01", MonthlyUsage("storage", "2026-01", 12e9, 0))
    assert row.included == 10e9
    assert row.charge == pytest.approx(5.0)


def test_a_month_without_usage_is_zero():
    row = figures(MAIL, "2026-02", None)
    assert row.used == 0 and row.over == 0 and row.ratio is not None


def test_month_and_year_boundaries():
    assert shift_month("2026-01", -1) == "2025-12"
    assert shift_month("2025-12", 1) == "2026-01"
    assert shift_month("2026-11", -23) == "2024-12"
    assert elapsed_share("2026-02", datetime(2026, 2, 15, tzinfo=UTC)) == pytest.approx(14 / 28)
    assert elapsed_share("2026-02", datetime(2026, 3, 1, tzinfo=UTC)) == 1.0
    assert elapsed_share("2026-02", datetime(2026, 1, 31, tzinfo=UTC)) == 0.0


def test_projection_of_a_counted_service_scales_by_the_share_of_the_month():
    now = datetime(2026, 11, 16, tzinfo=UTC)  # half of November has passed
    row = figures(MAIL, "2026-11", MonthlyUsage("mailings", "2026-11", 25_000, 40), now=now)
    assert row.projection is not None
    assert row.projection.amount == pytest.approx(50_000)
    assert row.projection.over == pytest.approx(50_000 - 40_000)
    assert row.projection.charge == pytest.approx(500.0)


def test_projection_of_storage_continues_its_growth_since_last_month():
    now = datetime(2026, 11, 16, tzinfo=UTC)
    last = MonthlyUsage("storage", "2026-10", 30e9, 40)
    row = figures(DISK, "2026-11", MonthlyUsage("storage", "2026-11", 31e9, 40), last, now)
    assert row.projection.amount == pytest.approx(32e9)


def test_only_the_current_month_is_projected():
    now = datetime(2026, 11, 16, tzinfo=UTC)
    usage = [MonthlyUsage("mailings", "2026-10", 10, 40),
             MonthlyUsage("mailings", "2026-11", 10, 40)]
    assert month_figures([MAIL], usage, "2026-10", now)[0].projection is None
    assert month_figures([MAIL], usage, "2026-11", now)[0].projection is not None


def test_invoice_total_adds_the_charges():
    rows = [
        figures(MAIL, "2026-03", MonthlyUsage("mailings", "2026-03", 45_000, 38)),
        figures(DISK, "2026-03", MonthlyUsage("storage", "2026-03", 40e9, 38)),
    ]
    assert invoice_total(rows) == pytest.approx(300.0 + (40e9 - 29e9) / 1e9 * 2.5)


def test_months_ending_and_between_cross_the_year():
    from licscreen.store.consumption import months_between, months_ending

    assert months_ending("2026-02", 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert months_ending("2026-11", 1) == ["2026-11"]
    assert months_between("2025-11", "2026-02") == months_ending("2026-02", 4)
    assert months_between("2026-03", "2026-02") == []


def test_a_series_fills_months_without_usage_with_zero_and_last_known_users():
    from licscreen.store.consumption import service_series

    usage = [MonthlyUsage("mailings", "2025-12", 42_000, 36),
             MonthlyUsage("storage", "2026-01", 5e9, 36)]  # another service: not mixed in
    rows = service_series(MAIL, usage, ["2025-12", "2026-01", "2026-02"])
    assert [r.month for r in rows] == ["2025-12", "2026-01", "2026-02"]
    assert [r.used for r in rows] == [42_000, 0, 0]
    assert rows[0].included == 20_000 + 500 * 36 and rows[0].charge == pytest.approx(200.0)
    assert rows[1].users == 36  # the month before's users: the threshold does not collapse
    assert rows[2].users == 0 and rows[2].included == MAIL.base


def test_projection_in_a_month_with_zero_users():
    now = datetime(2026, 1, 11, tzinfo=UTC)  # 10 of 31 days
    row = figures(MAIL, "2026-01", MonthlyUsage("mailings", "2026-01", 10_000, 0), now=now)
    assert row.included == 20_000 and not row.is_over
    assert row.projection.amount == pytest.approx(31_000)
    assert row.projection.over == pytest.approx(11_000)
    assert row.projection.charge == pytest.approx(550.0)


def test_projection_across_the_year_boundary_uses_decembers_storage():
    from licscreen.store.consumption import month_figures

    now = datetime(2026, 1, 16, 12, tzinfo=UTC)  # half of January
    usage = [MonthlyUsage("storage", "2025-12", 30e9, 40),
             MonthlyUsage("storage", "2026-01", 31e9, 40)]
    row = month_figures([DISK], usage, "2026-01", now)[0]
    assert row.projection.amount == pytest.approx(32e9)
    assert row.projection.ratio == pytest.approx(32e9 / 30e9)
    assert row.projection.charge == pytest.approx(5.0)


def test_storage_without_an_earlier_month_is_projected_as_used():
    now = datetime(2026, 11, 16, tzinfo=UTC)
    row = figures(DISK, "2026-11", MonthlyUsage("storage", "2026-11", 31e9, 40), None, now)
    assert row.projection.amount == pytest.approx(31e9)


def test_at_the_very_start_of_a_month_nothing_is_extrapolated():
    now = datetime(2026, 11, 1, tzinfo=UTC)
    row = figures(MAIL, "2026-11", MonthlyUsage("mailings", "2026-11", 100, 40), now=now)
    assert row.projection.amount == 100


def test_leap_february_has_29_days():
    assert elapsed_share("2028-02", datetime(2028, 2, 15, 12, tzinfo=UTC)) == pytest.approx(0.5)


def test_the_projected_invoice_uses_projections_only_for_the_current_month():
    from licscreen.store.consumption import month_figures, projected_invoice_total

    now = datetime(2026, 11, 16, tzinfo=UTC)
    usage = [MonthlyUsage("mailings", "2026-10", 45_000, 40),
             MonthlyUsage("mailings", "2026-11", 25_000, 40)]
    october = month_figures([MAIL], usage, "2026-10", now)
    november = month_figures([MAIL], usage, "2026-11", now)
    assert projected_invoice_total(october) == invoice_total(october) == pytest.approx(250.0)
    assert invoice_total(november) == 0
    assert projected_invoice_total(november) == pytest.approx(500.0)
