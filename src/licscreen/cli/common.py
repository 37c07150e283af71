"""What every ``licscreen`` subcommand shares: the --db option and one-line errors."""

from __future__ import annotations

from pathlib import Path

import click

from licscreen.i18n import _
from licscreen.paths import DB_ENV, resolve_db_path

EXIT_BAD_INPUT = 2


class CliError(click.ClickException):
    """One line on stderr and exit code 2: a bad store, a bad file, a refused write."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"licscreen: {self.format_message()}", err=True)


db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=True, path_type=Path),
    envvar=DB_ENV,
    show_envvar=True,
    help=_("The store file. Default: licscreen.db in your user data folder."),
)


def db_path(ctx: click.Context, db: Path | None) -> Path:
    """A subcommand's --db wins over the group's, which wins over the environment."""
    root = ctx.find_root()
    return resolve_db_path(db or (root.obj or {}).get("db"))


def open_store(ctx: click.Context, db: Path | None, *, read_only: bool | None = None):
    """The store for a command, or a one-line error (a command never creates one)."""
    from licscreen.store import Store, StoreError, store_exists

    path = db_path(ctx, db)
    if not store_exists(path):
        raise CliError(_("{path}: no store there (create one with 'licscreen init')").format(path=path))
    try:
        return Store.open(path, read_only=read_only)
    except StoreError as error:
        raise CliError(str(error)) from None
