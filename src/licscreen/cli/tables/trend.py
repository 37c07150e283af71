"""The table ``trend`` prints for people: a sparkline, the first and last figures, the forecast."""

from __future__ import annotations

from rich.text import Text

from licscreen.cli.output import console, table
from licscreen.cli.tables import STYLES
from licscreen.i18n import _, ngettext
from licscreen.present.history import forecast_words, sparkline
from licscreen.render.text import safe
from licscreen.store import Forecast, Licence, UsageDay

SPARK_WIDTH = 24  # a character for every two weeks of a year


def print_trend(rows: list[tuple[Licence, list[UsageDay], Forecast | None]], days: int) -> None:
    title = ngettext("In use over the last {n} day", "In use over the last {n} days",
                     days).format(n=days)
    numbers = (_("Then"), _("Now"), _("Total"))
    grid = table(_("Licence"), _("Trend"), *numbers, _("Forecast"), title=title,
                 right=numbers, no_wrap=(_("Trend"),))
    for lic, shown, outlook in rows:
        values = [d.in_use for d in shown]
        then = str(values[0]) if values else ""
        style = STYLES[outlook.level] if outlook is not None else ""
        grid.add_row(safe(lic.description, one_line=True),
                     sparkline(values, SPARK_WIDTH, max(d.total for d in shown) if shown else 0),
                     then, str(lic.in_use), "" if lic.unrestricted else str(lic.total),
                     Text(forecast_words(outlook), style=style))
    if not rows:
        grid.add_row(Text(_("No licences."), style="dim"), "", "", "", "", "")
    console().print(grid)
