"""``licscreen sync``: read a SuperOffice installation into a mirror store.

The source is read first, whole, and only then is the store opened (or made) and written, in
one transaction: a failure (unreachable, refused, not SuperOffice, a missing table) prints one
line, exits 2 and leaves the store as it was, or makes none. Secrets never come from the
command line: LICSCREEN_SO_PASSWORD (LICSCREEN_SO_TICKET, LICSCREEN_SO_TOKEN) or a prompt.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from licscreen.cli.common import CliError, db_option, db_path, in_store
from licscreen.cli.output import iso, now_option, output_options, write_json
from licscreen.i18n import N_, _

if TYPE_CHECKING:
    from licscreen.store import SyncResult
    from licscreen.sync.snapshot import Snapshot


def _ask(text: str) -> str | None:
    """A secret typed at a prompt that does not echo it; None without a terminal."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None
    value: str = click.prompt(text, hide_input=True, err=True)
    return value


@click.command()
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
@output_options(csv=False)
@now_option
@click.pass_context
def sync(ctx: click.Context, db: Path | None, from_db: str | None, from_api: str | None,
         schema: str | None, auth: str, user: str | None, ca_bundle: str | None, force: bool,
         as_json: bool, now: datetime) -> None:
    """Read a SuperOffice installation into a mirror store: its licences, holders, users and
    system messages.

    Give --from-db URL (onsite: its database) or --from-api URL. The password comes from
    LICSCREEN_SO_PASSWORD or a prompt, never from the command line. See docs/sync.md.
    """
    from licscreen.sync.errors import SyncError
    from licscreen.sync.run import api_secret, read_snapshot

    if (from_db is None) == (from_api is None):
        raise CliError(_("give one source: --from-db URL or --from-api URL"))
    path = db_path(ctx, db)
    try:
        if from_db is not None:
            snapshot = read_snapshot("db", from_db, schema=schema, ask=_ask)
        else:
            if schema is not None:
                raise CliError(_("--schema is for --from-db"))
            snapshot = read_snapshot("api", from_api or "", auth=auth, user=user,
                                     ca_bundle=ca_bundle, secret=api_secret(auth, _ask),
                                     timeout=30.0)
    except SyncError as error:
        raise CliError(str(error)) from None
    result = _apply(path, snapshot, now, force)
    if as_json:
        write_json({"store": str(path), "source": snapshot.source, "created": result.created,
                    "run": result.run_id, "synced": iso(now), "changes": result.counts,
                    "notes": list(result.notes)})
        return
    totals = {k: sum(c[k] for c in result.counts.values())
              for k in ("added", "changed", "removed")}
    done = (_("Mirror of {source} made") if result.created else _("Synced {source}")).format(
        source=snapshot.source)
    click.echo(in_store(_("{done}: {added} added, {changed} changed, {removed} removed").format(
        done=done, **totals), path))


def _apply(path: Path, snapshot: Snapshot, now: datetime, force: bool) -> SyncResult:
    """The snapshot in the store at ``path`` (made when there is none: removed again if the
    sync fails)."""
    from licscreen.store import Store, StoreError, apply_snapshot, create_store, store_exists

    made = not store_exists(path)
    try:
        store = create_store(path, demo=False, force=True) if made else Store.open(path)
    except StoreError as error:
        raise CliError(str(error)) from None
    try:
        return apply_snapshot(store, snapshot, now=now, force=force)
    except StoreError as error:
        failed: Any = error
    finally:
        store.close()
    if made:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    raise CliError(str(failed))
