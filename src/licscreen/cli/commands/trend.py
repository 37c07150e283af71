"""``licscreen trend``: each licence's in-use count and total per day, and where it is heading."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from licscreen.cli.commands.reports import complete_licence, find_licence
from licscreen.cli.common import db_option, open_store
from licscreen.cli.output import (
    now_option,
    output_form,
    output_options,
    reading,
    write_csv,
    write_json_array,
)
from licscreen.cli.params import Count
from licscreen.i18n import N_

MAX_TREND_DAYS = 3660  # ten years


@click.command()
@db_option
@click.argument("licence", metavar="[LICENCE]", required=False,
                shell_complete=complete_licence)
@click.option("--days", type=Count(1, MAX_TREND_DAYS), default=365, show_default=True,
              metavar="N", help=N_("The last N days, today included."))
@output_options()
@now_option
@click.pass_context
def trend(ctx: click.Context, db: Path | None, licence: str | None, days: int, as_json: bool,
          as_csv: bool, now: datetime) -> None:
    """Seat history: in use and total per day, for LICENCE (its code name or OWNER/NAME) or
    every licence the admin screen lists, and the forecast from the last 90 days."""
    from licscreen.store import FIT_DAYS, forecast, usage_history

    form = output_form(as_json, as_csv)
    today = now.astimezone(UTC).date()
    start = today - timedelta(days=days - 1)
    store = open_store(ctx, db, read_only=True)
    with reading(store):
        if licence is not None:
            licences = [find_licence(store, licence)]
        else:
            licences = [lic for owner in store.owners() for lic in store.licences(owner.name)]
        fit_from = min(start, today - timedelta(days=FIT_DAYS - 1))  # the forecast's days
        history = usage_history(store, [lic.id for lic in licences], fit_from, today)
    from licscreen.cli.formats import TREND_FIELDS, trend_rows

    series = [(lic, [d for d in history.get(lic.id, []) if d.day >= start])
              for lic in licences]
    if form == "json":
        write_json_array(trend_rows(lic, shown) for lic, shown in series)
    elif form == "csv":
        write_csv(TREND_FIELDS, (row for lic, shown in series for row in trend_rows(lic, shown)))
    else:
        from licscreen.cli.tables.trend import print_trend

        print_trend([(lic, shown, forecast(lic, history.get(lic.id, []), today))
                     for lic, shown in series], days)
