"""Text for people: every control and invisible character shown as a sign, by clean() and safe()
alike; the input of events refuses them."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from licscreen.present.text import clean, initials, is_clean
from licscreen.render.text import safe
from licscreen.store.events import DESCRIPTION, MESSAGE, parse_changes, parse_new
from licscreen.store.models import HIDDEN_CHARACTER
from licscreen.tui.events.form_save import check_form
from tests.kit.clock import FROZEN
from tests.kit.events import errors_of
from tests.kit.hostile import unsafe_characters

SHOWN = [
    ("\x1b[2J\x1b[?1049l", "␛[2J␛[?1049l"),
    ("\x1b]52;c;QUJD\x1b\\", "␛]52;c;QUJD␛\\"),
    ("\x9b31m", "<U+009B>31m"),
    ("\x85next", "<U+0085>next"),
    ("\x00\x07\x08\x7f", "␀␇␈␡"),
    ("\u202egnp.exe", "<U+202E>gnp.exe"),
    ("\u2066a\u2069\u200e\u200f\u061c", "<U+2066>a<U+2069><U+200E><U+200F><U+061C>"),
    ("Ad\u200bmin\u200c\u200d\u2060\ufeff", "Ad<U+200B>min<U+200C><U+200D><U+2060><U+FEFF>"),
    ("a\u2028b\u2029", "a<U+2028>b<U+2029>"),
    ("soft\u00adhyphen", "soft<U+00AD>hyphen"),
    ("tag\U000e0041", "tag<U+E0041>"),
    ("Ærlig Ås 日本 🙂", "Ærlig Ås 日本 🙂"),  # letters, wide and emoji are text
]


@pytest.mark.parametrize(("raw", "shown"), SHOWN, ids=range(len(SHOWN)))
@pytest.mark.parametrize("one_line", [False, True])
def test_clean_and_safe_show_every_hidden_character_as_a_sign(raw: str, shown: str,
                                                              one_line: bool):
    assert clean(raw, one_line=one_line) == shown
    text = safe(raw, one_line=one_line)
    assert text.plain == shown and not text.spans
    assert unsafe_characters(shown) == []


def test_lines_and_tabs():
    assert clean("a\nb\tc\r\nd\re", one_line=True) == "a b c d e"
    assert clean("a\nb\tc\r\nd\re") == "a\nb    c\nd␍e"
    assert clean(None) == "" and clean(17) == "17"


def test_the_list_holds_every_control_format_and_separator_character():
    """Every character of Unicode's categories Cc, Cf, Zl and Zp in this Python's Unicode
    (some later versions add format characters: add them to store.models)."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        hiding = unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
        assert not hiding or HIDDEN_CHARACTER.fullmatch(char), f"U+{code:04X}"


@pytest.mark.parametrize("char", [" ", "a", "\u00a0", "\u3000", "é", "\u0301", "\ufe0f"])
def test_visible_text_and_spaces_are_kept(char: str):
    assert clean(f"x{char}y") == f"x{char}y" and is_clean(char)


def test_initials_ignore_hidden_characters():
    assert initials("\u202eKari Nord\u200bmann") == "KN"
    assert initials("\x1b[31m") == "?"  # '[31m' starts with no letter


@pytest.mark.parametrize("field", [MESSAGE, DESCRIPTION])
@pytest.mark.parametrize(("char", "code"), [("\x1b", "U+001B"), ("\x9b", "U+009B"),
                                            ("\u202e", "U+202E"), ("\u200b", "U+200B"),
                                            ("\ufeff", "U+FEFF"), ("\x00", "U+0000"),
                                            ("\x0b", "U+000B"), ("\u2028", "U+2028")])
@pytest.mark.parametrize("how", ["new", "changes", "form add", "form edit"])
def test_event_text_with_a_hidden_character_is_refused_on_its_field(field: str, char: str,
                                                                     code: str, how: str):
    fields = {"type": "motd", "scope": "system", "message": "Hi", field: f"Hi{char}there"}
    parse = {"new": lambda: parse_new(fields, FROZEN),
             "changes": lambda: parse_changes(fields, FROZEN),
             "form add": lambda: check_form(fields, editing=False, now=FROZEN),
             "form edit": lambda: check_form(fields, editing=True, now=FROZEN)}[how]
    errors = errors_of(parse)
    assert list(errors) == [field]
    assert code in errors[field] and "character 3" in errors[field]


def test_event_text_keeps_tabs_and_lines():
    new = parse_new({"type": "motd", "scope": "system", "message": "a\tb\nc",
                     "description": "one\r\ntwo\rthree\tfour"}, FROZEN)
    assert new.message == "a b c"
    assert new.description == "one\ntwo\nthree\tfour"
