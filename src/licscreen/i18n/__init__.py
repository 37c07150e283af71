"""The one translation function every user-visible string goes through, and the language.

licscreen speaks English (the msgids) and Norwegian bokmål (``locale/nb/LC_MESSAGES``: the
``.po`` source and the ``.mo`` compiled from it by ``scripts/i18n.py``; docs/i18n.md).

The language is chosen, first match wins, from: the ``--lang`` option, ``LICSCREEN_LANG``, then
the locale variables ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` (``nb``, ``no``, ``nn`` and their
``_NO`` forms mean bokmål); anything else is English.

This module sets the language from the environment when it is first imported; ``--lang`` sets
it again when the command line is read (``licscreen.cli.i18n``). ``set_language`` takes effect
for every string translated after it: strings are marked with ``N_`` where they are defined and
translated with ``_`` where they are shown (the command line's help among them). The app still
translates some strings in class bodies (bindings, column titles) when their module is
imported; ``licscreen`` imports the app only once ``--lang`` has been read.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "licscreen"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "nb")
ENGLISH, BOKMAL = LANGUAGES
LANG_ENV = "LICSCREEN_LANG"
LOCALE_ENVS = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first one set wins
NORWEGIAN = frozenset({"nb", "no", "nn"})  # Nynorsk readers get bokmål rather than English

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = ENGLISH


def normalize(value: str | None) -> str | None:
    """``'nb'`` for a Norwegian language or locale name (``nb_NO.UTF-8``, ``no``, ``nn-NO``),
    ``'en'`` for any other, None for nothing at all."""
    if not value or not value.strip():
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return BOKMAL if code in NORWEGIAN else ENGLISH


def choose_language(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: ``option`` (``--lang``), else ``LICSCREEN_LANG``, else the first
    of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set (``C`` and others: English)."""
    env = os.environ if environ is None else environ
    for value in (option, env.get(LANG_ENV), *(env.get(name) for name in LOCALE_ENVS)):
        language = normalize(value)
        if language is not None:
            return language
    return ENGLISH


def set_language(lang: str | None) -> None:
    """Use ``lang`` (``en``, ``nb``, or a locale name) for every string translated from now on."""
    global _translations, _language
    _language = normalize(lang) or ENGLISH
    _translations = _gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[_language], fallback=True
    )


def language() -> str:
    """The language in use: ``'en'`` or ``'nb'``."""
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here: for words defined before
    the language may be known (an option's help) or made by another library (Textual's key
    descriptions), translated where licscreen shows them."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count."""
    return _translations.ngettext(singular, plural, n)


set_language(choose_language())
