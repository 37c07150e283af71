"""What the consumption dashboard says: table rows, the month's heading, the service's details.

Plain functions from the arithmetic's :class:`ServiceMonth` to Rich text; store text goes
through ``safe``. The styles come from the app's theme (``level_style``).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import App

from licscreen.i18n import N_, _, ngettext
from licscreen.i18n.l10n import fmt_day_month, fmt_number
from licscreen.i18n.l10n import fmt_money as money
from licscreen.present.amounts import (
    fmt_amount,
    fmt_money,
    fmt_month,
    fmt_percent,
    month_date,
)
from licscreen.present.export import USAGE_CSV_FIELDS, consumption_json, usage_csv_rows
from licscreen.present.labels import longest_service_name, service_name
from licscreen.present.listing import ListView, apply_view
from licscreen.render.text import safe
from licscreen.store import Level, ServiceMonth, elapsed_share, month_key, shift_month
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.levels import level_style
from licscreen.tui.widgets.table_model import Column, Row


def service_columns() -> list[Column]:
    """The dashboard's columns; the services' names are as long as the language makes them."""
    return [
        Column(N_("Service"), min_width=max(25, longest_service_name())),  # 25 in English
        Column(N_("Used"), width=8, justify="right"),
        Column(N_("Included"), width=8, justify="right"),
        Column(N_("Use"), width=5, justify="right"),
        Column(N_("Over"), width=7, justify="right"),
        Column(N_("Charge"), width=9, justify="right"),
        Column(N_("Projected"), width=9, justify="right", drop_order=1),  # first to go
        Column("", min_width=0),  # takes half the slack, keeping the figures near the names
    ]


# The dashboard's columns as a sort names them (the last, the slack, is not sortable).
SERVICE_SORT: list[str | None] = ["name", "used", "included", "ratio", "over", "charge",
                                  "projected", None]
SERVICE_KEYS = {
    "name": lambda r: r.service.name, "used": lambda r: r.used,
    "included": lambda r: r.included, "ratio": lambda r: r.ratio, "over": lambda r: r.over,
    "charge": lambda r: r.charge,
    "projected": lambda r: r.projection.ratio if r.projection is not None else None,
}


def shown_services(rows: list[ServiceMonth], view: ListView) -> list[ServiceMonth]:
    """The month's services as the view shows them (the filter: any column as shown, or the
    service's key)."""
    return apply_view(rows, view, keys=SERVICE_KEYS,
                      texts=lambda r: [*service_texts(r), r.service.key])


def services_export(month: str, currency: str, every: list[ServiceMonth],
                    shown: list[ServiceMonth]) -> ExportSource:
    """The month's services as the view shows them, as ``licscreen usage --month M --json``
    (a list of the month's object, its services the shown ones, its totals the month's) and
    ``--csv`` write them."""
    data = consumption_json(month, currency, every, shown)

    def rows() -> Iterator[dict[str, Any]]:
        return iter([data])

    return ExportSource(USAGE_CSV_FIELDS, rows, lambda: len(shown),
                        lambda: usage_csv_rows([data]))


def row_level(row: ServiceMonth) -> Level:
    """Error once over the threshold; a warning when the projection passes it."""
    if row.is_over:
        return Level.ERROR
    if row.projection is not None and row.projection.over > 0:
        return Level.WARNING
    return Level.NORMAL


def service_texts(row: ServiceMonth) -> tuple[str, ...]:
    """A service's month as its row shows it: name, used, included, use, over, charge and the
    projection (the current month's)."""
    unit = row.service.unit
    return (service_name(row.service.key, row.service.name), fmt_amount(row.used, unit),
            fmt_amount(row.included, unit), fmt_percent(row.ratio),
            fmt_amount(row.over, unit) if row.is_over else "–", fmt_number(row.charge, 2),
            fmt_percent(row.projection.ratio) if row.projection is not None else "")


def service_row(row: ServiceMonth, app: App[Any]) -> Row:
    style = level_style(app, row_level(row))
    name, used, included, ratio, over, charge, projected = service_texts(row)
    return Row(row.service.key, (
        safe(name, one_line=True),
        Text(used, style if row.is_over else ""),
        Text(included),
        Text(ratio, style),
        Text(over, style) if row.is_over else Text(over, "dim"),
        Text(charge, style if row.is_over else "dim"),
        Text(projected, style),
    ))


def month_heading(month: str, now: datetime) -> Text:
    """'November 2026 · this month, 91 % gone' or 'October 2026 · closed'."""
    text = Text(fmt_month(month))
    if month == month_key(now):
        text.append(" · " + _("this month, {percent} gone").format(
            percent=fmt_percent(elapsed_share(month, now))))
    elif month > month_key(now):
        text.append(" · " + _("not begun"))
    return text


def fmt_about(value: float, currency: str) -> str:
    """A projected sum: whole units from 100 on ('NOK 420'), else two decimals ('NOK 1.31')."""
    if value < 100:
        return fmt_money(value, currency)
    return money(round(value), currency, decimals=0)


def last_day(month: str) -> str:
    """The month's last day, '30 Nov'."""
    first = month_date(month)
    return fmt_day_month(first.replace(day=calendar.monthrange(first.year, first.month)[1]))


def invoice_line(total: float, projected: float | None, currency: str) -> Text:
    if projected is None:
        return Text(_("Invoice {total}").format(total=fmt_money(total, currency)))
    return Text(_("Invoice so far {total} · projected {projected}").format(
        total=fmt_money(total, currency), projected=fmt_money(projected, currency)))


def threshold_line(row: ServiceMonth) -> Text:
    """How the included amount is made: 'Included: 20,000 + 500 per user × 40 users = 40,000'."""
    s, unit = row.service, row.service.unit
    if s.per_user == 0:
        return Text(_("Included: {included}").format(included=fmt_amount(row.included, unit)))
    users = ngettext("{n} user", "{n} users", row.users).format(n=row.users)
    return Text(_("Included: {base} + {per_user} per user × {users} = {included}").format(
        base=fmt_amount(s.base, unit), per_user=fmt_amount(s.per_user, unit), users=users,
        included=fmt_amount(row.included, unit)))


def outcome_line(row: ServiceMonth, currency: str, app: App[Any]) -> Text:
    """The projection for the current month; what was billed for a closed one."""
    style = level_style(app, row_level(row))
    p = row.projection
    if p is not None:
        if p.ratio is None:
            words = _("Projected {amount} at the month's end: about {money} over").format(
                amount=fmt_amount(p.amount, row.service.unit), money=fmt_about(p.charge, currency))
        elif p.over > 0:
            words = _("Projected {percent} of included: about {money} over").format(
                percent=fmt_percent(p.ratio), money=fmt_about(p.charge, currency))
        else:
            words = _("Projected {percent} of included: stays under the threshold").format(
                percent=fmt_percent(p.ratio))
        return Text(words, style)
    if row.is_over:
        return Text(_("{over} over the threshold: {money} on the next invoice").format(
            over=fmt_amount(row.over, row.service.unit), money=fmt_money(row.charge, currency)),
            style)
    return Text(_("Under the threshold: nothing to pay"))


def method_line(row: ServiceMonth, previous: ServiceMonth | None, now: datetime) -> Text:
    """How the projection is made, for this service; for a closed month, when it is billed."""
    if row.projection is None:
        return Text(_("A closed month: any overage is billed on the next monthly invoice."),
                    style="dim")
    length = calendar.monthrange(*map(int, row.month.split("-")))[1]
    month_end = last_day(row.month)
    if row.service.unit == "bytes":
        if previous is None or (previous.used == 0 and row.projection.amount == row.used):
            return Text(_("Projected: no earlier month to grow from, so as used now."),
                        style="dim")
        growth = row.used - previous.used
        sign = "+" if growth >= 0 else "−"
        words = _("Projected: the growth since {day} ({growth}) carried on to {end}.").format(
            day=last_day(shift_month(row.month, -1)),
            growth=sign + fmt_amount(abs(growth), "bytes"), end=month_end)
        return Text(words, style="dim")
    days = elapsed_share(row.month, now) * length
    words = _("Projected: {used} in {days} of {length} days, scaled to the whole month.").format(
        used=fmt_amount(row.used, "count"), days=fmt_number(days, 1), length=length)
    return Text(words, style="dim")


def detail_text(row: ServiceMonth | None, previous: ServiceMonth | None, currency: str,
                now: datetime, app: App[Any]) -> Text:
    if row is None:
        return Text(_("No metered services in this store."), style="dim italic")
    lines = [threshold_line(row), outcome_line(row, currency, app),
             method_line(row, previous, now)]
    return Text("\n").join(lines)
