"""The filter line of any list: a one-line prompt at the bottom, over the list it filters.

The list follows what is typed (after a short pause); Enter keeps the filter and goes back to
the list, Escape clears it. Dismissed with the text kept ('' when cleared).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input

from licscreen.i18n import N_, _
from licscreen.tui.widgets.literal_input import LiteralInput
from licscreen.tui.widgets.typing_pause import TypingPause


class FilterPrompt(ModalScreen[str]):
    """Filter ``title``'s list: text in any column, ``!text`` the rows without it."""

    DEFAULT_CSS = """
    FilterPrompt { align: left bottom; background: $background 0%; }
    FilterPrompt .filter-prompt {
        width: 100%; height: 3; border: round $accent; background: $panel;
        border-title-color: $text-accent; border-subtitle-color: $text-muted;
    }
    FilterPrompt .filter-prompt Input { border: none; height: 1; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", N_("Clear the filter")),
    ]

    def __init__(self, title: str, text: str, changed: Callable[[str], None]) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.changed = changed
        self._typing = TypingPause(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="filter-prompt") as box:
            box.border_title = _("Filter: {list}").format(list=self.title_text)
            box.border_subtitle = _("text in any column · !text without it · Enter keeps · "
                                    "Esc clears")
            yield LiteralInput(self.text, placeholder=_("Filter"), compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        value = event.value
        self._typing.restart(lambda: self.changed(value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._finish(event.value)

    def action_clear(self) -> None:
        self._finish("")

    def _finish(self, value: str) -> None:
        self._typing.stop()
        self.changed(value)
        self.dismiss(value)
