"""The help screen: every key, where it works, and what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from licscreen.i18n import _


def _bindings(owner: type) -> list[Binding]:
    return [b for b in getattr(owner, "BINDINGS", []) if isinstance(b, Binding)]


class HelpScreen(ModalScreen[None]):
    """Lists the bindings of the app and of each widget, read from the classes themselves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", _("Close help")),
    ]

    def __init__(self, sections: list[tuple[str, type]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="help-body") as body:
            body.border_title = _("Keys")
            body.border_subtitle = _("Esc closes")
            yield Static(self._table())

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, owner in self.sections:
            table.add_row(Text(title, style="underline"), "")
            for binding in _bindings(owner):
                keys = ", ".join(self.app.get_key_display(Binding(k, "")) for k in binding.key.split(","))
                table.add_row(Text(keys), Text(binding.description))
            table.add_row("", "")
        table.add_row(Text(_("Mouse"), style="underline"), "")
        table.add_row(_("click"), _("select a tab, a row or a button"))
        table.add_row(_("double click"), _("the same as Enter on a row"))
        table.add_row(_("wheel"), _("scroll a list or panel"))
        return table

    def action_dismiss(self) -> None:
        self.dismiss()
