"""The one translation function every user-visible string goes through.

English is the only language so far; the catalogues arrive with Norwegian. Because strings in
class bodies (bindings, column titles) are translated at import time, the language is chosen
when this module is first imported, from ``LICSCREEN_LANG``.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "licscreen"
LOCALE_DIR = Path(__file__).parent / "locale"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def set_language(lang: str | None) -> None:
    """Use ``lang`` (``en``, ``nb``...) for every string translated from now on."""
    global _translations
    languages = [lang] if lang else None
    _translations = _gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=languages, fallback=True
    )


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count."""
    return _translations.ngettext(singular, plural, n)


set_language(os.environ.get("LICSCREEN_LANG") or "en")
