"""The ``licscreen`` command: the root group, ``init``, and the app. Only the app imports Textual.

Every other command lives in a module of ``licscreen.cli.commands``, imported when it is first
asked for (``cli/lazy.py``): ``licscreen --version`` and ``--help`` load neither the store nor
Rich, and the app pays for no command but its own.
"""

from __future__ import annotations

import gc
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from licscreen.cli.common import (
    INSTALLATION_KEY,
    CliError,
    db_option,
    db_path,
    refusals,
    root_db_option,
)
from licscreen.cli.i18n import lang_option, translate_click, version_option
from licscreen.cli.lazy import LazyGroup
from licscreen.cli.params import Count
from licscreen.i18n import N_, _

if TYPE_CHECKING:
    from licscreen.installations import Installation

MAX_BULK_EVENTS = 100_000_000  # init --events (a million take about 30 s to build)
MAX_BULK_USERS = 1_000_000  # init --users

# The module of each command, imported on first use; a new command gets one line here.
COMMANDS = {
    "status": "licscreen.cli.commands.reports",
    "licences": "licscreen.cli.commands.reports",
    "holders": "licscreen.cli.commands.reports",
    "check": "licscreen.cli.commands.check",
    "usage": "licscreen.cli.commands.usage",
    "licence": "licscreen.cli.commands.licence",
    "demo": "licscreen.cli.commands.demo",
    "events": "licscreen.cli.commands.events",
    "sync": "licscreen.cli.commands.sync",
    "installations": "licscreen.cli.commands.installations",
    "assign": "licscreen.cli.commands.seats",
    "unassign": "licscreen.cli.commands.seats",
    "reassign": "licscreen.cli.commands.seats",
    "reclaim": "licscreen.cli.commands.reclaim",
    "audit": "licscreen.cli.commands.audit",
    "serve": "licscreen.cli.commands.serve",
    "trend": "licscreen.cli.commands.trend",
}

translate_click()  # click's own words through the catalogue, in the language of the moment


@click.group(cls=LazyGroup, lazy_commands=COMMANDS, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@root_db_option
@click.option("--installation", "installation", metavar="NAME", default=None,
              help=N_("Open the store of this named installation (see 'licscreen "
                      "installations')."))
@lang_option
@version_option
@click.pass_context
def main(ctx: click.Context, db: Path | None, installation: str | None) -> None:
    """SuperOffice CRM's Licences screen in the terminal.

    Run without a command to open the app. On first start with no store, licscreen creates one
    holding a demo installation.
    """
    ctx.obj = {"db": db}
    if installation is not None:
        ctx.meta[INSTALLATION_KEY] = named_installation(installation)
    if ctx.invoked_subcommand is None:
        require_terminal()
        run_app(db_path(ctx))


def named_installation(name: str) -> Installation:
    """The installation ``name`` of the config file, or a one-line error."""
    from licscreen.installations import ConfigError, find_installation

    try:
        return find_installation(name)
    except ConfigError as error:
        raise CliError(str(error)) from None


def require_terminal() -> None:
    """The app draws on a terminal and reads its keys: without one (cron, ``ssh host
    licscreen`` without -t, input from /dev/null, output to a file) it would spin forever
    writing escape codes. Checked where the command line starts the app, not in ``run_app``:
    a server that brings its own driver (textual-serve) runs the app without a terminal."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CliError(_("no terminal: the app needs one; for scripts use licscreen status, "
                         "licences, holders, check, usage, licence or events (licscreen --help)"))


def run_app(path: Path) -> None:
    """The app on the store at ``path``; with no store there, one holding the demo is made."""
    from licscreen.store import Store, StoreError, create_store, store_exists

    # Start-up makes a few hundred thousand objects (Textual's modules above all) that live as
    # long as the process: the collector would scan them again and again while they are made
    # (~25 ms). It waits until the app is made; then they are frozen out of its way.
    gc.disable()
    try:
        created = False
        try:
            if store_exists(path):
                store = Store.open(path)
            else:
                store = create_store(path, demo=True, force=True)
                created = True
        except StoreError as error:
            raise CliError(str(error)) from None
        from licscreen.tui.app import LicScreenApp  # the TUI only: other commands stay light

        app = LicScreenApp(store, created=created)
        gc.freeze()
    finally:
        gc.enable()
    try:
        app.run()
    finally:
        store.close()


def read_vendor_key(path: Path) -> bytes:
    """An Ed25519 public key from a file, or a one-line refusal naming the file."""
    from licscreen.licence.files import read_key_file
    from licscreen.licence.signing import parse_public_key

    with refusals():
        data = read_key_file(path)  # a small regular file: a FIFO or a device never hangs
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        raise CliError(_("{path}: not a public key").format(path=path)) from None
    with refusals(f"{path}: "):
        return parse_public_key(text)


@main.command()
@db_option
@click.option("--demo/--empty", default=True,
              help=N_("Fill it with the demo installation (default), or leave it empty."))
@click.option("--force", is_flag=True, help=N_("Replace a store that is already there."))
@click.option("--events", "events_", type=Count(0, MAX_BULK_EVENTS), default=None,
              help=N_("A large demo: add this many system events, spread over years."))
@click.option("--users", type=Count(0, MAX_BULK_USERS), default=None,
              help=N_("A large demo: this many users in all, spread over the user licences."))
@click.option("--vendor-key", type=click.Path(path_type=Path), default=None,
              help=N_("The vendor's public key (PEM or base64) that signs licence files."))
@click.pass_context
def init(ctx: click.Context, db: Path | None, demo: bool, force: bool,
         events_: int | None, users: int | None, vendor_key: Path | None) -> None:
    """Create a store on purpose."""
    from licscreen.store import StoreError, create_store

    path = db_path(ctx, db)
    key = read_vendor_key(vendor_key) if vendor_key else None  # refused before anything is made
    bulk = None
    if events_ is not None or users is not None:
        if not demo:
            raise CliError(_("--events and --users: only with --demo"))
        bulk = (events_ or 0, users or 0)
    started = time.perf_counter()
    try:
        store = create_store(path, demo=demo, force=force, bulk=bulk)
    except StoreError as error:
        raise CliError(str(error)) from None
    if key is not None:
        from contextlib import closing

        from licscreen.cli.common import refusals
        from licscreen.licence.update import set_trust

        with refusals(), closing(store):  # a full disk, say: one line
            set_trust(store, key, now=datetime.now(UTC), replace=True)
    kind = _("demo installation") if demo else _("empty store")
    store.close()
    click.echo(_("Created {kind} at {path}").format(kind=kind, path=path))
    if bulk is not None:
        click.echo(_("Built in {seconds:.1f} s").format(seconds=time.perf_counter() - started))


if __name__ == "__main__":
    sys.exit(main())
