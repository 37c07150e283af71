"""``licscreen reclaim``: the seats of holders who are retired, cannot log in or have not logged
in for a while; a dry run unless ``--apply``, which frees them in one transaction."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import click

from licscreen.cli.commands.reports import complete_licence, find_licence
from licscreen.cli.common import db_option, open_store, store_writes
from licscreen.cli.output import now_option, output_form, output_options, write_csv, write_json
from licscreen.cli.params import Duration
from licscreen.i18n import N_


@click.command()
@click.option("--inactive", type=Duration(low=60), metavar="DURATION", default=None,
              help=N_("Holders not logged in for this long (90d, 12h...) or never."))
@click.option("--retired", is_flag=True, help=N_("Holders who are retired."))
@click.option("--no-login", "no_login", is_flag=True,
              help=N_("Holders who may not log in."))
@click.option("--licence", metavar="LICENCE", shell_complete=complete_licence,
              help=N_("Only this licence's holders (a code name or OWNER/NAME)."))
@click.option("--apply", is_flag=True, help=N_("Free the seats (without it: a dry run)."))
@db_option
@output_options()
@now_option
@click.pass_context
def reclaim(ctx: click.Context, inactive: int | None, retired: bool, no_login: bool,
            licence: str | None, apply: bool, db: Path | None, as_json: bool, as_csv: bool,
            now: datetime) -> None:
    """The seats to take back: from holders who are retired, cannot log in, or have not logged
    in for --inactive (90d when no kind is named), and the seats that frees per licence.

    A dry run unless --apply, which frees them in one transaction (hidden licences that came
    with them go too; a licence another one the holder keeps requires stays)."""
    from licscreen.store import Criteria, plan_reclaim, reclaim_seats

    form = output_form(as_json, as_csv)
    every = not (inactive or retired or no_login)
    store = open_store(ctx, db, read_only=None if apply else True)
    path = store.path
    with store_writes(store):
        criteria = Criteria(
            retired=every or retired, cannot_log_in=every or no_login,
            inactive=timedelta(days=90) if every else
            (timedelta(seconds=inactive) if inactive else None),
            licence_id=find_licence(store, licence).id if licence else None)
        plan = (reclaim_seats if apply else plan_reclaim)(store, criteria, now=now)
    if form == "json":
        from licscreen.cli.seat_formats import reclaim_json

        write_json(reclaim_json(plan, applied=apply, now=now))
    elif form == "csv":
        from licscreen.cli.seat_formats import RECLAIM_FIELDS, reclaim_rows

        write_csv(RECLAIM_FIELDS, reclaim_rows(plan))
    else:
        from licscreen.cli.tables.seats import print_reclaim

        print_reclaim(plan, applied=apply, now=now, path=path)

