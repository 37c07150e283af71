"""The System messages' filter line, and the counts and title it gives the list."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from licscreen.i18n import N_, _
from licscreen.i18n.l10n import fmt_number
from licscreen.present.text import clean
from licscreen.tui.events.rows import EventSource
from licscreen.tui.widgets.literal_input import LiteralInput


class FilterInput(LiteralInput):
    """The filter line above the list: Enter goes back to the list, Escape clears it."""

    DEFAULT_CSS = """
    FilterInput { dock: top; width: 1fr; margin: 0 1; background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", N_("Clear the filter")),
    ]

    def action_clear(self) -> None:
        self.value = ""
        self.display = False
        self.post_message(self.Submitted(self, self.value))


def counts(source: EventSource) -> tuple[Text, str, str]:
    """The list's title, subtitle and what it says when empty: '17 events', or '3 of 17 shown'
    while a filter or the finished toggle holds some back; 'counting…' until a slow count is
    made. The title names the filter and whether finished events are hidden."""
    n, total = fmt_number(source.count()), fmt_number(source.total)
    if not source.exact:
        subtitle = _("{n}+ of {total} shown, counting…").format(n=n, total=total)
    elif source.where.active:
        subtitle = _("{n} of {total} shown").format(n=n, total=total)
    else:
        subtitle = _("{n} events").format(n=n)
    empty = _("No system messages match.") if source.where.active or not source.exact else _(
        "No system messages.")
    hidden = [] if source.where.show_finished else [_("finished hidden")]
    text = source.where.text.strip()
    filters = [_("filter: {text}").format(text=text)] if text else []
    # Text, not a string: what was typed is shown literally, never read as markup.
    title = Text(clean(" · ".join([_("System messages"), *filters, *hidden]), one_line=True))
    return title, subtitle, empty
