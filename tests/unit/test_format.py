"""Store text is shown literally; durations and days read naturally."""

from __future__ import annotations

from datetime import timedelta

from licscreen.present.text import clean, initials
from licscreen.present.time import fmt_days_left, fmt_until
from licscreen.render.text import badge, safe
from tests.kit.clock import FROZEN


def test_markup_is_kept_as_text_and_escapes_are_shown_as_signs():
    text = safe("[bold]Fjordvik[/bold] \x1b[31mred\x1b[0m [link=http://x]y[/link]")
    assert text.plain == "[bold]Fjordvik[/bold] ␛[31mred␛[0m [link=http://x]y[/link]"
    assert "\x1b" not in text.plain and not text.spans


def test_one_line_folds_newlines_and_tabs():
    assert clean("a\nb\tc\r\nd", one_line=True) == "a b c d"
    assert clean("bell\x07 del\x7f c1\x9b") == "bell␇ del␡ c1<U+009B>"


def test_until_and_overdue():
    assert fmt_until(FROZEN + timedelta(minutes=12), FROZEN) == "in 12 min"
    assert fmt_until(FROZEN - timedelta(minutes=3), FROZEN) == "overdue 3 min"
    assert fmt_until(FROZEN + timedelta(hours=2, minutes=5), FROZEN) == "in 2 h 5 min"
    assert fmt_until(FROZEN + timedelta(days=3), FROZEN) == "in 3 days"


def test_days_left():
    assert fmt_days_left(1) == "1 day left"
    assert fmt_days_left(0) == "expires today"
    assert fmt_days_left(-2) == "expired 2 days ago"


def test_initials_badge():
    assert initials("Ingrid Solberg") == "IS"
    assert initials("Per Olav Ås") == "PÅ"
    assert initials("[bold]") == "?"
    assert badge("ADMIN", "Ingrid Solberg").plain == "IS"


def test_one_table_of_scope_words_in_two_casings():
    from licscreen.present.labels import scope_label
    from licscreen.store.models import EventScope

    assert [scope_label(s) for s in EventScope] == ["system", "database", "group", "user"]
    assert [scope_label(s, capitalised=True) for s in EventScope] == [
        "System", "Database", "Group", "User"]


def test_labels_of_what_the_store_names():
    from licscreen.present.labels import (
        change_kind_label,
        event_name,
        restriction_name,
        service_name,
    )

    assert change_kind_label("counter") == "counter changed"
    assert service_name("storage", "Storage space used") == "Storage space used"
    assert service_name("storage", "Disk") == "Disk"  # the store's own name is kept
    assert restriction_name("Dashboards") == "Dashboards"
    assert restriction_name("Rockets") == "Rockets"
    assert event_name("NoLogin", "No Login") == "No Login"
    assert event_name("NoLogin", "Closed for lunch") == "Closed for lunch"


def test_amounts_and_shares():
    from licscreen.present.amounts import fmt_amount, fmt_percent

    assert fmt_amount(30_512_000_000, "bytes") == "30.5 GB"
    assert fmt_amount(512_000_000, "bytes") == "512 MB"
    assert fmt_amount(24_783, "count") == "24,783"
    assert fmt_percent(1.31) == "131 %" and fmt_percent(None) == "–"


def test_licence_types_short_and_as_a_noun():
    from licscreen.present.labels import licence_type_label
    from licscreen.store.models import LicenceType

    assert licence_type_label(LicenceType.SITE) == "site"
    assert licence_type_label(LicenceType.USER, noun=True) == "user licence"
