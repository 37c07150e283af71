"""Headless reports: ``status``, ``licences`` and ``holders``. Never imports Textual.

Each reads the store once and writes a table for people, or JSON / CSV for scripts
(docs/json-formats.md). Imports beyond click are made inside the commands to start fast.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from licscreen.cli.common import CliError, db_option, db_path, open_store
from licscreen.cli.listing import list_options, list_view, view_rows
from licscreen.cli.output import (
    now_option,
    output_form,
    output_options,
    reading,
    write_csv,
    write_json,
)
from licscreen.i18n import N_, _

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from licscreen.store import Store
    from licscreen.store.models import Licence


@click.command()
@db_option
@output_options(csv=False)
@now_option
@click.pass_context
def status(ctx: click.Context, db: Path | None, as_json: bool, now: datetime) -> None:
    """Licence owners and expiry, the database, licences, active events and consumption."""
    from licscreen.store import read_summary

    store = open_store(ctx, db, read_only=True)
    with reading(store):
        summary = read_summary(store, now)
    if as_json:
        from licscreen.cli.formats import status_json

        write_json(status_json(summary, store.path))
    else:
        from licscreen.cli.tables.status import print_status

        print_status(summary)


def completion_store(ctx: click.Context) -> Store | None:
    """The store a command line names, read-only, for completing names; None if there is none."""
    from licscreen.store import Store, store_exists

    path = db_path(ctx, ctx.params.get("db"))
    return Store.open(path, read_only=True) if store_exists(path) else None


def complete_owner(ctx: click.Context, param: click.Parameter,
                   incomplete: str) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    try:
        store = completion_store(ctx)
        if store is None:
            return []
        with reading(store):
            owners = store.owners()
    except Exception:
        return []
    return [CompletionItem(o.name, help=o.description)
            for o in owners if o.name.startswith(incomplete.upper())]


def complete_licence(ctx: click.Context, param: click.Parameter,
                     incomplete: str) -> list[CompletionItem]:
    """Code names, and OWNER/NAME once a '/' is typed; hidden licences too."""
    from click.shell_completion import CompletionItem

    try:
        store = completion_store(ctx)
        if store is None:
            return []
        with reading(store):
            every = [lic for o in store.owners() for lic in store.licences(o.name,
                                                                          include_hidden=True)]
    except Exception:
        return []
    items: list[CompletionItem] = []
    for lic in every:
        name = f"{lic.owner}/{lic.name}" if "/" in incomplete else lic.name
        if name.lower().startswith(incomplete.lower()):
            items.append(CompletionItem(name, help=lic.description))
    return items


@click.command()
@db_option
@click.option("--owner", metavar="NAME", shell_complete=complete_owner,
              help=N_("Only this licence owner's licences."))
@output_options()
@list_options
@click.pass_context
def licences(ctx: click.Context, db: Path | None, owner: str | None, as_json: bool,
             as_csv: bool, sort: str | None, filter_text: str | None) -> None:
    """The licence list: in use, free and total, per owner (hidden licences left out)."""
    from licscreen.cli.formats import LICENCE_FIELDS, licence_row

    form = output_form(as_json, as_csv)
    view = list_view(sort, filter_text, LICENCE_FIELDS)
    store = open_store(ctx, db, read_only=True)
    with reading(store):
        owners = store.owners()
        if owner is not None:
            chosen = [o for o in owners if o.name == owner.upper()]
            if not chosen:
                known = ", ".join(o.name for o in owners) or _("none")
                raise one_line_error(_("unknown licence owner '{name}' (owners: {known})").format(
                    name=owner, known=known))
            owners = chosen
        listed = [(o, store.licences(o.name)) for o in owners]
    shown = [(o, view_rows([(lic, licence_row(lic)) for lic in lics], view, LICENCE_FIELDS))
             for o, lics in listed]
    listed = [(o, [lic for lic, _row in pairs]) for o, pairs in shown]
    rows = [row for _owner, pairs in shown for _lic, row in pairs]
    if form == "json":
        write_json(rows)
    elif form == "csv":
        write_csv(LICENCE_FIELDS, rows)
    else:
        from licscreen.cli.tables.reports import print_licences

        print_licences(listed)


def one_line_error(message: str) -> CliError:
    """An error quoting names from the store or the command line: kept to one clean line."""
    from licscreen.present.text import clean

    return CliError(clean(message, one_line=True))


def find_licence(store: Store, ref: str) -> Licence:
    """The licence ``ref`` names: a code name, or OWNER/NAME; a one-line error otherwise."""
    from licscreen.store import find_licences, licences_described

    owner, _slash, name = ref.rpartition("/")
    found = find_licences(store, name, owner or None)
    if len(found) == 1:
        return found[0]
    if found:
        choices = ", ".join(f"{lic.owner}/{lic.name}" for lic in found)
        raise one_line_error(_("licence '{ref}' is ambiguous: give one of {choices}").format(
            ref=ref, choices=choices))
    hint = ""
    described = licences_described(store, name)
    if described:
        hint = " " + _("(by code name: {names})").format(
            names=", ".join(f"{lic.owner}/{lic.name}" for lic in described))
    raise one_line_error(_("unknown licence '{ref}'").format(ref=ref) + hint)


@click.command()
@db_option
@click.argument("licence", metavar="LICENCE", shell_complete=complete_licence)
@output_options()
@list_options
@click.pass_context
def holders(ctx: click.Context, db: Path | None, licence: str, as_json: bool,
            as_csv: bool, sort: str | None, filter_text: str | None) -> None:
    """Who holds LICENCE: its code name (ten-sales-premium) or OWNER/NAME."""
    from licscreen.cli.formats import HOLDER_FIELDS, holder_row
    from licscreen.store import all_holders

    form = output_form(as_json, as_csv)
    view = list_view(sort, filter_text, HOLDER_FIELDS)
    store = open_store(ctx, db, read_only=True)
    with reading(store):
        lic = find_licence(store, licence)
        people = all_holders(store, lic.id)
    shown = view_rows([(h, holder_row(lic, h)) for h in people], view, HOLDER_FIELDS)
    people = [holder for holder, _row in shown]
    rows = [row for _holder, row in shown]
    if form == "json":
        write_json(rows)
    elif form == "csv":
        write_csv(HOLDER_FIELDS, rows)
    else:
        from licscreen.cli.tables.reports import print_holders

        print_holders(lic, people)
