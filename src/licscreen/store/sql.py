"""What the store's read modules share: the SELECTs of licences and events, the row mappers
that make models of them, and the store's ways with time and ``LIKE``.

The store's modules import these from here. Outside the store, the time and ``LIKE`` helpers
come from ``licscreen.store``, and the models from its reads: no SQL of the store's leaves it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from licscreen.store.models import EventScope, EventStatus, Licence, LicenceType, SystemEvent

Row = tuple[Any, ...]  # a row as sqlite3 gives it: the columns of its SELECT, in order
DB_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def like_pattern(text: str) -> str:
    """``LIKE '%text%'`` with ``ESCAPE '\\'``: the text's own ``%``, ``_`` and ``\\`` match
    themselves."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def to_db_time(moment: datetime) -> str:
    """A moment as the store keeps it: UTC, to the second."""
    return moment.astimezone(UTC).strftime(DB_TIME_FORMAT)


def db_moment(value: str) -> datetime:
    """A moment the store kept (UTC), from a column that always has one."""
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def from_db_time(value: str | None) -> datetime | None:
    """A moment the store kept (UTC), or None for an empty column."""
    return db_moment(value) if value else None


def from_db_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# The columns licence_from_row reads, over ``module_licence l``.
LICENCE_COLUMNS = """
    l.id, l.owner, l.name, l.description, l.tooltip, l.licence_type, l.total, l.unrestricted,
    l.hidden, l.extra_flags, l.prerequisite, l.sort_order,
    (SELECT count(*) FROM licence_user lu WHERE lu.licence_id = l.id) AS in_use
"""

# Events with the names event_from_row reads; a WHERE over the aliases may follow.
EVENT_QUERY = """
    SELECT e.id, e.event_key, e.name, e.scope, e.owner_id,
           CASE e.scope WHEN 3 THEN g.name WHEN 4 THEN ou.user_id END AS owner_name,
           e.status, e.message, e.description, e.eta, e.registered,
           ru.user_id, ru.full_name, ru.portrait IS NOT NULL,
           e.updated, uu.user_id, e.update_count
    FROM system_event e
    LEFT JOIN user ru ON ru.id = e.registered_by
    LEFT JOIN user uu ON uu.id = e.updated_by
    LEFT JOIN user_group g ON e.scope = 3 AND g.id = e.owner_id
    LEFT JOIN user ou ON e.scope = 4 AND ou.id = e.owner_id
"""
EVENT_ORDER = "ORDER BY e.registered DESC, e.id DESC"  # newest first


def licence_from_row(row: Row) -> Licence:
    return Licence(
        id=row[0],
        owner=row[1],
        name=row[2],
        description=row[3],
        tooltip=row[4],
        type=LicenceType(row[5]),
        total=row[6],
        unrestricted=bool(row[7]),
        hidden=bool(row[8]),
        extra_flags=row[9],
        prerequisite=row[10],
        sort_order=row[11],
        in_use=row[12],
    )


def event_from_row(row: Row) -> SystemEvent:
    return SystemEvent(
        id=row[0],
        key=row[1],
        name=row[2],
        scope=EventScope(row[3]),
        owner_id=row[4],
        owner_name=row[5],
        status=EventStatus(row[6]),
        message=row[7],
        description=row[8],
        ends=from_db_time(row[9]),
        activated=db_moment(row[10]),
        activated_by=row[11],
        activated_by_name=row[12],
        activated_by_has_portrait=bool(row[13]),
        updated=from_db_time(row[14]),
        updated_by=row[15],
        update_count=row[16],
    )
