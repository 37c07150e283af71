"""The ``licscreen`` command. Only the default command (the TUI) imports Textual."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import click

from licscreen import __version__
from licscreen.cli.common import CliError, db_option, db_path
from licscreen.cli.i18n import lang_option
from licscreen.i18n import _
from licscreen.paths import resolve_db_path
from licscreen.store import Store, StoreError, create_store, store_exists


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@lang_option
@click.version_option(__version__, "-V", "--version", prog_name="licscreen")
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """SuperOffice CRM's Licences screen in the terminal.

    Run without a command to open the app. On first start with no store, licscreen creates one
    holding a demo installation.
    """
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:
        run_app(resolve_db_path(db))


def run_app(path: Path) -> None:
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

    try:
        LicScreenApp(store, created=created).run()
    finally:
        store.close()


def read_vendor_key(path: Path) -> bytes:
    """An Ed25519 public key from a file, or a one-line refusal naming the file."""
    from licscreen.licence.errors import LicenceRefused
    from licscreen.licence.signing import parse_public_key

    try:
        return parse_public_key(path.read_bytes().decode("ascii"))
    except (OSError, UnicodeDecodeError):
        raise CliError(_("{path}: not a public key").format(path=path)) from None
    except LicenceRefused as error:
        raise CliError(f"{path}: {error}") from None


@main.command()
@db_option
@click.option("--demo/--empty", default=True, help=_("Fill it with the demo installation (default), or leave it empty."))
@click.option("--force", is_flag=True, help=_("Replace a store that is already there."))
@click.option("--events", "events_", type=click.IntRange(0), default=None,
              help=_("A large demo: add this many system events, spread over years."))
@click.option("--users", type=click.IntRange(0), default=None,
              help=_("A large demo: this many users in all, spread over the user licences."))
@click.option("--vendor-key", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=_("The vendor's public key (PEM or base64) that signs licence files."))
@click.pass_context
def init(ctx: click.Context, db: Path | None, demo: bool, force: bool,
         events_: int | None, users: int | None, vendor_key: Path | None) -> None:
    """Create a store on purpose."""
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
        from licscreen.licence.update import set_trust

        set_trust(store, key, now=datetime.now(UTC), replace=True)
    kind = _("demo installation") if demo else _("empty store")
    store.close()
    click.echo(_("Created {kind} at {path}").format(kind=kind, path=path))
    if bulk is not None:
        click.echo(_("Built in {seconds:.1f} s").format(seconds=time.perf_counter() - started))


# Command groups of their own modules register here, one line each.
from licscreen.cli.commands.check import check  # noqa: E402
from licscreen.cli.commands.reports import holders, licences, status  # noqa: E402

main.add_command(status)
main.add_command(licences)
main.add_command(holders)
main.add_command(check)
from licscreen.cli.commands.usage import usage  # noqa: E402

main.add_command(usage)
from licscreen.cli.commands.licence import licence  # noqa: E402

main.add_command(licence)
from licscreen.cli.commands.demo import demo  # noqa: E402

main.add_command(demo)
from licscreen.cli.commands.events import events  # noqa: E402

main.add_command(events)


if __name__ == "__main__":
    sys.exit(main())
