"""The tables ``licscreen status`` prints for people. Store text goes through ``safe``."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group
from rich.table import Table
from rich.text import Text

from licscreen.cli.output import console, table
from licscreen.cli.tables import STYLES
from licscreen.i18n import _
from licscreen.i18n.l10n import fmt_money, fmt_number
from licscreen.present.amounts import fmt_amount, fmt_percent
from licscreen.present.labels import event_name, restriction_name, service_name, status_label
from licscreen.present.mirror import is_stale, mirror_of_words, plan_gap, usage_gap
from licscreen.present.text import clean
from licscreen.present.time import fmt_date, fmt_days_left, fmt_time
from licscreen.render.facts import database_rows, restriction_text
from licscreen.render.text import safe
from licscreen.store import (
    Installation,
    Level,
    Licence,
    Summary,
    invoice_total,
    projected_invoice_total,
)


def title(words: str) -> Text:
    return Text(words, style="bold")


def owners_table(summary: Summary) -> Table:
    today = summary.now.astimezone().date()
    columns = (_("Owner"), _("Company"), _("Serial number"), _("Expires"), _("Left"))
    grid = table(*columns, title=title(_("Licence owners")), no_wrap=columns[2:])
    for entry in summary.owners:
        owner = entry.owner
        days = owner.days_left(today)
        left = (Text(_("never"), style="dim") if days is None
                else Text(fmt_days_left(days), style=STYLES[owner.expiry_level(today)]))
        grid.add_row(safe(owner.name, one_line=True), safe(owner.company_name, one_line=True),
                     safe(owner.serial_number, one_line=True), Text(fmt_date(owner.expires)),
                     left)
    return grid


def database_grid(inst: Installation, summary: Summary) -> Table:
    grid = table("", "", title=title(_("Database")))
    grid.show_header = False
    for label, value in database_rows(inst, summary.now.astimezone().date(), STYLES.__getitem__):
        grid.add_row(label, value)
    if inst.subscription:
        grid.add_row(_("Subscription"), safe(inst.subscription, one_line=True))
    if inst.plan:
        grid.add_row(_("Plan"), safe(inst.plan, one_line=True))
    for res in inst.restrictions:
        grid.add_row(safe(restriction_name(res.name), one_line=True),
                     restriction_text(res, STYLES.__getitem__))
    if summary.mirror is not None:
        last = summary.last_sync
        words = mirror_of_words(summary.mirror.source, last.finished if last else None,
                                summary.now)
        stale = is_stale(last.finished if last else None, summary.now)
        grid.add_row(_("Mirror of"), Text(words, style=STYLES[Level.WARNING] if stale else ""))
        gap = plan_gap(summary.mirror.source, last.unavailable if last else ())
        if gap is not None:
            grid.add_row(_("Plan restrictions"), Text(gap, style="dim"))
        if not summary.consumption:
            grid.add_row(_("Metered services"), Text(usage_gap(), style="dim"))
    return grid


def licence_list(licences: Iterable[Licence], style: str) -> Text:
    text = Text(style=style)
    for index, lic in enumerate(licences):
        if index:
            text.append(", ")
        text.append_text(safe(lic.description, one_line=True))
        text.append(f" {lic.in_use}/{lic.total}")
    return text


def licences_table(summary: Summary) -> Table:
    grid = table(_("Owner"), _("Licences"), _("In use"), _("Total"), _("Over-assigned"),
                 _("Full"), title=title(_("Licences")), right=(_("Licences"), _("In use"),
                                                               _("Total")))
    for entry in summary.owners:
        counted = entry.counted
        grid.add_row(safe(entry.owner.name, one_line=True), str(len(entry.licences)),
                     str(sum(lic.in_use for lic in counted)),
                     str(sum(lic.total for lic in counted)),
                     licence_list(entry.over_assigned, STYLES[Level.ERROR]),
                     licence_list(entry.full, STYLES[Level.WARNING]))
    return grid


def events_table(summary: Summary) -> Table | Group:
    heading = title(_("Active system events"))
    if not summary.active_events:
        return Group(heading, Text(_("No active system events."), style="dim"), Text(""))
    columns = (_("Operation"), _("Status"), _("Activated"), _("Ends"), _("Message"))
    grid = table(*columns, title=heading, no_wrap=columns[1:4])
    now = summary.now
    for event in summary.active_events:
        ends = Text(fmt_time(event.ends, now))
        if event.is_overdue(now):
            ends.stylize(STYLES[Level.WARNING])
        grid.add_row(safe(event_name(event.key, event.name), one_line=True),
                     status_label(event.status),
                     fmt_time(event.activated, now), ends, safe(event.message, one_line=True))
    return grid


def consumption_table(summary: Summary) -> Table:
    rows = summary.consumption
    currency = clean(summary.currency, one_line=True)
    caption = _("Invoice so far: {total}; projected for the month: {projected}").format(
        total=fmt_money(invoice_total(rows), currency),
        projected=fmt_money(projected_invoice_total(rows), currency))
    grid = table(_("Service"), _("Used"), _("Included"), _("Use"), _("Projected"), _("Charge"),
                 title=title(_("Consumption, {month}").format(month=summary.month)),
                 right=(_("Used"), _("Included"), _("Use"), _("Projected"), _("Charge")))
    grid.caption, grid.caption_justify = Text(caption), "left"
    for row in rows:
        unit = row.service.unit
        p = row.projection
        style = (STYLES[Level.WARNING] if row.is_over
                 else "yellow" if p and p.amount > row.included else "")
        use = Text(fmt_percent(row.ratio) if row.ratio is not None else "", style=style)
        grid.add_row(safe(service_name(row.service.key, row.service.name), one_line=True),
                     fmt_amount(row.used, unit),
                     fmt_amount(row.included, unit), use, fmt_amount(p.amount, unit) if p else "",
                     fmt_number(row.charge, 2))
    return grid


def print_status(summary: Summary) -> None:
    out = console()
    out.print(owners_table(summary))
    if summary.installation is not None:
        out.print(database_grid(summary.installation, summary))
    else:
        out.print(_("This store holds no installation yet."))
    out.print(licences_table(summary))
    out.print(events_table(summary))
    if summary.consumption:
        out.print(consumption_table(summary))
