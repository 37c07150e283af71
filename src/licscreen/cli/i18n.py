"""The command line in the chosen language: ``--lang``, command help and click's own words.

- ``lang_option``: the main group's ``--lang en|nb``. ``licscreen.launch`` has already read it
  from the command line before anything was imported; the option's callback sets the language
  again for callers that run the group in-process (texts made at import keep their language).
- ``translate_help``: click takes a command's help from its function's docstring, in English;
  this gives every command of a group its help in the current language (the docstring is the
  msgid, ``scripts/i18n.py`` extracts it from the command tree).
- ``translate_click``: click's own words ("Usage:", "Options", "Error: ...") come from the
  catalogue too: click looks them up through module-level ``_``/``ngettext`` names imported from
  the standard ``gettext``; pointing those at licscreen's functions makes them follow
  ``--lang`` instead of the process locale.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator

import click

from licscreen import i18n
from licscreen.i18n import _

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types",
                 "utils")
_MSGID = "_licscreen_help_msgid"


def walk(command: click.Command) -> Iterator[click.Command]:
    """``command`` and every command under it."""
    yield command
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from walk(sub)


def help_msgid(command: click.Command) -> str | None:
    """The English help of ``command``: its docstring, without the indentation."""
    if _MSGID in command.__dict__:
        return command.__dict__[_MSGID]
    return inspect.cleandoc(command.help) if command.help else None


def translate_help(command: click.Command) -> None:
    """Give ``command`` and its subcommands their help in the current language."""
    for cmd in walk(command):
        msgid = help_msgid(cmd)
        setattr(cmd, _MSGID, msgid)
        if msgid:
            cmd.help = _(msgid)


def translate_click() -> None:
    """Make click's own messages follow licscreen's language (idempotent)."""
    for name in CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = i18n._
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        i18n.set_language(value)
        translate_click()
        translate_help(ctx.find_root().command)


lang_option = click.option(
    "--lang",
    type=click.Choice(i18n.LANGUAGES, case_sensitive=False),
    is_eager=True,
    expose_value=False,
    callback=_set_language,
    help=_("Language: en (English) or nb (Norwegian bokmål). Default: LICSCREEN_LANG, "
           "else the locale (LC_ALL, LC_MESSAGES, LANG)."),
)
