"""Dates, times, numbers and money follow the language: CLDR's bokmål through Babel, and
licscreen's English forms unchanged."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from licscreen import i18n
from licscreen.i18n import l10n
from licscreen.present.amounts import fmt_amount, fmt_axis, fmt_month, fmt_month_short
from licscreen.present.time import fmt_duration, fmt_time

NBSP = "\u00a0"


@pytest.fixture
def nb():
    i18n.set_language("nb")
    yield
    i18n.set_language("en")


def test_bokmal_dates_times_and_months(nb):
    assert l10n.fmt_date(date(2026, 12, 1)) == "1. des. 2026"
    assert l10n.fmt_date(date(2026, 3, 28)) == "28. mars 2026"
    assert l10n.fmt_day_month(date(2026, 11, 30)) == "30. nov."
    now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    assert fmt_time(datetime(2026, 11, 28, 14, 5, tzinfo=UTC), now) == "28. nov. 14:05"
    assert fmt_time(datetime(2025, 1, 2, 8, 0, tzinfo=UTC), now) == "2. jan. 2025 08:00"
    assert fmt_month("2026-11") == "November 2026"  # a heading
    assert fmt_month_short("2026-11") == "nov. 2026"
    assert l10n.fmt_month_label(date(2026, 5, 1)) == "mai"


def test_bokmal_numbers_and_money(nb):
    assert l10n.fmt_money(1234.5, "NOK") == f"1{NBSP}234,50{NBSP}kr"
    assert l10n.fmt_money(420, "NOK", decimals=0) == f"420{NBSP}kr"
    assert l10n.fmt_money(3, "") == "3,00"
    assert fmt_amount(24783, "count") == f"24{NBSP}783"
    assert fmt_amount(30_512_000_000, "bytes") == "30,5 GB"
    assert fmt_axis(2_500_000_000, "bytes") == "2,5 GB"
    assert fmt_duration(135) == "2 t 15 min" and fmt_duration(5 * 24 * 60) == "5 dager"


def test_english_forms_are_unchanged():
    assert i18n.language() == "en"
    assert l10n.fmt_date(date(2026, 12, 1)) == "01 Dec 2026"
    assert l10n.fmt_money(1234.5, "NOK") == "NOK 1,234.50"
    assert fmt_amount(24783, "count") == "24,783" and fmt_month("2026-11") == "November 2026"
    assert fmt_time(datetime(2026, 11, 28, 14, 5, tzinfo=UTC),
                    datetime(2026, 11, 28, tzinfo=UTC)) == "28 Nov 14:05"


def test_table_widths_fit_the_longest_date_of_the_language(nb):
    assert l10n.date_width() == max(len(l10n.fmt_date(date(2026, m, 28))) for m in range(1, 13))
    assert l10n.moment_width() >= len("28. mars 23:59")
    i18n.set_language("en")
    widths = (l10n.date_width(), l10n.moment_width(), l10n.moment_width(with_year=True))
    assert widths == (11, 12, 17)


def test_bokmal_labels_in_both_casings(nb):
    from licscreen.present.labels import (
        change_kind_label,
        restriction_name,
        scope_label,
        service_name,
    )
    from licscreen.store.models import EventScope

    assert [scope_label(s) for s in EventScope] == ["system", "database", "gruppe", "bruker"]
    assert [scope_label(s, capitalised=True) for s in EventScope] == [
        "System", "Database", "Gruppe", "Bruker"]  # as the app's list showed them
    assert change_kind_label("raised") == "økt"
    assert service_name("storage", "Storage space used") != "Storage space used"
    assert restriction_name("Dashboards") != "Dashboards"
