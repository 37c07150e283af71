"""What every ``licscreen`` subcommand shares: the --db option, opening the store, one-line
errors, and refusals of licence files and activations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from licscreen.i18n import N_, _
from licscreen.paths import DB_ENV, resolve_db_path

if TYPE_CHECKING:  # imported when a command opens the store, not when the command line starts
    from licscreen.store import Store

EXIT_BAD_INPUT = 2


class CliError(click.ClickException):
    """One line on stderr and exit code 2: a bad store, a bad file, a refused write."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file: IO[Any] | None = None) -> None:
        from licscreen.present.text import clean  # names and paths in it: shown, never obeyed

        click.echo(f"licscreen: {clean(self.format_message(), one_line=True)}", err=True)


db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=True, path_type=Path),
    envvar=DB_ENV,
    show_envvar=True,
    help=N_("The store file. Default: licscreen.db in your user data folder."),
)


def db_path(ctx: click.Context, db: Path | None) -> Path:
    """A subcommand's --db wins over the group's, which wins over the environment."""
    root = ctx.find_root()
    return resolve_db_path(db or (root.obj or {}).get("db"))


def open_store(ctx: click.Context, db: Path | None, *, read_only: bool | None = None) -> Store:
    """The store for a command, or a one-line error (a command never creates one)."""
    from licscreen.store import Store, StoreError, store_exists

    path = db_path(ctx, db)
    if not store_exists(path):
        raise CliError(_("{path}: no store there (create one with 'licscreen init')").format(
            path=path))
    try:
        return Store.open(path, read_only=read_only)
    except StoreError as error:
        raise CliError(str(error)) from None


@contextmanager
def refusals(prefix: str = "") -> Iterator[None]:
    """A refused licence or activation becomes a one-line error (exit code 2)."""
    from licscreen.licence.errors import LicenceRefused

    try:
        yield
    except LicenceRefused as error:
        from licscreen.present.text import clean  # text from a file: no escapes reach the terminal

        raise CliError(clean(f"{prefix}{error}", one_line=True)) from None
