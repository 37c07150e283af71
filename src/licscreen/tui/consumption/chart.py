"""One metered service month by month: bars for the usage, a line for the threshold.

Drawn by Plotext through textual-plotext's widget. This module is imported only when the
consumption dashboard opens, so the app does not pay for Plotext at start-up.
"""

from __future__ import annotations

import math
from typing import Any

from rich.text import Text
from textual.app import App, RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot

from licscreen.i18n import _
from licscreen.i18n.l10n import fmt_month_label
from licscreen.present.amounts import fmt_axis, month_date
from licscreen.store import ServiceMonth

MONTHS_NARROW = 12
MONTHS_WIDE = 24
WIDE_FROM = 120  # the chart's width from which 24 months are drawn
BAR_WIDTH = 0.6
PROJECTED_MARKER = "░"
OVER_MARKER = "●"
USED_LINE_KEY = "▀▀"
PLOT_CHROME_ROWS = 3  # Plotext's frame above and below, and the month labels

RGB = tuple[int, int, int]
Points = list[tuple[int, float]]  # (month's place, amount)


MANTISSAS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def nice_step(span: float, intervals: int) -> float:
    """The smallest round step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) for
    which ``intervals`` steps cover ``span``."""
    raw = max(span, 1e-9) / max(1, intervals)
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in MANTISSAS if m * power >= raw * (1 - 1e-9)))


def axis_ticks(low: float, high: float, rows: int) -> list[float]:
    """Round ticks from at most ``low`` to at least ``high``: up to five, three rows or more
    apart on a plot ``rows`` high, so that labels never touch."""
    intervals = max(1, min(4, (rows - 1) // 3))
    step = nice_step(high - low, intervals)
    while True:
        bottom = math.floor(low / step) * step
        if bottom + step * intervals >= high:
            return [bottom + step * n for n in range(intervals + 1)]
        step = nice_step(step * intervals * 1.01, intervals)


def month_labels(months: list[str], slot: float) -> list[str]:
    """Short month names; every other one when a bar's slot is too narrow to hold three letters."""
    every = 1 if slot >= 4 else 2
    labels = []
    for n, month in enumerate(months):
        day = month_date(month)
        labels.append(fmt_month_label(day) if (len(months) - 1 - n) % every == 0 else "")
    return labels


def legend(app: App[Any], unit: str) -> Text:
    """What the marks mean: bars for counted services, a line for storage (a level)."""
    theme = app.current_theme
    used, over = ("█", "█") if unit == "count" else (USED_LINE_KEY, OVER_MARKER)
    return Text.assemble(
        (used, theme.primary or ""), " ", _("used"), "  ",
        (over, theme.error or ""), " ", _("over"), "  ",
        (PROJECTED_MARKER, theme.primary or ""), " ", _("projected"), "  ",
        ("⠒⠒", theme.warning or ""), " ", _("included"),
    )


class UsageChart(PlotextPlot):
    """The months up to the selected one: 12, or 24 when the chart is wide enough."""

    DEFAULT_CSS = """
    UsageChart { width: 1fr; height: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.series: list[ServiceMonth] = []

    def show(self, series: list[ServiceMonth]) -> None:
        """Draw ``series`` (oldest first, ending with the selected month)."""
        self.series = series
        self.refresh()

    @property
    def month_count(self) -> int:
        return MONTHS_WIDE if self.size.width >= WIDE_FROM else MONTHS_NARROW

    @property
    def shown(self) -> list[ServiceMonth]:
        return self.series[-self.month_count :]

    def render(self) -> RenderResult:
        self._draw(self.shown)
        return super().render()

    def _draw(self, shown: list[ServiceMonth]) -> None:
        plt = self.plt
        plt.clear_data()
        if not shown:
            return
        theme = self.app.current_theme
        colours = [Color.parse(c).rgb for c in (theme.primary, theme.error, theme.warning)]
        x = list(range(1, len(shown) + 1))
        projected = [(n, r.projection.amount) for n, r in zip(x, shown, strict=True)
                     if r.projection is not None and r.projection.amount > r.used]
        values = [r.used for r in shown] + [r.included for r in shown] + [a for _n, a in projected]
        threshold = [r.included for r in shown]
        if shown[-1].service.unit == "bytes":
            # Storage is a level that moves slowly: a line, on an axis around its values,
            # drawn over the threshold so that where it crosses it shows.
            low = min(values)
            plt.plot(x, threshold, color=colours[2], marker="braille")
            self._draw_level(x, shown, projected, colours)
        else:
            # Counts: bars from zero, the threshold drawn across them.
            low = 0.0
            self._draw_counts(x, shown, projected, colours)
            plt.plot(x, threshold, color=colours[2], marker="braille")
        ticks = axis_ticks(low, max([*values, 1.0]), self.size.height - PLOT_CHROME_ROWS)
        plt.ylim(ticks[0], ticks[-1])
        plt.yticks(ticks, [fmt_axis(tick, shown[-1].service.unit) for tick in ticks])
        slot = max(1, self.size.width - 10) / len(shown)
        plt.xticks([float(n) for n in x], month_labels([r.month for r in shown], slot))
        plt.xlim(0.4, len(shown) + 0.6)

    def _draw_counts(self, x: list[int], shown: list[ServiceMonth], projected: Points,
                     colours: list[RGB]) -> None:
        # One bar per call: Plotext scales a call's bar width by the spacing of its bars.
        used, over, _line = colours
        for n, amount in projected:  # under the bar of what is used so far
            self.plt.bar([n], [amount], color=used, width=BAR_WIDTH, marker=PROJECTED_MARKER)
        for n, row in zip(x, shown, strict=True):
            self.plt.bar([n], [row.used], width=BAR_WIDTH, color=over if row.is_over else used)

    def _draw_level(self, x: list[int], shown: list[ServiceMonth], projected: Points,
                    colours: list[RGB]) -> None:
        used, over, _line = colours
        self.plt.plot(x, [r.used for r in shown], color=used, marker="hd")
        if projected:
            self.plt.scatter([n for n, _a in projected], [a for _n, a in projected], color=used,
                             marker=PROJECTED_MARKER)
        points = [(n, r.used) for n, r in zip(x, shown, strict=True) if r.is_over]
        if points:
            self.plt.scatter([n for n, _v in points], [v for _n, v in points], color=over,
                             marker=OVER_MARKER)
