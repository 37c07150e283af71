"""The tables ``licscreen usage`` prints for people: one per month. Store text through ``safe``."""

from __future__ import annotations

from datetime import datetime

from rich.table import Table
from rich.text import Text

from licscreen.cli.output import console, table
from licscreen.cli.tables import STYLES
from licscreen.i18n import _, ngettext
from licscreen.i18n.l10n import fmt_number
from licscreen.present.amounts import (
    fmt_amount,
    fmt_money,
    fmt_month,
    fmt_percent,
    projection_note,
)
from licscreen.present.labels import service_name
from licscreen.render.text import safe
from licscreen.store import (
    Level,
    ServiceMonth,
    elapsed_share,
    invoice_total,
    month_key,
    projected_invoice_total,
)


def users_words(rows: list[ServiceMonth]) -> str:
    counts = sorted({row.users for row in rows})
    if len(counts) == 1:
        return ngettext("{n} user", "{n} users", counts[0]).format(n=counts[0])
    return _("{low}–{high} users").format(low=counts[0], high=counts[-1])


def month_heading(month: str, rows: list[ServiceMonth], now: datetime) -> Text:
    words = [fmt_month(month)]
    if month == month_key(now):
        words.append(_("so far ({percent} of the month)").format(
            percent=fmt_percent(elapsed_share(month, now))))
    if rows:
        words.append(users_words(rows))
    return Text(" · ".join(words), style="bold")


def month_table(month: str, rows: list[ServiceMonth], currency: str, now: datetime) -> Table:
    current = month == month_key(now)
    numbers = [_("Used"), _("Included"), _("Use"), _("Over"), _("Charge")]
    if current:
        numbers.append(_("Projected"))
    grid = table(_("Service"), *numbers, title=month_heading(month, rows, now), right=numbers,
                 no_wrap=numbers)
    grid.show_edge, grid.padding = False, (0, 1, 0, 0)  # room for the names at 80 wide
    for row in rows:
        unit = row.service.unit
        style = STYLES[Level.ERROR] if row.is_over else ""
        cells: list[Text | str] = [
            safe(service_name(row.service.key, row.service.name), one_line=True),
            Text(fmt_amount(row.used, unit), style),
            fmt_amount(row.included, unit), Text(fmt_percent(row.ratio), style),
            fmt_amount(row.over, unit) if row.is_over else "–",
            Text(fmt_number(row.charge, 2), style)]
        if current and row.projection is not None:
            p = row.projection
            warn = STYLES[Level.WARNING] if p.over > 0 and not row.is_over else style
            cells.append(Text(fmt_percent(p.ratio), warn))
        grid.add_row(*cells)
    if current:
        caption = _("Invoice so far: {total}; projected for the month: {projected}").format(
            total=fmt_money(invoice_total(rows), currency),
            projected=fmt_money(projected_invoice_total(rows), currency))
    else:
        caption = _("Invoice total: {total}").format(total=fmt_money(invoice_total(rows), currency))
    grid.caption, grid.caption_justify = Text(caption), "left"
    return grid


def print_usage(figures: list[tuple[str, list[ServiceMonth]]], currency: str,
                now: datetime) -> None:
    out = console()
    if not any(rows for _month, rows in figures):
        out.print(Text(_("This store has no metered services."), style="dim"))
        return
    for n, (month, rows) in enumerate(figures):
        if n:
            out.print()
        out.print(month_table(month, rows, currency, now))
    if any(month == month_key(now) for month, _rows in figures):
        out.print(Text(projection_note(), style="dim"))
