"""The command line in the chosen language: ``--lang``, help translated when shown, click's words.

Nothing here is translated when a module is imported, so the language can be set at any time
before the words are shown (``--lang`` is an ordinary eager option):

- ``translate_help``: click takes a command's help from its function's docstring and an
  option's help from ``help=N_("...")``, both in English; this gives a command, its options and
  its subcommands their words in the current language, remembering each English text as its
  msgid. The lazy group calls it when it hands out a command, the root group before it shows
  its own help. ``scripts/i18n.py`` extracts the docstrings through ``walk``.
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

from licscreen import __version__, i18n
from licscreen.i18n import N_, _

HELP = N_("Show this message and exit.")  # click's words for --help
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types",
                 "utils")
_MSGID = "_licscreen_help_msgid"


def walk(command: click.Command, parent: click.Context | None = None,
         name: str | None = None) -> Iterator[tuple[click.Command, click.Context]]:
    """``command`` (called ``name``) and every command under it, each with a context as click
    would make it (a child of ``parent``), loaded as click loads them: through ``list_commands``
    and ``get_command``, so that a lazy group's commands are all there."""
    ctx = click.Context(command, parent=parent, info_name=name or command.name,
                        **command.context_settings)
    yield command, ctx
    if isinstance(command, click.Group):
        for sub_name in command.list_commands(ctx):
            sub = command.get_command(ctx, sub_name)
            if sub is not None:
                yield from walk(sub, ctx, sub_name)


def help_msgid(item: click.Command | click.Parameter) -> str | None:
    """The English help of a command (its docstring, without the indentation) or an option."""
    if _MSGID in item.__dict__:
        msgid: str | None = item.__dict__[_MSGID]
        return msgid
    text = getattr(item, "help", None)
    if not text:
        return None
    return inspect.cleandoc(text) if isinstance(item, click.Command) else text


def _translate(item: click.Command | click.Option) -> None:
    msgid = help_msgid(item)
    setattr(item, _MSGID, msgid)
    if msgid:
        item.help = _(msgid)


def translate(command: click.Command, ctx: click.Context) -> None:
    """Give ``command`` and its options their help in the current language; ``ctx`` is its
    context, which names its --help (click makes that option once, in the language then)."""
    _translate(command)
    for param in command.params:
        if isinstance(param, click.Option):
            _translate(param)
    option = command.get_help_option(ctx)
    if option is not None:
        option.help = _(HELP)


def translate_help(command: click.Command, parent: click.Context) -> None:
    """Give ``command``, its subcommands and all their options their help in the current
    language; ``parent`` is the context of the group that holds ``command``."""
    for cmd, ctx in walk(command, parent):
        translate(cmd, ctx)


def translate_click() -> None:
    """Make click's own messages follow licscreen's language (idempotent)."""
    for name in CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        names = vars(module)
        if "_" in names:
            names["_"] = i18n._
        if "ngettext" in names:
            names["ngettext"] = i18n.ngettext


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        i18n.set_language(value)


lang_option = click.option(
    "--lang",
    type=click.Choice(i18n.LANGUAGES, case_sensitive=False),
    is_eager=True,
    expose_value=False,
    callback=_set_language,
    help=N_("Language: en (English) or nb (Norwegian bokmål). Default: LICSCREEN_LANG, "
            "else the locale (LC_ALL, LC_MESSAGES, LANG)."),
)


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        # click's own words, said here so that they are translated when shown
        click.echo(_("%(prog)s, version %(version)s") % {"prog": "licscreen",
                                                         "version": __version__})
        ctx.exit()


version_option = click.option(
    "-V", "--version",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_show_version,
    help=N_("Show the version and exit."),
)
