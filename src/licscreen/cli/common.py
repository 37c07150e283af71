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


DB_HELP = N_("The store file. Default: licscreen.db in your user data folder.")

# The main group's --db: the one that reads LICSCREEN_DB (``licscreen --db PATH <command>``).
root_db_option = click.option(
    "--db", "db", type=click.Path(dir_okay=True, path_type=Path), envvar=DB_ENV,
    show_envvar=True, help=DB_HELP)

# A subcommand's --db: the command line only. Were it to read LICSCREEN_DB too, the variable
# would hide the main group's --db (``LICSCREEN_DB=A licscreen --db B init`` made A).
db_option = click.option(
    "--db", "db", type=click.Path(dir_okay=True, path_type=Path),
    help=N_("The store file (wins over 'licscreen --db' and LICSCREEN_DB). Default: "
            "licscreen.db in your user data folder."))


def db_path(ctx: click.Context, db: Path | None = None) -> Path:
    """The store a command acts on: the --db given nearest the command (its own, then its
    groups' up to the main group's), then LICSCREEN_DB, then the default. ``db`` is the
    command's own --db, as click passed it. ``licscreen --installation NAME`` names its store
    instead; with a --db on the command line too, it is refused."""
    store = installation_store(ctx)
    if store is not None:
        if db or _db_on_command_line(ctx):
            raise CliError(_("--installation and --db: give one (the installation names its "
                             "store)"))
        return store
    if db:
        return resolve_db_path(db)
    parent: click.Context | None = ctx
    while parent is not None:
        given = parent.params.get("db")
        if given:
            return resolve_db_path(given)
        parent = parent.parent
    return resolve_db_path(None)


INSTALLATION_KEY = "licscreen.installation"


def installation_store(ctx: click.Context) -> Path | None:
    """The store of ``licscreen --installation NAME``, or None without the option."""
    found = ctx.find_root().meta.get(INSTALLATION_KEY)
    return None if found is None else Path(found.store)


def _db_on_command_line(ctx: click.Context) -> bool:
    from click.core import ParameterSource

    parent: click.Context | None = ctx
    while parent is not None:
        if parent.params.get("db") and \
                parent.get_parameter_source("db") is not ParameterSource.ENVIRONMENT:
            return True
        parent = parent.parent
    return False


def in_store(sentence: str, path: Path) -> str:
    """What a command did, naming the store it did it to: scripts and people see which one."""
    from licscreen.present.text import clean  # a path may hold anything but a NUL

    return clean(_("{done} (store: {path})").format(done=sentence, path=path), one_line=True)


def command_name(ctx: click.Context) -> str:
    """'licscreen events add', however licscreen was started (python -m licscreen...)."""
    names: list[str] = []
    while ctx.parent is not None:
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["licscreen", *names])


def open_store(ctx: click.Context, db: Path | None, *, read_only: bool | None = None) -> Store:
    """The store for a command, or a one-line error (a command never creates one)."""
    from licscreen.store import Store, StoreError, set_origin, store_exists

    set_origin(command_name(ctx))  # what the audit trail says made a change
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


@contextmanager
def store_writes(store: Store) -> Iterator[None]:
    """A write to ``store``: its refusal, or SQLite's failure, as one line; the store closed."""
    import sqlite3

    from licscreen.present.text import clean
    from licscreen.store import StoreError

    try:
        yield
    except StoreError as error:
        raise CliError(clean(str(error), one_line=True)) from None
    except sqlite3.Error as error:
        raise CliError(_("{path}: cannot write the store ({reason})").format(
            path=store.path, reason=error)) from None
    finally:
        store.close()
