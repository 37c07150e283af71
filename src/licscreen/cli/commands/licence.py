"""``licscreen licence``: load a signed licence file, see what waits, activate it, history.

Never imports Textual. Any refusal is one line on stderr and exit code 2, with the store left
exactly as it was.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from licscreen.cli.common import CliError, db_option, in_store, open_store, refusals
from licscreen.cli.output import (
    now_option,
    output_form,
    output_options,
    reading,
    write_json,
)
from licscreen.i18n import N_, _


def read_file(path: Path, *, key: bool = False) -> bytes:
    """A licence file (or with ``key`` a key file) from the command line: a small regular file,
    read before the store is opened, or a one-line refusal (a FIFO or a device never hangs)."""
    from licscreen.licence.files import read_key_file, read_licence_file

    with refusals():
        return read_key_file(path) if key else read_licence_file(path)


def parse_removal(ctx: click.Context, param: click.Parameter,
                  values: tuple[str, ...]) -> list[tuple[str, str]]:
    removals = []
    for value in values:
        licence, sep, user = value.partition("=")
        if not sep or not licence.strip() or not user.strip():
            raise click.BadParameter(_("'{value}' is not LICENCE=USERID").format(value=value))
        removals.append((licence.strip(), user.strip().upper()))
    return removals


@click.group("licence")
def licence() -> None:
    """Signed licence files: load one, see what waits, activate it, and the history."""


@licence.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
@output_options(csv=False)
@now_option
@click.pass_context
def load(ctx: click.Context, file: Path, db: Path | None, as_json: bool, now: datetime) -> None:
    """Load a signed licence file.

    It is applied at once unless a licence would be over-assigned; then it waits for
    'licscreen licence activate'. A refused file changes nothing (exit code 2).
    """
    from licscreen.licence.update import load_licence

    data = read_file(file)
    store = open_store(ctx, db)
    with reading(store), refusals(f"{file}: "):
        result = load_licence(store, data, now=now)
    if as_json:
        from licscreen.cli.formats import load_json

        write_json(load_json(result))
        return
    from licscreen.cli.tables.licence import (
        print_activation,
        print_changes,
        removal_hint,
        version_line,
    )

    if result.activated is not None:
        print_activation(result.activated, title=in_store(_("New licence activated."),
                                                          store.path))
    else:
        click.echo(in_store(_("New licence loaded; it waits for activation, because some "
                              "licences would be over-assigned."), store.path))
        click.echo(version_line(result.changes))
        print_changes(result.changes)
        click.echo(removal_hint(result.changes))


@licence.command("pending")
@db_option
@output_options(csv=False)
@click.pass_context
def pending(ctx: click.Context, db: Path | None, as_json: bool) -> None:
    """Licences waiting for activation, and what each would change."""
    from licscreen.licence.state import pending_licences

    store = open_store(ctx, db, read_only=True)
    with reading(store), refusals(_("a waiting licence: ")):
        waiting = pending_licences(store)
    if as_json:
        from licscreen.cli.formats import pending_json

        write_json([pending_json(p) for p in waiting])
        return
    from licscreen.cli.tables.licence import print_changes, removal_hint, version_line

    if not waiting:
        click.echo(_("No licence waits for activation."))
    for item in waiting:
        click.echo(version_line(item.changes))
        print_changes(item.changes)
        if item.changes.over_assigned:
            click.echo(removal_hint(item.changes))
        else:
            click.echo(_("Nothing is over-assigned any more: 'licscreen licence activate' "
                         "activates it."))


@licence.command("activate")
@db_option
@click.option("--owner", metavar="NAME", help=N_("The licence owner whose licence to activate "
                                                "(needed only when several wait)."))
@click.option("--remove", "removals", multiple=True, metavar="LICENCE=USERID",
              callback=parse_removal,
              help=N_("Remove this holder from this over-assigned licence (repeatable)."))
@output_options(csv=False)
@now_option
@click.pass_context
def activate(ctx: click.Context, db: Path | None, owner: str | None,
             removals: list[tuple[str, str]], as_json: bool, now: datetime) -> None:
    """Activate the waiting licence, removing the chosen holders.

    The removals, the licence and the history entry are written in one transaction; it is
    refused while any licence would stay over-assigned.
    """
    from licscreen.licence.update import activate as activate_licence

    store = open_store(ctx, db)
    with reading(store), refusals():
        done = activate_licence(store, owner, removals, now=now)
    if as_json:
        from licscreen.cli.formats import activation_json

        write_json(activation_json(done))
    else:
        from licscreen.cli.tables.licence import print_activation

        print_activation(done, title=in_store(_("New licence activated."), store.path))


@licence.command("history")
@db_option
@click.option("--owner", metavar="NAME", help=N_("Only this licence owner's activations."))
@output_options()
@click.pass_context
def history(ctx: click.Context, db: Path | None, owner: str | None, as_json: bool,
            as_csv: bool) -> None:
    """Licence activations, newest first: when, by whom, what changed.

    --csv writes a row per licence whose total changed (an activation that changed none: one
    row, the licence's columns empty).
    """
    from licscreen.licence.state import history as read_history
    from licscreen.licence.state import history_count

    form = output_form(as_json, as_csv)
    store = open_store(ctx, db, read_only=True)
    with reading(store):
        name = owner.upper() if owner else None
        activations = read_history(store, name, 0, max(1, history_count(store, name)))
    if form == "json":
        from licscreen.cli.formats import activation_json

        write_json([activation_json(a) for a in activations])
    elif form == "csv":
        from licscreen.cli.formats import HISTORY_CSV_FIELDS, history_csv_rows
        from licscreen.cli.output import write_csv

        write_csv(HISTORY_CSV_FIELDS, (row for a in activations for row in history_csv_rows(a)))
    else:
        from licscreen.cli.tables.licence import print_history

        print_history(activations)


@licence.command("trust")
@click.argument("keyfile", type=click.Path(path_type=Path))
@db_option
@click.option("--replace", is_flag=True, help=N_("Replace a vendor key the store trusts already."))
@now_option
@click.pass_context
def trust(ctx: click.Context, keyfile: Path, db: Path | None, replace: bool,
          now: datetime) -> None:
    """Trust a vendor public key to sign licence files.

    KEYFILE holds the Ed25519 public key as PEM, or as the base64 of its 32 bytes.
    """
    from licscreen.licence.signing import fingerprint, parse_public_key
    from licscreen.licence.update import set_trust

    try:
        text = read_file(keyfile, key=True).decode("ascii")
    except UnicodeDecodeError:
        raise CliError(_("{path}: not a public key").format(path=keyfile)) from None
    with refusals(f"{keyfile}: "):
        key = parse_public_key(text)
    store = open_store(ctx, db)
    with reading(store), refusals():
        changed = set_trust(store, key, now=now, replace=replace)
    message = _("Trusting vendor key {key}.") if changed else _("Vendor key {key} was trusted "
                                                                 "already.")
    click.echo(in_store(message.format(key=fingerprint(key)), store.path))
