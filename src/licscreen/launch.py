"""The ``licscreen`` command's entry point: the language first, then the commands.

Option help, bindings and column titles are translated when their modules are imported, so
``--lang`` is read from the command line here, before ``licscreen.cli`` (and everything it
imports) is. The main group declares ``--lang`` too, for its help, its checking and for callers
that run the group in-process (tests); see ``licscreen.cli.i18n``.
"""

from __future__ import annotations

import sys

from licscreen.i18n import choose_language, language_from_argv, set_language


def main() -> None:
    set_language(choose_language(language_from_argv(sys.argv[1:])))
    from licscreen.cli.i18n import translate_click, translate_help

    translate_click()  # before the commands are made: click words some help when decorating
    from licscreen.cli import main as cli

    translate_help(cli)
    cli()
