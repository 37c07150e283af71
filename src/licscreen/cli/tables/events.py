"""The table ``licscreen events list`` prints for people. Store text goes through ``safe``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rich.segment import Segment, Segments
from rich.text import Text

from licscreen.cli.output import console, table
from licscreen.cli.tables import STYLES
from licscreen.i18n import _
from licscreen.present.labels import event_name, scope_label, status_label
from licscreen.present.time import fmt_time, fmt_until
from licscreen.render.text import safe
from licscreen.store.models import Level, SystemEvent


def _one_line(value: str) -> Text:
    text = safe(value, one_line=True)
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


def _type(event: SystemEvent) -> Text:
    text = Text(scope_label(event.scope))
    if event.owner_name:
        text.append(":")
        text.append_text(safe(event.owner_name, one_line=True))
    return text


def _ends(event: SystemEvent, now: datetime) -> Text:
    if event.ends is None:
        return Text("")
    if event.status.is_over:
        return Text(fmt_time(event.ends, now), style="dim")
    style = STYLES[Level.WARNING] if event.is_overdue(now) else ""
    return Text(fmt_until(event.ends, now), style=style)


def print_events(pages: Iterable[list[SystemEvent]], now: datetime) -> None:
    """One line per event; on a narrow terminal Type, then Activated and By, are left out.

    Printed a page of events at a time, a long list is never held whole: each page is a table
    of its own with the same fixed columns, and they read as one, the top edge and the header
    coming from the first, the bottom edge from the last.
    """
    out = console()
    columns = [(_("ID"), 3), (_("Operation"), 18), (_("Status"), 10), (_("Message"), 0),
               (_("Activated"), 14), (_("By"), 8), (_("Ends"), 15), (_("Type"), 14)]
    if out.width < 120:
        columns = columns[:4] + columns[6:]
    if out.width < 100:
        columns = columns[:-1]
    fixed = sum(width for _title, width in columns) + 2 * (len(columns) - 1)
    message_width = max(12, out.width - fixed)
    titles = [title for title, _width in columns]
    bottom: list[Segment] = []
    for number, page in enumerate(pages):
        grid = table(*titles, right=titles[:1], no_wrap=titles)
        grid.show_header = number == 0
        for column, (_title, width) in zip(grid.columns, columns, strict=True):
            column.width = width or message_width
            column.overflow = "ellipsis"
        for event in page:
            cells = _cells(event, now)
            grid.add_row(*(cells[title] for title in titles))
        top, *lines, bottom = out.render_lines(grid, pad=False, new_lines=True)
        shown = [top, *lines] if number == 0 else lines
        out.print(Segments([segment for line in shown for segment in line]), end="")
    if not bottom:
        out.print(Text(_("No system events."), style="dim"))
        return
    out.print(Segments(bottom), end="")


def _cells(event: SystemEvent, now: datetime) -> dict[str, Text]:
    by = safe(event.activated_by, one_line=True) if event.activated_by else Text(
        _("system"), style="dim")
    return {
        _("ID"): Text(str(event.id)),
        _("Operation"): safe(event_name(event.key, event.name), one_line=True),
        _("Status"): Text(status_label(event.status)),
        _("Message"): safe(event.message, one_line=True),
        _("Activated"): Text(fmt_time(event.activated, now)),
        _("By"): by,
        _("Ends"): _ends(event, now),
        _("Type"): _type(event),
    }
