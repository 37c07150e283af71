"""Load licence from file: a path with completion from the file system, then the checks.

File names are shown as :func:`licscreen.present.text.clean` shows text, control and invisible
characters as signs (``␛``, ``<U+202E>``): the completion, the suggestion and the list offer
names as shown, and :func:`resolve` finds the file a shown path stands for.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from licscreen.i18n import N_, _
from licscreen.licence.errors import LicenceRefused
from licscreen.licence.files import read_licence_file
from licscreen.licence.update import LoadResult, load_licence
from licscreen.present.text import clean
from licscreen.render.text import safe
from licscreen.store.models import Level
from licscreen.tui.context import app_of
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.literal_input import LiteralInput
from licscreen.tui.widgets.path_input import PathSuggester, complete_path, path_matches, resolve
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

SHOWN_MATCHES = 6
LICENCE_SUFFIXES = (".json", ".lic", ".licence", ".license")  # offered before other files


def matches(value: str) -> list[str]:
    """What ``value`` may go on to, licence-like files before other files."""
    return path_matches(value, LICENCE_SUFFIXES)


def complete(value: str) -> str | None:
    """The longest completion all matches share, when it adds anything."""
    return complete_path(value, LICENCE_SUFFIXES)


class LoadLicenceScreen(ReportWorkerErrors, ModalScreen[LoadResult | None]):
    """Type a path (Tab completes it), Enter loads; a refusal is shown here, the store unchanged."""

    DEFAULT_CSS = """
    LoadLicenceScreen { align: center middle; }
    LoadLicenceScreen > Vertical {
        width: 76; max-width: 95%; height: auto; padding: 1 2;
        border: round $accent; background: $panel;
    }
    LoadLicenceScreen .load-matches { color: $text-muted; height: auto; }
    LoadLicenceScreen .load-error { height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("tab", "complete", N_("Complete the path"), priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("Load licence from file")
            box.border_subtitle = _("Tab completes · Enter loads · Esc cancels")
            yield Static(_("The signed licence file from the vendor or a partner:"))
            yield LiteralInput(placeholder=_("path, e.g. ~/Downloads/licence.json"),
                        suggester=PathSuggester(LICENCE_SUFFIXES), id="licence-path")
            yield Static(classes="load-matches")
            yield Static(classes="load-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(".load-error", Static).update("")
        found = matches(event.value) if event.value else []
        names = [Path(m.rstrip(os.sep)).name + (os.sep if m.endswith(os.sep) else "")
                 for m in found[:SHOWN_MATCHES]]
        more = len(found) - len(names)
        text = Text("  ".join(names))  # names as matches() shows them
        if more > 0:
            text.append("  " + _("… {n} more").format(n=more))
        self.query_one(".load-matches", Static).update(text)

    def action_complete(self) -> None:
        field = self.query_one(Input)
        completed = complete(field.value)
        if completed:
            field.value = completed
            field.cursor_position = len(completed)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.load(resolve(event.value.strip()))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self, path: Path) -> None:
        try:  # a small regular file: a FIFO or a device is refused before it is opened
            data = read_licence_file(path)
        except LicenceRefused as error:
            self.app.call_from_thread(self.refused, clean(str(error), one_line=True))
            return
        try:
            result = load_licence(app_of(self).store, data, now=app_of(self).now())
        except LicenceRefused as error:
            self.app.call_from_thread(self.refused, _("Refused: {reason}").format(reason=error))
            return
        self.app.call_from_thread(self.dismiss, result)

    def refused(self, message: str) -> None:
        """One line, in the error style; the store is unchanged and the dialog stays open."""
        style = level_style(self.app, Level.ERROR)
        self.query_one(".load-error", Static).update(safe(message, style, one_line=True))
