"""``licscreen usage``: the metered services per month, and ``usage import`` of a CSV file.

The figures are the consumption dashboard's: used, included, over and the charge per service,
the invoice total, and for the current month a projection to its end. JSON is an array of the
``status --json`` consumption object, one per month (docs/json-formats.md). Never imports
Textual; Rich only for the tables people read.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime
from pathlib import Path

import click

from licscreen.cli.common import CliError, db_option, in_store, open_store
from licscreen.cli.output import now_option, output_form, output_options, reading
from licscreen.cli.params import Count
from licscreen.i18n import N_, _, ngettext

MAX_MONTHS = 120


@click.group(invoke_without_command=True)
@db_option
@click.option("--month", metavar="YYYY-MM",
              help=N_("The last month to show. Default: this month (UTC)."))
@click.option("--months", type=Count(1, MAX_MONTHS), default=1, show_default=True,
              metavar="N", help=N_("How many months, ending with --month."))
@output_options()
@now_option
@click.pass_context
def usage(ctx: click.Context, db: Path | None, month: str | None, months: int, as_json: bool,
          as_csv: bool, now: datetime) -> None:
    """Metered services per month: used, included, over and the charge.

    The current month also gets a projection to its end. 'licscreen usage import FILE.csv'
    adds or replaces monthly usage.
    """
    if ctx.invoked_subcommand is not None:
        if month is not None or months != 1 or as_json or as_csv:
            raise CliError(_("--month, --months, --json and --csv are for the report, not for "
                             "'usage {command}'").format(command=ctx.invoked_subcommand))
        return
    from licscreen.store import month_figures, month_key, months_ending
    from licscreen.store.models import USAGE_MONTH

    form = output_form(as_json, as_csv)
    if month is not None and not USAGE_MONTH.fullmatch(month):
        raise CliError(_("--month: '{month}' is not YYYY-MM").format(month=month))
    shown = months_ending(month or month_key(now), months)
    store = open_store(ctx, db, read_only=True)
    with reading(store):
        services, used = store.services(), store.usage()
        installation = store.installation()
    currency = installation.currency if installation else ""
    figures = [(m, month_figures(services, used, m, now)) for m in shown]
    if form == "table":
        from licscreen.cli.tables.usage import print_usage

        print_usage(figures, currency, now)
        return
    from licscreen.cli.formats import USAGE_CSV_FIELDS, consumption_json, usage_csv_rows

    data = [consumption_json(m, currency, rows) for m, rows in figures]
    if form == "json":
        from licscreen.cli.output import write_json

        write_json(data)
    else:
        from licscreen.cli.output import write_csv

        write_csv(USAGE_CSV_FIELDS, usage_csv_rows(data))


@usage.command("import")
@db_option
@click.argument("file", metavar="FILE.csv", type=click.Path(path_type=Path, allow_dash=True))
@now_option
@click.pass_context
def import_command(ctx: click.Context, db: Path | None, file: Path, now: datetime) -> None:
    """Add or replace monthly usage from FILE.csv ('-': standard input).

    The header names the columns service,month,amount,users. The whole file is one
    transaction: a bad row is reported with its line number and nothing is saved.
    """
    from licscreen.present.text import clean
    from licscreen.store import StoreError, import_usage

    stream = sys.stdin.buffer if str(file) == "-" else None
    source = Path(_("<standard input>")) if stream is not None else file
    store = open_store(ctx, db)
    try:
        result = import_usage(store, source, stream, now=now)
    except StoreError as error:
        raise CliError(str(error)) from None
    except sqlite3.Error as error:
        raise CliError(_("{path}: cannot write the store ({reason})").format(
            path=store.path, reason=error)) from None
    finally:
        store.close()
    span = result.months[0] if len(result.months) == 1 else _("{first} to {last}").format(
        first=result.months[0], last=result.months[-1])
    words = ngettext("Imported {rows} usage row from {file} ({span}): {added} added, "
                     "{replaced} replaced.",
                     "Imported {rows} usage rows from {file} ({span}): {added} added, "
                     "{replaced} replaced.", result.rows)
    click.echo(in_store(words.format(rows=result.rows, file=clean(source, one_line=True), span=span,
                                     added=result.added, replaced=result.replaced), store.path))
