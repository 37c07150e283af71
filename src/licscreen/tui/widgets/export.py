"""Export a list as it is shown (its filter and sort) to a CSV or JSON file, in the command
line's formats (:mod:`licscreen.present.export`): a path asked for with Tab completion, an
existing file overwritten only when confirmed, the rows written in a thread with a progress bar
(a million events in constant memory), to a temporary file renamed over the path at the end.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static
from textual.worker import get_current_worker

from licscreen.i18n import N_, _, ngettext
from licscreen.i18n.l10n import fmt_number
from licscreen.present.export import write_rows
from licscreen.present.text import clean
from licscreen.tui.widgets.confirm import ConfirmScreen
from licscreen.tui.widgets.literal_input import LiteralInput
from licscreen.tui.widgets.path_input import PathSuggester, complete_path, resolve
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

EXPORT_SUFFIXES = (".csv", ".json")


@dataclass(frozen=True)
class ExportSource:
    """What a list exports: its fields (the CLI's), its rows as the view shows them, and how
    many (None: unknown). Both are called in the writing thread: they may read the store.
    ``csv_rows``: the rows as CSV has them, when its shape is not the JSON's (the audit's
    entries, a row per change)."""

    fields: list[str]
    rows: Callable[[], Iterator[dict[str, Any]]]
    count: Callable[[], int | None]
    csv_rows: Callable[[], Iterator[dict[str, Any]]] | None = None


class Stopped(Exception):
    """The export was cancelled."""


class ExportScreen(ReportWorkerErrors, ModalScreen[None]):
    """Type a path (Tab completes it; ``.json`` writes JSON, anything else CSV), Enter writes."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen .export-body {
        width: 72; max-width: 100%; height: auto; padding: 1 2;
        border: round $accent; background: $panel;
        border-title-color: $text-accent; border-subtitle-color: $text-muted;
    }
    ExportScreen .export-message { height: auto; margin-top: 1; }
    ExportScreen ProgressBar { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("tab", "complete", N_("Complete the path"), priority=True),
    ]

    def __init__(self, source: Callable[[], ExportSource], name: str) -> None:
        super().__init__()
        self.source = source
        self.list_name = name
        self._writing = False

    def compose(self) -> ComposeResult:
        default = os.path.join(os.getcwd(), f"licscreen-{self.list_name.replace('/', '-')}.csv")
        with Vertical(classes="export-body") as box:
            box.border_title = _("Export the list")
            box.border_subtitle = _("Tab completes · .json: JSON, else CSV · Enter writes · "
                                    "Esc cancels")
            yield LiteralInput(clean(default, one_line=True), id="export-path",
                               suggester=PathSuggester(EXPORT_SUFFIXES))
            yield Static(Text(_("The rows shown, filtered and sorted as shown."), style="dim"),
                         classes="export-message")
            bar = ProgressBar(show_eta=False)
            bar.display = False
            yield bar

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_complete(self) -> None:
        field = self.query_one(Input)
        completed = complete_path(field.value, EXPORT_SUFFIXES)
        if completed:
            field.value = completed
            field.cursor_position = len(completed)

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "export")
        self.dismiss(None)

    def say(self, text: str, *, error: bool = False) -> None:
        self.query_one(".export-message", Static).update(
            Text(clean(text, one_line=True), style="bold red" if error else ""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._writing:
            return
        shown = event.value.strip()
        if not shown:
            self.say(_("Type the path of the file to write."), error=True)
            return
        path = resolve(shown)
        if path.is_dir():
            self.say(_("{path} is a folder: add a file name.").format(path=shown), error=True)
            return
        if not path.parent.is_dir():
            self.say(_("No folder {path}.").format(path=str(path.parent)), error=True)
            return
        if path.exists() or path.is_symlink():
            if not path.is_file():
                self.say(_("{path} is not a regular file: not overwritten.").format(path=shown),
                         error=True)
                return
            question = ConfirmScreen(_("Overwrite the file?"), Text(clean(str(path))),
                                     yes=_("Overwrite"), danger=True)
            self.app.push_screen(question, lambda yes: self._start(path) if yes else None)
            return
        self._start(path)

    def _start(self, path: Path) -> None:
        self._writing = True
        bar = self.query_one(ProgressBar)
        bar.display = True
        self.say(_("Writing {path}…").format(path=str(path)))
        self.write_file(path)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def write_file(self, path: Path) -> None:
        worker = get_current_worker()
        source = self.source()
        bar = self.query_one(ProgressBar)
        self.app.call_from_thread(bar.update, total=source.count())

        def progress(written: int) -> None:
            if worker.is_cancelled:
                raise Stopped
            self.app.call_from_thread(bar.update, progress=written)

        fd, temporary = tempfile.mkstemp(prefix=".licscreen-export-", dir=path.parent)
        try:
            # the file overwritten keeps its mode; a new one is readable as a shell's (not 0600)
            os.fchmod(fd, path.stat().st_mode & 0o777 if path.exists() else 0o644)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
                as_json = path.suffix.lower() == ".json"
                rows = source.rows if as_json or source.csv_rows is None else source.csv_rows
                written = write_rows(file, source.fields, rows(), as_json=as_json,
                                     progress=progress)
            os.replace(temporary, path)
        except Stopped:
            Path(temporary).unlink(missing_ok=True)
            return
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            self.app.call_from_thread(self._failed, str(error.strerror or error))
            return
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.app.call_from_thread(self._done, path, written)

    def _failed(self, reason: str) -> None:
        self._writing = False
        self.query_one(ProgressBar).display = False
        self.say(_("Not written: {reason}").format(reason=reason), error=True)

    def _done(self, path: Path, written: int) -> None:
        words = ngettext("{n} row written to {path}.", "{n} rows written to {path}.", written)
        self.app.notify(clean(words.format(n=fmt_number(written), path=str(path)),
                              one_line=True), markup=False, timeout=5)
        self.dismiss(None)
