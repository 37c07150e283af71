"""Filtering the System messages, the "N of M shown" count, and the Ends column's countdown.

Mixed into the Status tab's pane, like :mod:`licscreen.tui.events.actions`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import Input

from licscreen.i18n import _
from licscreen.i18n.l10n import fmt_number
from licscreen.present.text import clean
from licscreen.store.events import EventFilter
from licscreen.tui.events.detail import EventDetail
from licscreen.tui.events.rows import EventSource

FILTER_DELAY_S = 0.15  # typing pauses this long before the list is read again
CLOCK_CHECK_S = 1.0  # how often the countdown looks at the clock (it redraws once a minute)


class FilterInput(Input):
    """The filter line above the list: Enter goes back to the list, Escape clears it."""

    DEFAULT_CSS = """
    FilterInput { dock: top; width: 1fr; margin: 0 1; background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", _("Clear the filter")),
    ]

    def action_clear(self) -> None:
        self.value = ""
        self.display = False
        self.post_message(self.Submitted(self, self.value))


class EventListing:
    """Filter, counts and countdown of the Status tab's pane (``self`` is that pane)."""

    where: EventFilter = EventFilter()
    _filter_timer: Timer | None = None
    _minute: datetime | None = None

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one(FilterInput)

    def action_filter_events(self) -> None:
        self.filter_input.display = True
        self.filter_input.focus()

    def action_toggle_finished(self) -> None:
        self.set_filter(replace(self.where, show_finished=not self.where.show_finished))
        shown = _("Finished events are shown.") if self.where.show_finished else _(
            "Finished, failed and cancelled events are hidden.")
        self.app.notify(shown, timeout=2)

    def set_filter(self, where: EventFilter) -> None:
        if where != self.where:
            self.where = where
            self.reload()

    # Named handlers, not @on: a mixin's decorated handlers are not registered by Textual.

    def on_input_changed(self, event: Input.Changed) -> None:
        if not isinstance(event.input, FilterInput):
            return
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        text = event.value
        self._filter_timer = self.set_timer(
            FILTER_DELAY_S, lambda: self.set_filter(replace(self.where, text=text)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not isinstance(event.input, FilterInput):
            return
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self.set_filter(replace(self.where, text=event.value))
        self.table.focus()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        if isinstance(event.input, FilterInput) and not event.value.strip():
            self.filter_input.display = False

    def clear_filter(self) -> None:
        self.filter_input.value = ""
        self.filter_input.display = False
        self.set_filter(EventFilter())

    def show_counts(self, source: EventSource) -> None:
        """'17 events', or '3 of 17 shown' while a filter or the finished toggle holds some back;
        'counting…' until a slow count is made."""
        table = self.table
        n, total = fmt_number(source.count()), fmt_number(source.total)
        if not source.exact:
            table.border_subtitle = _("{n}+ of {total} shown, counting…").format(n=n, total=total)
            table.empty_text = _("No system messages match.")
        elif source.where.active:
            table.border_subtitle = _("{n} of {total} shown").format(n=n, total=total)
            table.empty_text = _("No system messages match.")
        else:
            table.border_subtitle = _("{n} events").format(n=n)
            table.empty_text = _("No system messages.")
        hidden = [] if source.where.show_finished else [_("finished hidden")]
        text = source.where.text.strip()
        filters = [_("filter: {text}").format(text=text)] if text else []
        # Text, not a string: what was typed is shown literally, never read as markup.
        table.border_title = Text(clean(" · ".join([_("System messages"), *filters, *hidden]),
                                        one_line=True))

    def start_countdown(self) -> None:
        self._minute = self._this_minute()
        self.set_interval(CLOCK_CHECK_S, self._tick)

    def _this_minute(self) -> datetime:
        return self.app.now().replace(second=0, microsecond=0)

    def _tick(self) -> None:
        """Once a minute, draw the rows and the description again: 'in 12 min' counts down."""
        minute = self._this_minute()
        if minute != self._minute:
            self._minute = minute
            self.table.redraw_rows()
            self.query_one(EventDetail).redraw()
