"""``licscreen installations``: the named installations of the config file, each with its
store, its source (never a credential: the file holds none) and its last sync."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from licscreen.cli.common import CliError
from licscreen.cli.output import iso, now_option, output_options, write_json
from licscreen.i18n import _

if TYPE_CHECKING:
    from licscreen.installations import Installation


@click.command()
@output_options(csv=False)
@now_option
def installations(as_json: bool, now: datetime) -> None:
    """List the named installations (config.toml in your user config folder, or the file
    LICSCREEN_CONFIG names) with their store, source and last sync. See docs/sync.md."""
    from licscreen.installations import ConfigError, config_path, read_installations

    path = config_path()
    try:
        found = read_installations(path)
    except ConfigError as error:
        raise CliError(str(error)) from None
    rows = [_row(installation) for installation in found.values()]
    if as_json:
        write_json({"config": str(path), "installations": rows})
        return
    from licscreen.present.text import clean  # names, paths and URLs: shown, never obeyed

    if not rows:
        click.echo(clean(_("No installations named in {path}").format(path=path),
                         one_line=True))
        return
    for row in rows:
        click.echo(clean(f"{row['name']}  {row['store']}  {row['source']}", one_line=True))
        click.echo("    " + clean(_last_sync(row, now), one_line=True))


def _row(installation: Installation) -> dict[str, Any]:
    """What the list says of one installation; its store opened read-only, if there."""
    from licscreen.store import Store, StoreError, store_exists, sync_runs

    row: dict[str, Any] = {
        "name": installation.name, "store": str(installation.store), "kind": installation.kind,
        "source": installation.source, "synced": None, "changes": None, "error": None}
    if not store_exists(installation.store):
        return row
    try:
        store = Store.open(installation.store, read_only=True)
        try:
            runs = sync_runs(store, limit=1)
        finally:
            store.close()
    except StoreError as error:
        row["error"] = str(error)
        return row
    if runs:
        counts = runs[0].counts.values()
        row["synced"] = iso(runs[0].finished)
        row["changes"] = {k: sum(c.get(k, 0) for c in counts)
                          for k in ("added", "changed", "removed")}
    return row


def _last_sync(row: dict[str, Any], now: datetime) -> str:
    if row["error"]:
        return _("cannot read the store: {error}").format(error=row["error"])
    if row["synced"] is None:
        return _("last sync: never")
    synced = datetime.fromisoformat(row["synced"].replace("Z", "+00:00"))
    return _("last sync: {when} ({ago}): {added} added, {changed} changed, {removed} "
             "removed").format(when=row["synced"], ago=_ago(now - synced), **row["changes"])


def _ago(delta: Any) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        return _("{n} min ago").format(n=seconds // 60)
    if seconds < 86400:
        return _("{n} h ago").format(n=seconds // 3600)
    return _("{n} d ago").format(n=seconds // 86400)
