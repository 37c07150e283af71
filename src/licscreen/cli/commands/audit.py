"""``licscreen audit``: the audit trail, newest first; ``audit verify``: its chain of hashes."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import click

from licscreen.cli.common import CliError, db_option, in_store, open_store
from licscreen.cli.listing import list_options
from licscreen.cli.output import (
    now_option,
    output_form,
    output_options,
    reading,
    write_csv,
    write_json,
)
from licscreen.cli.params import Duration
from licscreen.i18n import N_, _, ngettext


@click.group(invoke_without_command=True)
@click.option("--since", type=Duration(), metavar="DURATION", default=None,
              help=N_("Only the entries of this long ago and since (7d, 12h...)."))
@list_options
@db_option
@output_options()
@now_option
@click.pass_context
def audit(ctx: click.Context, since: int | None, sort: str | None, filter_text: str | None,
          db: Path | None, as_json: bool, as_csv: bool, now: datetime) -> None:
    """Every change licscreen made to the store, newest first: when (UTC), the system user,
    from where (the SSH client, or local), the command or the app, and each change as before
    -> after. 'licscreen audit verify' checks that no entry was edited or deleted."""
    if ctx.invoked_subcommand is not None:
        return
    from licscreen.cli.listing import list_view
    from licscreen.present.filter_words import entries_listed
    from licscreen.store import AUDIT_ORDER, audit_entries

    view = list_view(sort, filter_text, list(AUDIT_ORDER))
    form = output_form(as_json, as_csv)
    store = open_store(ctx, db, read_only=True)
    moment = now - timedelta(seconds=since) if since else None
    order = (view.sort, view.descending) if view.sort is not None else None
    with reading(store):
        entries = audit_entries(store, since=moment, text=view.filter or None, order=order,
                                words=entries_listed())
    if form == "json":
        from licscreen.cli.seat_formats import audit_json

        write_json([audit_json(e) for e in entries])
    elif form == "csv":
        from licscreen.cli.seat_formats import AUDIT_FIELDS, audit_rows

        write_csv(AUDIT_FIELDS, (row for e in entries for row in audit_rows(e)))
    else:
        from licscreen.cli.tables.seats import print_audit

        print_audit(entries)


@audit.command("verify")
@db_option
@click.pass_context
def verify(ctx: click.Context, db: Path | None) -> None:
    """Check the chain of hashes: exit code 0 when it holds, 2 naming the first entry edited,
    or following one deleted."""
    from licscreen.store import verify_audit

    store = open_store(ctx, db, read_only=True)
    path = store.path
    with reading(store):
        check = verify_audit(store)
    if check.broken is not None:
        raise CliError(_("{path}: the audit trail is broken: {reason}").format(
            path=path, reason=check.reason))
    click.echo(in_store(ngettext("The audit trail holds: {n} entry, its hash intact.",
                                 "The audit trail holds: {n} entries, each following the one "
                                 "before.", check.entries).format(n=check.entries), path))
