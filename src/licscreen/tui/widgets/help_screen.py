"""The help screen: every key that works where you are, read from the bindings themselves."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from licscreen.i18n import N_, _
from licscreen.tui.textual_compat import class_bindings


def described_bindings(node: type[DOMNode]) -> list[tuple[list[str], str]]:
    """(keys, description) for each action of a class (its own and inherited bindings);
    the bindings of a group (the tab keys) share one line."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for key, bindings in class_bindings(node).key_to_bindings.items():
        for binding in bindings:
            if binding.group is not None:
                grouped.setdefault(("", _(binding.group.description)), []).append(key)
            elif binding.description and not binding.system:  # Textual's words too
                grouped.setdefault((binding.action, _(binding.description)), []).append(key)
    return [(keys, description) for (_action, description), keys in grouped.items()]


def keys_display(app: App[Any], keys: list[str]) -> str:
    if len(keys) > 2 and all(key.isdigit() for key in keys):
        return f"{keys[0]}–{keys[-1]}"
    return ", ".join(app.get_key_display(Binding(key, "")) for key in keys)


def help_sections(app: App[Any]) -> list[tuple[str, type[DOMNode]]]:
    """The app's keys, then those of the focused widget and the panels around it."""
    from licscreen.tui.widgets.paged_table import PagedTable

    sections: list[tuple[str, type[DOMNode]]] = [(_("Everywhere"), type(app))]
    node: DOMNode | None = app.focused
    while node is not None and node is not app.screen:
        kind = type(node)
        if kind.__dict__.get("BINDINGS") and kind not in (s[1] for s in sections):
            title = _("In a list") if kind is PagedTable else _(getattr(node, "HELP_TITLE", ""))
            sections.append((title or _("Here"), kind))
        node = node.parent
    if PagedTable not in (s[1] for s in sections):
        sections.append((_("In a list"), PagedTable))
    return sections


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the app and of where the focus is; Escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", N_("Close help")),
    ]

    def __init__(self, sections: list[tuple[str, type[DOMNode]]]) -> None:
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
        for title, node in self.sections:
            table.add_row(Text(title, style="underline"), "")
            for keys, description in described_bindings(node):
                table.add_row(Text(keys_display(self.app, keys)), Text(description))
            table.add_row("", "")
        table.add_row(Text(_("Command palette"), style="underline"), "")
        table.add_row(self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "")),
                      _("jump to a licence or a system event by name"))
        table.add_row("", "")
        table.add_row(Text(_("Mouse"), style="underline"), "")
        table.add_row(_("click"), _("select a tab, a row or a button"))
        table.add_row(_("double click"), _("the same as Enter on a row"))
        table.add_row(_("click a header"), _("sort the list by that column; again, the other way"))
        table.add_row(_("wheel"), _("scroll a list or panel"))
        return table

    def action_close(self) -> None:
        self.dismiss()
