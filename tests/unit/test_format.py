"""Store text is shown literally; durations and days read naturally."""

from __future__ import annotations

from datetime import timedelta

from licscreen.present.text import clean, initials
from licscreen.present.time import fmt_days_left, fmt_until
from licscreen.render.text import badge, safe
from tests.conftest import FROZEN


def test_markup_is_kept_as_text_and_escapes_are_removed():
    text = safe("[bold]Fjordvik[/bold] \x1b[31mred\x1b[0m [link=http://x]y[/link]")
    assert text.plain == "[bold]Fjordvik[/bold] [31mred[0m [link=http://x]y[/link]"
    assert "\x1b" not in text.plain and not text.spans


def test_one_line_folds_newlines_and_tabs():
    assert clean("a\nb\tc\r\nd", one_line=True) == "a b c d"
    assert clean("bell\x07 del\x7f c1\x9b") == "bell del c1"


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
