"""``licscreen assign``, ``unassign`` and ``reassign``: give and take back licences by
SuperOffice's rules (store/seats.py). A refusal is one line with exit code 2 and the store
unchanged; ``--dry-run`` says what would change and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from licscreen.cli.commands.reports import complete_licence, find_licence
from licscreen.cli.common import db_option, in_store, open_store, store_writes
from licscreen.cli.output import F, now_option, output_options, write_json
from licscreen.i18n import N_, _

if TYPE_CHECKING:
    from licscreen.store import SeatChange

dry_run_option = click.option("--dry-run", is_flag=True,
                              help=N_("Say what would change, and change nothing."))


def licence_and_users(command: F) -> F:
    """LICENCE USERID...: the arguments of assign and unassign."""
    command = click.argument("users", metavar="USERID...", nargs=-1, required=True)(command)
    return click.argument("licence", metavar="LICENCE", shell_complete=complete_licence)(
        command)


def report(changes: list[SeatChange], *, dry_run: bool, as_json: bool, path: Path) -> None:
    if as_json:
        from licscreen.cli.seat_formats import seats_json

        write_json(seats_json(changes, dry_run=dry_run))
        return
    from licscreen.present.text import clean

    for change in changes:
        sign = "+" if change.action == "assign" else "-"
        came = _(" (comes with it)") if change.brought and sign == "+" else \
            _(" (goes with it)") if change.brought else ""
        click.echo(clean(f"{sign} {change.user_id}: {change.description} "
                         f"({change.owner}/{change.licence}){came}", one_line=True))
    if dry_run:
        click.echo(_("Dry run: nothing was changed."))
    else:
        click.echo(in_store(_("Changed."), path))


def _seats(ctx: click.Context, db: Path | None, call: Callable[..., list[SeatChange]], *,
           dry_run: bool, as_json: bool, licences: tuple[str, ...]) -> None:
    store = open_store(ctx, db, read_only=True if dry_run else None)
    path = store.path
    with store_writes(store):
        ids = [find_licence(store, ref).id for ref in licences]
        changes = call(store, *ids)
    report(changes, dry_run=dry_run, as_json=as_json, path=path)


@click.command()
@licence_and_users
@dry_run_option
@db_option
@output_options(csv=False)
@now_option
@click.pass_context
def assign(ctx: click.Context, licence: str, users: tuple[str, ...], dry_run: bool,
           db: Path | None, as_json: bool, now: datetime) -> None:
    """Give LICENCE (a code name or OWNER/NAME) to each USERID: to all of them, or to none.

    Refused with no free seat, a missing prerequisite, a hidden licence, a second user plan or
    a retired user; the hidden licences it needs come with it."""
    from licscreen.store import assign_seats

    _seats(ctx, db, lambda store, lic: assign_seats(store, lic, users, now=now, dry_run=dry_run),
           dry_run=dry_run, as_json=as_json, licences=(licence,))


@click.command()
@licence_and_users
@dry_run_option
@db_option
@output_options(csv=False)
@now_option
@click.pass_context
def unassign(ctx: click.Context, licence: str, users: tuple[str, ...], dry_run: bool,
             db: Path | None, as_json: bool, now: datetime) -> None:
    """Take LICENCE back from each USERID: from all of them, or from none.

    Refused while another licence the user keeps requires it; the hidden licences that came
    with it go with it."""
    from licscreen.store import unassign_seats

    _seats(ctx, db,
           lambda store, lic: unassign_seats(store, lic, users, now=now, dry_run=dry_run),
           dry_run=dry_run, as_json=as_json, licences=(licence,))


@click.command()
@click.argument("user", metavar="USERID")
@click.option("--from", "source", metavar="LICENCE", required=True,
              shell_complete=complete_licence, help=N_("The licence the user holds now."))
@click.option("--to", "target", metavar="LICENCE", required=True,
              shell_complete=complete_licence, help=N_("The licence to hold instead."))
@dry_run_option
@db_option
@output_options(csv=False)
@now_option
@click.pass_context
def reassign(ctx: click.Context, user: str, source: str, target: str, dry_run: bool,
             db: Path | None, as_json: bool, now: datetime) -> None:
    """Move USERID from one licence to another in one change: from one user plan to another,
    say (a user holds one)."""
    from licscreen.store import reassign_seat

    _seats(ctx, db, lambda store, old, new: reassign_seat(store, user, old, new, now=now,
                                                          dry_run=dry_run),
           dry_run=dry_run, as_json=as_json, licences=(source, target))
