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
    usage = [MonthlyUsage("mailings", "2026-10", 10, 40), MonthlyUsage("mailings", "2026-11", 10, 40)]
    assert month_figures([MAIL], usage, "2026-10", now)[0].projection is None
    assert month_figures([MAIL], usage, "2026-11", now)[0].projection is not None


def test_invoice_total_adds_the_charges():
    rows = [
        figures(MAIL, "2026-03", MonthlyUsage("mailings", "2026-03", 45_000, 38)),
        figures(DISK, "2026-03", MonthlyUsage("storage", "2026-03", 40e9, 38)),
    ]
    assert invoice_total(rows) == pytest.approx(300.0 + (40e9 - 29e9) / 1e9 * 2.5)
