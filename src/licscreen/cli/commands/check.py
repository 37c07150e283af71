"""``licscreen check``: a monitoring plugin (Nagios, Icinga). Never imports Textual.

Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. Everything that goes wrong, a bad option or an
unreadable store included, is UNKNOWN with one line saying why: a monitoring system must
never mistake a broken check for a critical licence.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from licscreen.cli.common import CliError, db_option, open_store
from licscreen.cli.output import now_option
from licscreen.cli.params import MAX_DAYS, Count, Duration, SeatLimit
from licscreen.i18n import N_, _

if TYPE_CHECKING:
    from licscreen.store import Forecast, Store, Summary

UNKNOWN_EXIT = 3
DAY = 86_400


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
@click.option("--free-warn", type=SeatLimit(), default=None, metavar="N|P%",
              help=N_("WARNING when a licence has N free or fewer, or P % of its total."))
@click.option("--free-crit", type=SeatLimit(), default=None, metavar="N|P%",
              help=N_("CRITICAL when a licence has N free or fewer, or P % of its total."))
@click.option("--full-warn", type=Duration(DAY), default=None, metavar="DURATION",
              help=N_("WARNING when a licence is forecast to be full within this time (30d), "
                      "at the rate of the last 90 days."))
@click.option("--maintenance-days", type=Count(0, MAX_DAYS), default=None, metavar="N",
              help=N_("WARNING when an owner's maintenance (upgrades) ends in N days or "
                      "fewer, or has ended (not checked without it)."))
@now_option
@click.pass_context
def check(ctx: click.Context, db: Path | None, warn_days: int, crit_days: int,
          failed_days: int, sync_warn: int | None, sync_crit: int | None,
          free_warn: tuple[int, bool] | None, free_crit: tuple[int, bool] | None,
          full_warn: int | None, maintenance_days: int | None, now: datetime) -> None:
    """Check the licences for a monitoring system: status line, details, performance data.

    CRITICAL: a licence over-assigned, expired or expiring within --crit-days, a plan
    restriction at its limit. WARNING: a licence expiring within --warn-days, a licence full,
    a plan restriction at 85 % or more, a metered service over its threshold or projected to
    pass it this month, a system event failed within --failed-days. In a mirror of a
    SuperOffice installation (licscreen sync), its last sync older than --sync-crit is CRITICAL,
    older than --sync-warn WARNING (perfdata sync_age, in seconds). An owner's grace date
    ("works until") is judged as its expiry; its maintenance date ("upgrades until") is a
    WARNING within --maintenance-days, if given. --free-warn, --free-crit and --full-warn judge
    each licence's free seats and forecast; perfdata in_use_<licence> and total_<licence>.
    """
    if crit_days > warn_days:
        raise Unknown(_("--crit-days ({crit}) must not be more than --warn-days ({warn})").format(
            crit=crit_days, warn=warn_days))
    sync_warn = 3600 if sync_warn is None else sync_warn
    sync_crit = 86_400 if sync_crit is None else sync_crit
    if sync_crit < sync_warn:
        raise Unknown(_("--sync-crit ({crit} s) must not be less than --sync-warn ({warn} s)")
                      .format(crit=sync_crit, warn=sync_warn))
    if free_warn and free_crit and free_warn[1] == free_crit[1] and free_crit[0] > free_warn[0]:
        raise Unknown(_("--free-crit ({crit}) must not be more than --free-warn ({warn})").format(
            crit=seats_words(free_crit), warn=seats_words(free_warn)))
    from licscreen.checks import FreeLimit, MirrorSync, Thresholds, evaluate
    from licscreen.store import read_summary

    try:
        store = open_store(ctx, db, read_only=True)
    except CliError as error:
        raise Unknown(error.format_message()) from None
    try:
        summary = read_summary(store, now, failed_days=failed_days)
        forecasts = read_forecasts(store, summary) if full_warn is not None else None
    except sqlite3.Error as error:
        raise Unknown(_("{path}: cannot read the store ({reason})").format(
            path=store.path, reason=error)) from None
    finally:
        store.close()
    last = summary.last_sync
    sync = None if summary.mirror is None else MirrorSync(
        summary.mirror.source, max(now - last.finished, timedelta(0)) if last else None)
    limits = Thresholds(warn_days, crit_days, failed_days, sync_warn, sync_crit,
                        free_warn and FreeLimit(*free_warn), free_crit and FreeLimit(*free_crit),
                        None if full_warn is None else full_warn // DAY, maintenance_days)
    result = evaluate(summary, limits, sync, forecasts)
    click.echo("\n".join(result.lines()))
    ctx.exit(int(result.state))


def seats_words(limit: tuple[int, bool]) -> str:
    return f"{limit[0]}%" if limit[1] else str(limit[0])


def read_forecasts(store: Store, summary: Summary) -> dict[int, Forecast | None]:
    """Each counted licence's forecast, from its last 90 days."""
    from licscreen.store import FIT_DAYS, forecast, usage_history

    today = summary.now.astimezone(UTC).date()
    counted = [lic for entry in summary.owners for lic in entry.counted]
    history = usage_history(store, [lic.id for lic in counted],
                            today - timedelta(days=FIT_DAYS - 1), today)
    return {lic.id: forecast(lic, history.get(lic.id, []), today) for lic in counted}
