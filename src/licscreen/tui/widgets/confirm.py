"""A yes-or-no question in a modal: delete this, cancel that. Dismissed with True for yes."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from licscreen.i18n import N_, _


class ConfirmScreen(ModalScreen[bool]):
    """Asks before something that cannot be undone.

    ``danger`` draws it in the error colour and puts the focus on *No*, so that a hasty Enter
    answers no. ``y`` and ``n`` answer from anywhere in it; Escape is no.
    """

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen .confirm-body {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 2 0 2;
        border: round $accent;
        border-title-color: $text-accent;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $panel;
    }
    ConfirmScreen.-danger .confirm-body { border: round $error; border-title-color: $text-error; }
    ConfirmScreen .confirm-text { height: auto; }
    ConfirmScreen .confirm-buttons { height: 1; margin: 1 0; align-horizontal: right; }
    ConfirmScreen .confirm-buttons Button { margin-left: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
        Binding("left,h", "app.focus_previous", N_("Previous button"), show=False),
        Binding("right,l", "app.focus_next", N_("Next button"), show=False),
    ]

    def __init__(self, title: str, body: RenderableType, *, yes: str, no: str | None = None,
                 danger: bool = False) -> None:
        super().__init__(classes="-danger" if danger else None)
        self.title_text = title
        self.body = body
        self.yes_label = yes
        self.no_label = no or _("No")
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-body") as body:
            body.border_title = self.title_text
            body.border_subtitle = _("y yes · n no")
            yield Static(self.body, classes="confirm-text")
            with Horizontal(classes="confirm-buttons"):
                yield Button(self.no_label, id="no", compact=True)
                yield Button(self.yes_label, id="yes", compact=True,
                             variant="error" if self.danger else "primary")

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
