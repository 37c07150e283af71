"""Textual's own words that licscreen shows, in the current language.

Textual writes its key descriptions ("Scroll Left"), the footer's "palette", the command
palette's placeholder and its system commands in English. They are listed here with ``N_`` so
that the catalogue has them, and translated where they are shown: the help screen passes every
description through ``_`` (licscreen's own are marked with ``N_`` as well), and
:class:`TextualWords`, the app's base, gives it the palette and its commands in the current
language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from licscreen.i18n import N_, _

PALETTE = N_("palette")
PALETTE_TOOLTIP = N_("Open the command palette")
SEARCH = N_("Search for commands…")

# Key descriptions of Textual's widgets that the help screen can list.
KEY_WORDS = (
    N_("Quit"), N_("Scroll Up"), N_("Scroll Down"), N_("Scroll Left"), N_("Scroll Right"),
    N_("Scroll Home"), N_("Scroll End"), N_("Page Up"), N_("Page Down"), N_("Page Left"),
    N_("Page Right"), N_("Previous tab"), N_("Next tab"), N_("Focus Next"),
    N_("Focus Previous"), N_("Press button"), N_("Show menu"), N_("Toggle option"),
    N_("Submit"), N_("Move cursor left"), N_("Move cursor right"), N_("Move cursor left a word"),
    N_("Move cursor right a word"), N_("Delete character left"), N_("Delete character right"),
    N_("Go to start"), N_("Go to end"), N_("Copy selected text"),
    N_("Paste text from the clipboard"),
)

# The command palette's system commands (App.get_system_commands).
COMMAND_WORDS = (
    N_("Theme"), N_("Change the current theme"),
    N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Show help for the focused widget and a summary of available keys"),
    N_("Hide the keys and widget help panel"),
    N_("Maximize"), N_("Maximize the focused widget"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
)


def palette_binding() -> Binding:
    """The footer's ^p, as Textual makes it, with its words marked for the catalogue."""
    return Binding("ctrl+p", "command_palette", PALETTE, show=False, priority=True,
                   tooltip=PALETTE_TOOLTIP, system=True)


class TextualWords(App[None]):
    """The app's base: the command palette and Textual's system commands translated."""

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(CommandPalette(placeholder=_(SEARCH), id="--command-palette"))
