"""``licscreen sync``: read a SuperOffice installation into a mirror store.

The source is read first, whole, and only then is the store opened (or made) and written, in
one transaction: a failure (unreachable, refused, not SuperOffice, a missing table) prints one
line, exits 2 and leaves the store as it was, or makes none. Secrets never come from the
command line: LICSCREEN_SO_PASSWORD (LICSCREEN_SO_TICKET, LICSCREEN_SO_TOKEN) or a prompt.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from licscreen.cli.common import (
    INSTALLATION_KEY,
    CliError,
    command_name,
    db_option,
    db_path,
    in_store,
)
from licscreen.cli.output import iso, now_option, output_options, write_json
from licscreen.i18n import N_, _

if TYPE_CHECKING:
    from licscreen.store import SyncResult
    from licscreen.sync.snapshot import Snapshot


_typed: dict[str, str] = {}  # with --every, a secret is asked once, kept in memory only


def _ask(text: str) -> str | None:
    """A secret typed at a prompt that does not echo it; None without a terminal."""
    if text in _typed:
        return _typed[text]
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None
    value: str = click.prompt(text, hide_input=True, err=True)
    _typed[text] = value
    return value


EVERY_MIN, EVERY_MAX = 10, 86_400
EVERY_MIN_ENV = "LICSCREEN_SYNC_EVERY_MIN"  # tests only: a shorter least interval


@click.command()
@click.argument("name", required=False, metavar="[NAME]")
@db_option
@click.option("--from-db", "from_db", metavar="URL",
              help=N_("Read the SuperOffice database at this SQLAlchemy URL, without its "
                      "password (mssql+pymssql://user@host/SuperOffice)."))
@click.option("--from-api", "from_api", metavar="URL",
              help=N_("Read SuperOffice's REST API at this URL (…/api)."))
@click.option("--schema", default=None, metavar="NAME",
              help=N_("The installation's table prefix (its schema). Default: crm7."))
@click.option("--auth", type=click.Choice(["basic", "ticket", "bearer"]), default="basic",
              show_default=True, help=N_("--from-api: how to log in."))
@click.option("--user", default=None, help=N_("--from-api: the SuperOffice user (basic)."))
@click.option("--ca-bundle", "ca_bundle", default=None, metavar="FILE",
              help=N_("--from-api: the certificates to trust (PEM)."))
@click.option("--force", is_flag=True,
              help=N_("Replace a standalone store (the demo) or another installation's "
                      "mirror."))
@click.option("--every", "every", type=int, default=None, metavar="SECONDS",
              help=N_("Sync again and again, this many seconds apart (10 to 86400), until "
                      "Ctrl+C; a failed sync is reported and the loop goes on."))
@output_options(csv=False)
@now_option
@click.pass_context
def sync(ctx: click.Context, name: str | None, db: Path | None, from_db: str | None,
         from_api: str | None, schema: str | None, auth: str, user: str | None,
         ca_bundle: str | None, force: bool, every: int | None, as_json: bool,
         now: datetime) -> None:
    """Read a SuperOffice installation into a mirror store: its licences, holders, users and
    system messages.

    Give NAME (an installation of the config file: see 'licscreen installations'), or
    --from-db URL (onsite: its database) or --from-api URL. The password comes from
    LICSCREEN_SO_PASSWORD or a prompt, never from the command line. See docs/sync.md.
    """
    if every is not None:
        least = _least_interval()
        if not least <= every <= EVERY_MAX:
            raise CliError(_("--every: {value} is not between {low} and {high} seconds").format(
                value=every, low=least, high=EVERY_MAX))
    from licscreen.store import set_origin

    set_origin(command_name(ctx))  # what the audit trail says made the sync's changes
    chosen = ctx.find_root().meta.get(INSTALLATION_KEY)
    if name is None and chosen is not None and from_db is None and from_api is None:
        name = chosen.name  # licscreen --installation NAME sync: that installation's source
    if name is not None:
        if chosen is not None and chosen.name != name:
            raise CliError(_("--installation {chosen} and NAME {name}: give one").format(
                chosen=chosen.name, name=name))
        if from_db is not None or from_api is not None:
            raise CliError(_("give one source: NAME or --from-db/--from-api"))
        if db is not None:
            raise CliError(_("NAME and --db: give one (the installation names its store)"))
        from licscreen.cli import named_installation

        found = named_installation(name)
        path = found.store
        if schema is None:
            schema = found.schema
        kind, url = found.kind, found.url
        if found.kind == "api":  # what the command line gives wins over the file
            from click.core import ParameterSource

            if ctx.get_parameter_source("auth") is not ParameterSource.COMMANDLINE:
                auth = found.auth
            user, ca_bundle = user or found.user, ca_bundle or found.ca_bundle
    else:
        if (from_db is None) == (from_api is None):
            raise CliError(_("give one source: NAME, --from-db URL or --from-api URL"))
        path = db_path(ctx, db)
        kind, url = ("db", from_db) if from_db is not None else ("api", from_api or "")
        if kind == "api" and schema is not None:
            raise CliError(_("--schema is for --from-db"))

    from licscreen.sync.once import Source

    source = Source(kind, url or "", schema, auth, user, Path(ca_bundle) if ca_bundle else None)

    def once(moment: datetime) -> tuple[Snapshot, SyncResult]:
        from licscreen.store import StoreError
        from licscreen.sync.errors import SyncError
        from licscreen.sync.once import sync_once

        try:
            return sync_once(path, source, now=moment, force=force, ask=_ask)
        except (SyncError, StoreError) as error:
            raise CliError(str(error)) from None

    if every is None:
        snapshot, result = once(now)
        _report(path, snapshot, result, now, as_json)
        return
    from licscreen.cli.commands.sync_every import run_every

    run_every(every, now, once, lambda s, r, m: _report(path, s, r, m, as_json, lines=True))


def _least_interval() -> int:
    try:
        return max(1, int(os.environ.get(EVERY_MIN_ENV, EVERY_MIN)))
    except ValueError:
        return EVERY_MIN


def _report(path: Path, snapshot: Snapshot, result: SyncResult, now: datetime, as_json: bool,
            *, lines: bool = False) -> None:
    """What a sync did: JSON (one line each with --every), or a sentence (time first)."""
    if as_json:
        data = {"store": str(path), "source": snapshot.source, "created": result.created,
                "run": result.run_id, "synced": iso(now), "changes": result.counts,
                "notes": list(result.notes)}
        if lines:
            click.echo(json.dumps(data, sort_keys=True, ensure_ascii=True, allow_nan=False))
        else:
            write_json(data)
        return
    totals = {k: sum(c[k] for c in result.counts.values())
              for k in ("added", "changed", "removed")}
    done = (_("Mirror of {source} made") if result.created else _("Synced {source}")).format(
        source=snapshot.source)
    line = in_store(_("{done}: {added} added, {changed} changed, {removed} removed").format(
        done=done, **totals), path)
    click.echo(f"{iso(now)} {line}" if lines else line)
