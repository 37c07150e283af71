"""Typed reads of a store. Every method returns frozen dataclasses; none of them writes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from licscreen.store.db import Database, open_database
from licscreen.store.models import (
    EventScope,
    EventStatus,
    Holder,
    Installation,
    Licence,
    LicenceDetail,
    LicenceType,
    MeteredService,
    MonthlyUsage,
    Owner,
    Restriction,
    SystemEvent,
)

DB_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def like_pattern(text: str) -> str:
    """``LIKE '%text%'`` with ``ESCAPE '\\'``: the text's own ``%``, ``_`` and ``\\`` match
    themselves."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def to_db_time(moment: datetime) -> str:
    """A moment as the store keeps it: UTC, to the second."""
    return moment.astimezone(UTC).strftime(DB_TIME_FORMAT)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None


_LICENCE_COLUMNS = """
    l.id, l.owner, l.name, l.description, l.tooltip, l.licence_type, l.total, l.unrestricted,
    l.hidden, l.extra_flags, l.prerequisite, l.sort_order,
    (SELECT count(*) FROM licence_user lu WHERE lu.licence_id = l.id) AS in_use
"""

_EVENT_QUERY = """
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
EVENT_ORDER = "ORDER BY e.registered DESC, e.id DESC"


def _licence(row: sqlite3.Row | tuple) -> Licence:
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


def _event(row: tuple) -> SystemEvent:
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
        ends=_time(row[9]),
        activated=_time(row[10]),  # type: ignore[arg-type]
        activated_by=row[11],
        activated_by_name=row[12],
        activated_by_has_portrait=bool(row[13]),
        updated=_time(row[14]),
        updated_by=row[15],
        update_count=row[16],
    )


class Store:
    """A licscreen store: reads here, writes in the modules that own them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(cls, path: Path, *, read_only: bool | None = None) -> Store:
        return cls(open_database(path, read_only=read_only))

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def close(self) -> None:
        self.db.close()

    def _all(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self.db.read() as conn:
            return conn.execute(sql, params).fetchall()

    def _one(self, sql: str, params: tuple = ()) -> tuple | None:
        with self.db.read() as conn:
            return conn.execute(sql, params).fetchone()

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file: a cheap 'anything new?'."""
        return self._one("PRAGMA data_version")[0]  # type: ignore[index]

    # Licence owners and their licences

    def owners(self) -> list[Owner]:
        rows = self._all(
            """SELECT name, description, company_name, serial_number, licence_version, expires,
                      grace_date, maintenance_date, next_check_date, admin_warning_date,
                      product_type, product_description, sort_order
               FROM owner ORDER BY name <> 'SUPEROFFICE', sort_order, name"""
        )
        return [
            Owner(
                name=r[0],
                description=r[1],
                company_name=r[2],
                serial_number=r[3],
                licence_version=r[4],
                expires=_date(r[5]),
                grace_date=_date(r[6]),
                maintenance_date=_date(r[7]),
                next_check_date=_date(r[8]),
                admin_warning_date=_date(r[9]),
                product_type=r[10],
                product_description=r[11],
                sort_order=r[12],
            )
            for r in rows
        ]

    def licences(self, owner: str, *, include_hidden: bool = False) -> list[Licence]:
        """An owner's licences: system licences first, then user licences, by sort order."""
        hidden = "" if include_hidden else "AND l.hidden = 0"
        rows = self._all(
            f"""SELECT {_LICENCE_COLUMNS} FROM module_licence l
                WHERE l.owner = ? {hidden}
                ORDER BY l.licence_type = 3, l.sort_order, l.description""",
            (owner,),
        )
        return [_licence(r) for r in rows]

    def all_licences(self) -> list[Licence]:
        """Every visible licence of every owner (for jumping to one)."""
        rows = self._all(
            f"""SELECT {_LICENCE_COLUMNS} FROM module_licence l WHERE l.hidden = 0
                ORDER BY l.owner <> 'SUPEROFFICE', l.owner, l.sort_order"""
        )
        return [_licence(r) for r in rows]

    def licence(self, licence_id: int) -> Licence | None:
        row = self._one(
            f"SELECT {_LICENCE_COLUMNS} FROM module_licence l WHERE l.id = ?", (licence_id,)
        )
        return _licence(row) if row else None

    def licence_detail(self, licence_id: int) -> LicenceDetail | None:
        licence = self.licence(licence_id)
        if licence is None:
            return None
        prerequisite = None
        if licence.prerequisite:
            row = self._one(
                f"SELECT {_LICENCE_COLUMNS} FROM module_licence l WHERE l.owner = ? AND l.name = ?",
                (licence.owner, licence.prerequisite),
            )
            prerequisite = _licence(row) if row else None
        grants = self._all(
            f"""SELECT {_LICENCE_COLUMNS} FROM plan_grant p
                JOIN module_licence l ON l.id = p.granted_id
                WHERE p.plan_id = ? ORDER BY l.sort_order""",
            (licence_id,),
        )
        granted_by = self._all(
            f"""SELECT {_LICENCE_COLUMNS} FROM plan_grant p
                JOIN module_licence l ON l.id = p.plan_id
                WHERE p.granted_id = ? ORDER BY l.sort_order""",
            (licence_id,),
        )
        required_by = self._all(
            f"""SELECT {_LICENCE_COLUMNS} FROM module_licence l
                WHERE l.owner = ? AND l.prerequisite = ? ORDER BY l.sort_order""",
            (licence.owner, licence.name),
        )
        return LicenceDetail(
            licence=licence,
            prerequisite=prerequisite,
            grants=tuple(map(_licence, grants)),
            required_by=tuple(map(_licence, required_by)),
            granted_by=tuple(map(_licence, granted_by)),
        )

    def holder_count(self, licence_id: int) -> int:
        row = self._one("SELECT count(*) FROM licence_user WHERE licence_id = ?", (licence_id,))
        return row[0] if row else 0

    def holders(self, licence_id: int, offset: int = 0, limit: int = 100) -> list[Holder]:
        """One page of a licence's holders, by user ID."""
        rows = self._all(
            """SELECT u.user_id, u.full_name, lu.valid_from, lu.valid_to, lu.comment
               FROM licence_user lu JOIN user u ON u.id = lu.user_id
               WHERE lu.licence_id = ? ORDER BY u.user_id LIMIT ? OFFSET ?""",
            (licence_id, limit, offset),
        )
        return [Holder(r[0], r[1], _date(r[2]), _date(r[3]), r[4]) for r in rows]

    # The installation

    def installation(self) -> Installation | None:
        row = self._one(
            """SELECT i.owner, i.serial_number, i.database_type, i.role, i.logged_in_user,
                      u.full_name, i.subscription, i.plan, i.currency, i.shop_url, i.is_demo,
                      (SELECT min(expires) FROM owner)
               FROM installation i LEFT JOIN user u ON u.user_id = i.logged_in_user"""
        )
        if row is None:
            return None
        restrictions = self._all(
            "SELECT name, max_value, current FROM plan_restriction ORDER BY sort_order, id"
        )
        return Installation(
            owner=row[0],
            serial_number=row[1],
            database_type=row[2],
            role=row[3],
            logged_in_user=row[4],
            logged_in_name=row[5],
            subscription=row[6],
            plan=row[7],
            currency=row[8],
            shop_url=row[9],
            is_demo=bool(row[10]),
            next_expiry=_date(row[11]),
            restrictions=tuple(Restriction(*r) for r in restrictions),
        )

    # System events

    def event_count(self) -> int:
        return self._one("SELECT count(*) FROM system_event")[0]  # type: ignore[index]

    def events(self, offset: int = 0, limit: int = 100) -> list[SystemEvent]:
        """One page of system events, newest first."""
        rows = self._all(f"{_EVENT_QUERY} {EVENT_ORDER} LIMIT ? OFFSET ?", (limit, offset))
        return [_event(r) for r in rows]

    def event(self, event_id: int) -> SystemEvent | None:
        row = self._one(f"{_EVENT_QUERY} WHERE e.id = ?", (event_id,))
        return _event(row) if row else None

    def event_position(self, event_id: int) -> int | None:
        """The row an event has in :meth:`events`' order, or None when it is gone."""
        row = self._one(
            """SELECT count(*) FROM system_event e, system_event t
               WHERE t.id = ? AND (e.registered > t.registered
                     OR (e.registered = t.registered AND e.id > t.id))""",
            (event_id,),
        )
        if row is None or self._one("SELECT 1 FROM system_event WHERE id = ?", (event_id,)) is None:
            return None
        return row[0]

    def portrait(self, user_id: str) -> bytes | None:
        row = self._one("SELECT portrait FROM user WHERE user_id = ?", (user_id,))
        return row[0] if row else None

    # Metered services

    def services(self) -> list[MeteredService]:
        rows = self._all(
            """SELECT key, name, unit, base, per_user, price, price_per, sort_order
               FROM metered_service ORDER BY sort_order, key"""
        )
        return [MeteredService(*r) for r in rows]

    def usage(self, service: str | None = None) -> list[MonthlyUsage]:
        where, params = ("WHERE service = ?", (service,)) if service else ("", ())
        rows = self._all(
            f"SELECT service, month, amount, users FROM monthly_usage {where} ORDER BY month",
            params,
        )
        return [MonthlyUsage(*r) for r in rows]
