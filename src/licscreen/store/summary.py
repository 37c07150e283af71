"""Reads for the headless commands: a store's state at a moment, in one frozen summary.

``status`` shows a :class:`Summary`, ``check`` judges one. Never imports Textual (nor Rich).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from licscreen.store.consumption import ServiceMonth, month_figures, month_key, shift_month
from licscreen.store.mirror import Mirror, SyncRun, mirror_of, sync_runs
from licscreen.store.models import (
    Holder,
    Installation,
    Licence,
    MonthlyUsage,
    Owner,
    SystemEvent,
)
from licscreen.store.sql import (
    EVENT_ORDER,
    EVENT_QUERY,
    LICENCE_COLUMNS,
    event_from_row,
    licence_from_row,
    to_db_time,
)
from licscreen.store.store import Store


@dataclass(frozen=True, slots=True)
class OwnerLicences:
    """An owner and the licences the admin screen lists for it (hidden ones left out)."""

    owner: Owner
    licences: tuple[Licence, ...]

    @property
    def counted(self) -> tuple[Licence, ...]:
        """The licences with a counter: unrestricted ones have none."""
        return tuple(lic for lic in self.licences if not lic.unrestricted)

    @property
    def over_assigned(self) -> tuple[Licence, ...]:
        return tuple(lic for lic in self.licences if lic.over_assigned)

    @property
    def full(self) -> tuple[Licence, ...]:
        return tuple(lic for lic in self.counted if lic.free == 0)


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything ``status`` shows and ``check`` judges, read at ``now``."""

    now: datetime
    installation: Installation | None
    owners: tuple[OwnerLicences, ...]
    active_events: tuple[SystemEvent, ...]  # status active or running, newest first
    failed_events: tuple[SystemEvent, ...]  # failed since ``failed_since``, newest first
    failed_since: datetime
    currency: str
    consumption: tuple[ServiceMonth, ...]  # this month's figures, with projections
    mirror: Mirror | None = None  # what the store mirrors; None: a standalone store
    last_sync: SyncRun | None = None  # a mirror's latest sync

    @property
    def month(self) -> str:
        return month_key(self.now)


def active_events(store: Store) -> list[SystemEvent]:
    """Events still going on (active or running), newest first."""
    rows = store.db.fetch_all(
        f"{EVENT_QUERY} WHERE e.status IN ('active', 'running') {EVENT_ORDER}")
    return [event_from_row(r) for r in rows]


def failed_events_since(store: Store, since: datetime) -> list[SystemEvent]:
    """Events that failed and were started or last updated at ``since`` or later."""
    rows = store.db.fetch_all(
        f"""{EVENT_QUERY}
            WHERE e.status = 'failed' AND coalesce(e.updated, e.registered) >= ?
            {EVENT_ORDER}""",
        (to_db_time(since),),
    )
    return [event_from_row(r) for r in rows]


def find_licences(store: Store, name: str, owner: str | None = None) -> list[Licence]:
    """Licences whose code name is ``name`` (any case), hidden ones included."""
    where, params = "l.name = ? COLLATE NOCASE", [name]
    if owner is not None:
        where += " AND l.owner = ? COLLATE NOCASE"
        params.append(owner)
    rows = store.db.fetch_all(
        f"""SELECT {LICENCE_COLUMNS} FROM module_licence l WHERE {where}
            ORDER BY l.owner <> 'SUPEROFFICE', l.owner""",
        tuple(params),
    )
    return [licence_from_row(r) for r in rows]


def licences_described(store: Store, description: str) -> list[Licence]:
    """Visible licences whose display name is ``description`` (any case): for hints."""
    rows = store.db.fetch_all(
        f"""SELECT {LICENCE_COLUMNS} FROM module_licence l
            WHERE l.description = ? COLLATE NOCASE AND l.hidden = 0""",
        (description,),
    )
    return [licence_from_row(r) for r in rows]


def all_holders(store: Store, licence_id: int, page: int = 500) -> list[Holder]:
    """Every holder of a licence, by user ID, read a page at a time."""
    holders: list[Holder] = []
    while True:
        batch = store.holders(licence_id, offset=len(holders), limit=page)
        holders.extend(batch)
        if len(batch) < page:
            return holders


def usage_of_months(store: Store, *months: str) -> list[MonthlyUsage]:
    """Usage rows of the given months only (the projection needs this month and the last)."""
    marks = ", ".join("?" for _ in months)
    rows = store.db.fetch_all(
        f"SELECT service, month, amount, users FROM monthly_usage WHERE month IN ({marks})",
        months,
    )
    return [MonthlyUsage(*r) for r in rows]


def read_summary(store: Store, now: datetime, *, failed_days: int = 7) -> Summary:
    """The store's state at ``now``; failed events count for ``failed_days`` days."""
    installation = store.installation()
    owners = tuple(OwnerLicences(o, tuple(store.licences(o.name))) for o in store.owners())
    month = month_key(now)
    usage = usage_of_months(store, month, shift_month(month, -1))
    since = now - timedelta(days=failed_days)
    with store.db.read() as conn:
        mirror = mirror_of(conn)
    runs = sync_runs(store, limit=1) if mirror is not None else []
    return Summary(
        now=now,
        installation=installation,
        owners=owners,
        active_events=tuple(active_events(store)),
        failed_events=tuple(failed_events_since(store, since)),
        failed_since=since,
        currency=installation.currency if installation else "",
        consumption=tuple(month_figures(store.services(), usage, month, now)),
        mirror=mirror,
        last_sync=runs[0] if runs else None,
    )
