"""Helpers for the language tests: licscreen speaking another language, and the
catalogue's English that must not show in Norwegian."""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import string
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from licscreen import i18n

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "i18n.py"


@cache
def catalogue_tool():
    """scripts/i18n.py as a module: extraction and the catalogues, as the maintainers run it."""
    spec = importlib.util.spec_from_file_location("licscreen_i18n_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Everything translated in ``lang`` while inside, as a process started in that language
    has it (licscreen translates a string when it shows it); the language before it afterwards."""
    before = i18n.language()
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(before)


def store_words(path: Path) -> set[str]:
    """Every word of the store's text: data (licence names, messages) is never translated."""
    words: set[str] = set()
    with sqlite3.connect(path) as conn:
        found = conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        tables = [row[0] for row in found]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        words.update(re.findall(r"\w+", value))
    return words


@cache
def english_phrases() -> tuple[tuple[str, str], ...]:
    """(phrase, msgid) for every msgid whose bokmål differs: the English words between its
    placeholders that would give an untranslated string away. Words that bokmål uses too ('Last'
    in 'Last inn lisens', 'Status', 'Plan') are no evidence and are left out."""
    catalog = catalogue_tool().read_catalog("nb")
    norwegian = " ".join(
        " ".join(m.string) if isinstance(m.string, tuple) else m.string for m in catalog if m.id)
    nb_words = set(re.findall(r"\w+", norwegian))
    phrases = []
    for message in catalog:
        if not message.id or "click's own words" in message.auto_comments:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if set(ids) == set(strings):
            continue
        for msgid in ids:
            for literal, *_field in string.Formatter().parse(msgid):
                phrase = literal.strip(" .,:;·–—()'\"…\n")
                words = re.findall(r"\w+", phrase)
                if len(phrase) >= 4 and words and not set(words) <= nb_words:
                    phrases.append((phrase, msgid))
    return tuple(phrases)


def untranslated(text: str, data_words: set[str]) -> list[str]:
    """The English phrases of the catalogue that ``text`` shows, less those made only of words
    of the store's data (a licence called 'Service Premium' is not an untranslated 'Service')."""
    found = []
    for phrase, msgid in english_phrases():
        if set(re.findall(r"\w+", phrase)) <= data_words:
            continue
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
            found.append(f"{phrase!r} (from {msgid!r})")
    return found
