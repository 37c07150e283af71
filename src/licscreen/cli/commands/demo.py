"""``licscreen demo``: helpers for trying licscreen on the demo installation. No Textual here."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from licscreen.cli.common import CliError, db_option, open_store, refusals
from licscreen.cli.output import now_option, reading
from licscreen.cli.params import NumberOutOfRange, parse_count
from licscreen.i18n import N_, _


def parse_totals(ctx: click.Context, param: click.Parameter,
                 values: tuple[str, ...]) -> dict[str, int]:
    """Each LICENCE=TOTAL; a total is a whole number a licence file may hold (ASCII digits)."""
    from licscreen.licence.content import MAX_INT

    totals = {}
    for value in values:
        name, sep, total = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(_("'{value}' is not LICENCE=TOTAL").format(value=value))
        number = parse_count(total.strip(), 1, MAX_INT)
        if number is None:
            raise NumberOutOfRange(_("'{value}': the total is not a whole number from {low} "
                                     "to {high}").format(value=value, low=1, high=MAX_INT),
                                   ctx=ctx, param=param)
        totals[name.strip()] = number
    return totals


def refuse_special(out: Path) -> None:
    """--out may name a new file or a regular one, never a FIFO (writing would wait for a
    reader), a device or a socket: those are refused before anything is read or written."""
    from licscreen.licence.files import not_a_file

    try:
        mode = out.stat().st_mode
    except OSError:
        return  # not there yet, or unreachable: writing says why
    refused = not_a_file(out, mode)
    if refused is not None:
        with refusals():
            raise refused


@click.group("demo")
def demo() -> None:
    """The demo installation: things to try the app with."""


@demo.command("licence")
@db_option
@click.option("--out", "out", type=click.Path(path_type=Path), default="-",
              show_default=True, metavar="FILE", help=N_("Where to write the licence file."))
@click.option("--owner", default="SUPEROFFICE", show_default=True, metavar="NAME",
              help=N_("The licence owner: SUPEROFFICE, or a partner (signed by its demo key)."))
@click.option("--set", "totals", multiple=True, metavar="LICENCE=TOTAL", callback=parse_totals,
              help=N_("Give this licence this total (repeatable); others as by default."))
@click.option("--no-lower", is_flag=True,
              help=N_("Lower no total below its use, so the licence is activated at once."))
@now_option
@click.pass_context
def demo_licence(ctx: click.Context, db: Path | None, out: Path, owner: str,
                 totals: dict[str, int], no_lower: bool, now: datetime) -> None:
    """Write a new signed licence for the demo installation.

    The licence in force renewed for a year, one version up, with the full and over-assigned
    licences raised and (unless --no-lower) one total lowered below its use. Load it with
    'licscreen licence load FILE' or with l in the app.
    """
    from licscreen.licence.demo import demo_licence as make

    if str(out) != "-":
        refuse_special(out)
    store = open_store(ctx, db, read_only=True)
    with reading(store), refusals():
        data = make(store, now=now, owner=owner.upper(), totals=totals, lower=not no_lower)
    if str(out) == "-":
        click.echo(data.decode("utf-8"), nl=False)
        return
    try:
        out.write_bytes(data)
    except OSError as error:
        raise CliError(_("{path}: cannot be written ({reason})").format(
            path=out, reason=error.strerror or error)) from None
    click.echo(_("Wrote a demo licence for {owner} to {path}; load it with: licscreen licence "
                 "load {path}").format(owner=owner.upper(), path=out))
