"""A licence's seats over a year as Rich text: in use as bars against its total, the total's
changes marked, months along the foot. The app's licence detail shows it; no Textual here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from math import ceil

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from licscreen.i18n import _
from licscreen.i18n.l10n import fmt_month_label
from licscreen.store import UsageDay
from licscreen.store.models import Level

EIGHTHS = " ▁▂▃▄▅▆▇█"
GUTTER = 4  # the scale's figures on the left


@dataclass(frozen=True, slots=True)
class Column:
    """A few days in one column: the most in use, the total at the end, the month that
    starts in it (None: none does), whether the total changed in it."""

    in_use: int
    total: int
    month: date | None
    total_changed: bool


def columns(days: Sequence[UsageDay], count: int) -> list[Column]:
    """``days`` in ``count`` columns, or one a day if fewer."""
    count = max(1, min(count, len(days)))
    out: list[Column] = []
    previous_total = days[0].total if days else 0
    for n in range(count):
        chunk = days[n * len(days) // count:(n + 1) * len(days) // count]
        last = chunk[-1].total
        month = next((d.day for d in chunk if d.day.day == 1), None) if n > 0 else None
        out.append(Column(max(d.in_use for d in chunk), last, month,
                          n > 0 and ({d.total for d in chunk} != {last}
                                     or last != previous_total)))
        previous_total = last
    return out


def month_row(cols: Sequence[Column]) -> str:
    """The months' short names under the columns they start in, where there is room."""
    cells = [" "] * len(cols)
    free_from = 0
    for n, col in enumerate(cols):
        if col.month is None or n < free_from:
            continue
        label = fmt_month_label(col.month)
        if n + len(label) > len(cells):
            break
        cells[n:n + len(label)] = list(label)
        free_from = n + len(label) + 1
    return "".join(cells).rstrip()


class SeatChart:
    """In use (bars) and the total (a dashed line) over ``days``, ``height`` rows high."""

    def __init__(self, days: Sequence[UsageDay], style_for: Callable[[Level], str], *,
                 height: int = 5, most: int = 53) -> None:
        self.days, self.style_for, self.height, self.most = days, style_for, height, most

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.days:
            yield Text(_("No history yet."), style="dim italic")
            return
        cols = columns(self.days, min(self.most, max(8, options.max_width - GUTTER)))
        top = max(1, *(c.in_use for c in cols), *(c.total for c in cols))
        eighths = self.height * 8
        for row in range(self.height):
            floor = (self.height - 1 - row) * 8  # the eighths below this row
            line = Text(f"{top:>{GUTTER - 1}} " if row == 0 else
                        f"{0:>{GUTTER - 1}} " if row == self.height - 1 else " " * GUTTER,
                        style="dim")
            for col in cols:
                bar = ceil(col.in_use * eighths / top) if col.in_use else 0
                total_row = self.height - 1 - min(self.height - 1,
                                                  (col.total * eighths // top - 1) // 8)
                fill = max(0, min(8, bar - floor))
                level = (Level.ERROR if col.in_use > col.total else
                         Level.WARNING if col.in_use == col.total else Level.NORMAL)
                if fill:
                    line.append(EIGHTHS[fill], style=self.style_for(level) or "cyan")
                elif row == total_row:
                    line.append("╌", style="dim")
                else:
                    line.append(" ")
            yield line
        axis = Text(" " * GUTTER, style="dim")
        for col in cols:
            axis.append("▲" if col.total_changed else "─",
                        style="bold" if col.total_changed else "dim")
        yield axis
        yield Text(" " * GUTTER + month_row(cols), style="dim")
        legend = Text(" " * GUTTER)
        legend.append("█", style=self.style_for(Level.NORMAL) or "cyan")
        legend.append(" " + _("in use") + "  ")
        legend.append("╌", style="dim")
        legend.append(" " + _("total") + "  ")
        legend.append("▲", style="bold")
        legend.append(" " + _("total changed"))
        yield legend
