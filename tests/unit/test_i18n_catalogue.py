"""The bokmål catalogue covers every msgid of the source, keeps its placeholders, and the
committed .mo is the one compiled from the .po (``python scripts/i18n.py update|compile``)."""

from __future__ import annotations

import gettext
import re
import string

import click
import pytest

from licscreen.i18n import DOMAIN, LOCALE_DIR
from tests.kit.i18n import catalogue_tool

# click's words that a person meets: these must be translated. Others of click's (a new click
# may add some) fall back to English and fail no test.
CLICK_ESSENTIAL = ["Usage:", "Options", "Commands", "Show this message and exit.",
                   "Show the version and exit.", "Error: {message}",
                   "Try '{command} {option}' for help.", "No such command {name!r}.",
                   "No such option {name!r}.", "Missing argument", "Missing option",
                   "Invalid value for {param_hint}: {message}", "env var: {var}"]


@pytest.fixture(scope="module")
def template():
    return catalogue_tool().extract()


@pytest.fixture(scope="module")
def nb():
    return catalogue_tool().read_catalog("nb")


def is_click(message) -> bool:
    return "click's own words" in message.auto_comments


def test_every_msgid_of_the_source_is_translated_in_nb(template, nb):
    tool = catalogue_tool()
    ours = [m for m in template if m.id and not is_click(m)]
    assert len(ours) > 500  # the extraction found the source's strings, help and all
    missing = [m for m in tool.untranslated(template, nb) if m not in
               {c.id if isinstance(c.id, str) else c.id[0] for c in template if is_click(c)}]
    assert not missing, "run 'python scripts/i18n.py update', translate these, then compile"


def test_click_words_a_person_meets_are_translated(template, nb):
    for msgid in CLICK_ESSENTIAL:
        assert nb.get(msgid) is not None and nb.get(msgid).string, msgid


def command_line_help() -> dict[str, list[str]]:
    """Every help text the command line shows, by command: the command's own (its docstring)
    and each of its options' (hidden ones aside), in English."""
    from licscreen.cli import main
    from licscreen.cli.i18n import help_msgid, walk

    shown = {}
    for command, ctx in walk(main, name="licscreen"):
        options = [p for p in command.params if isinstance(p, click.Option) and not p.hidden]
        shown[ctx.command_path] = [help_msgid(item) for item in (command, *options)]
    return shown


def test_every_command_and_option_help_is_in_the_catalogue(template):
    ids = {m.id for m in template}
    shown = command_line_help()
    assert len(shown) == 31  # the lazily loaded commands and their subcommands too
    assert {"licscreen events add", "licscreen usage import", "licscreen init"} <= set(shown)
    missing = [(path, text) for path, texts in shown.items() for text in texts
               if text not in ids]
    assert not missing, "mark option help with N_() so that scripts/i18n.py extracts it"


def fields(text: str) -> list[str]:
    parsed = string.Formatter().parse(text)
    return sorted(name for _lit, name, _spec, _conv in parsed if name is not None)


def test_translations_keep_the_placeholders(nb):
    """A translation that drops or renames a {field} would fail at run time in bokmål."""
    wrong = []
    for message in nb:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if text and fields(text) != fields(ids[-1]) and fields(text) != fields(ids[0]):
                wrong.append((ids[0], text))
            if text and sorted(re.findall(r"%\((\w+)\)", text)) != sorted(
                    re.findall(r"%\((\w+)\)", ids[0])):
                wrong.append((ids[0], text))
    assert not wrong


def test_the_committed_mo_is_compiled_from_the_po(nb):
    tool = catalogue_tool()
    assert tool.mo_path("nb").read_bytes() == tool.compiled(nb), \
        "run 'python scripts/i18n.py compile'"


def test_nb_has_two_plural_forms():
    nb = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=["nb"])
    assert nb.ngettext("{n} day left", "{n} days left", 1) == "{n} dag igjen"
    assert nb.ngettext("{n} day left", "{n} days left", 0) == "{n} dager igjen"
    assert nb.ngettext("{n} day left", "{n} days left", 5) == "{n} dager igjen"
