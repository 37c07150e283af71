"""``licscreen check``: a monitoring plugin (Nagios, Icinga). Never imports Textual.

Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. Everything that goes wrong, a bad option or an
unreadable store included, is UNKNOWN with one line saying why: a monitoring system must
never mistake a broken check for a critical licence.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

import click

from licscreen.cli.common import CliError, db_option, open_store
from licscreen.cli.output import now_option
from licscreen.cli.params import MAX_DAYS, Count, Duration
from licscreen.i18n import N_, _

UNKNOWN_EXIT = 3


class Unknown(click.ClickException):
    """The check could not be made: ``LICSCREEN UNKNOWN - reason`` on stdout, exit 3."""

    exit_code = UNKNOWN_EXIT

    def show(self, file: IO[Any] | None = None) -> None:
        from licscreen.checks import unknown

        click.echo("\n".join(unknown(self.format_message()).lines()))


class PluginCommand(click.Command):
    """A command whose usage errors are UNKNOWN too, as the plugin guidelines ask."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as error:
            raise Unknown(error.format_message()) from None


@click.command(cls=PluginCommand)
@db_option
@click.option("--warn-days", type=Count(0, MAX_DAYS), default=30, show_default=True,
              metavar="N", help=N_("WARNING when a licence expires in N days or fewer."))
@click.option("--crit-days", type=Count(0, MAX_DAYS), default=7, show_default=True,
              metavar="N", help=N_("CRITICAL when a licence expires in N days or fewer."))
@click.option("--failed-days", type=Count(0, MAX_DAYS), default=7, show_default=True,
              metavar="N", help=N_("WARNING for system events that failed in the last N days."))
@click.option("--sync-warn", type=Duration(), default=None, metavar="DURATION",
              help=N_("A mirror only: WARNING when its last sync is this old (90s, 30m, 1h, "
                      "2d).  [default: 1h]"))
@click.option("--sync-crit", type=Duration(), default=None, metavar="DURATION",
              help=N_("A mirror only: CRITICAL when its last sync is this old.  "
                      "[default: 24h]"))
@now_option
@click.pass_context
def check(ctx: click.Context, db: Path | None, warn_days: int, crit_days: int,
          failed_days: int, sync_warn: int | None, sync_crit: int | None,
          now: datetime) -> None:
    """Check the licences for a monitoring system: status line, details, performance data.

    CRITICAL: a licence over-assigned, expired or expiring within --crit-days, a plan
    restriction at its limit. WARNING: a licence expiring within --warn-days, a licence full,
    a plan restriction at 85 % or more, a metered service over its threshold or projected to
    pass it this month, a system event failed within --failed-days. In a mirror of a
    SuperOffice installation (licscreen sync), its last sync older than --sync-crit is CRITICAL,
    older than --sync-warn WARNING (perfdata sync_age, in seconds).
    """
    if crit_days > warn_days:
        raise Unknown(_("--crit-days ({crit}) must not be more than --warn-days ({warn})").format(
            crit=crit_days, warn=warn_days))
    sync_warn = 3600 if sync_warn is None else sync_warn
    sync_crit = 86_400 if sync_crit is None else sync_crit
    if sync_crit < sync_warn:
        raise Unknown(_("--sync-crit ({crit} s) must not be less than --sync-warn ({warn} s)")
                      .format(crit=sync_crit, warn=sync_warn))
    from licscreen.checks import MirrorSync, Thresholds, evaluate
    from licscreen.store import read_summary

    try:
        store = open_store(ctx, db, read_only=True)
    except CliError as error:
        raise Unknown(error.format_message()) from None
    try:
        summary = read_summary(store, now, failed_days=failed_days)
    except sqlite3.Error as error:
        raise Unknown(_("{path}: cannot read the store ({reason})").format(
            path=store.path, reason=error)) from None
    finally:
        store.close()
    last = summary.last_sync
    sync = None if summary.mirror is None else MirrorSync(
        summary.mirror.source, max(now - last.finished, timedelta(0)) if last else None)
    limits = Thresholds(warn_days, crit_days, failed_days, sync_warn, sync_crit)
    result = evaluate(summary, limits, sync)
    click.echo("\n".join(result.lines()))
    ctx.exit(int(result.state))
