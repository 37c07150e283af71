"""A click group whose commands live in modules of their own, imported on first use.

click's recipe for a large command line (its docs: "Lazily Loading Subcommands"):
``licscreen --version`` imports no command module, ``licscreen status`` only its own, and the
app none. A command is translated when the group hands it out (``cli/i18n.py``), so its help
is in the language ``--lang`` set by then.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

import click
from click.exceptions import NoSuchCommand

from licscreen.cli.i18n import translate, translate_help


class LazyGroup(click.Group):
    """A group that imports ``lazy_commands[name]`` (a module) when the command ``name`` is
    first asked for; the module defines the command under that name."""

    def __init__(self, *args: Any, lazy_commands: Mapping[str, str] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in self.lazy_commands:
            command = self._load(cmd_name)
        if command is not None:
            translate_help(command, ctx)
        return command

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except NoSuchCommand as error:  # click's "Did you mean" looks only at loaded commands
            raise NoSuchCommand(error.command_name, possibilities=self.list_commands(ctx),
                                ctx=ctx) from None

    def _load(self, name: str) -> click.Command:
        module = importlib.import_module(self.lazy_commands[name])
        command = getattr(module, name)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module.__name__}.{name} is not a click command")
        return command

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        translate(self, ctx)  # the root's words: --lang was read after the root was made
        super().format_help(ctx, formatter)
