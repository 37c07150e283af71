"""Rich tables of the seat commands and the audit trail, for people."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.text import Text

from licscreen.cli.common import in_store
from licscreen.cli.output import console, table
from licscreen.i18n import _, ngettext
from licscreen.present.labels import change_text, reclaim_reason
from licscreen.present.time import fmt_ago
from licscreen.render.text import safe

if TYPE_CHECKING:
    from licscreen.store import AuditEntry, ReclaimPlan


def print_reclaim(plan: ReclaimPlan, *, applied: bool, now: datetime, path: Path) -> None:
    out = console()
    if plan.candidates or plan.kept:
        columns = [_("User ID"), _("Full name"), _("Licence"), _("Why")]
        holders = table(*columns, *([_("Kept, because")] if plan.kept else []))
        for c, note in [(c, None) for c in plan.candidates] + list(plan.kept):
            cells: list[Text | str] = [safe(c.user_id), safe(c.full_name), safe(c.description),
                                       reclaim_reason(c.bucket.value, fmt_ago(c.last_login, now))]
            holders.add_row(*cells, *([safe(note or "")] if plan.kept else []))
        out.print(holders)
    freed = [f for f in plan.freed if not f.hidden]
    if freed:
        seats = table(_("Licence"), _("Seats freed") if applied else _("Seats it would free"),
                      right=(_("Seats freed"), _("Seats it would free")))
        for f in freed:
            seats.add_row(safe(f"{f.description} ({f.owner}/{f.licence})"), str(f.seats))
        out.print(seats)
    count = len(plan.candidates)
    if applied:
        click.echo(in_store(ngettext("Freed {n} seat.", "Freed {n} seats.", count).format(
            n=count), path))
    elif count:
        click.echo(ngettext("Dry run: nothing was changed; --apply frees this seat.",
                            "Dry run: nothing was changed; --apply frees these {n} seats.",
                            count).format(n=count))
    else:
        click.echo(_("No seat to reclaim."))


def print_audit(entries: list[AuditEntry]) -> None:
    """Newest first: when, who from where, how, and each change as before → after."""
    from licscreen.cli.output import iso

    out = console()
    grid = table(_("Entry"), _("When (UTC)"), _("Who"), _("Command"), _("Change"),
                 right=(_("Entry"),), no_wrap=(_("When (UTC)"),))
    for entry in entries:
        for n, change in enumerate(entry.changes):
            first = n == 0
            grid.add_row(str(entry.id) if first else "", iso(entry.at) if first else "",
                         safe(f"{entry.os_user}@{entry.client}") if first else "",
                         safe(entry.command) if first else "",
                         safe(change_text(change.subject, change.before, change.after)))
    out.print(grid)
    if not entries:
        click.echo(_("No audit entries."))

