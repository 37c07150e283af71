"""Typed reads of a store. Every method returns frozen dataclasses; none of them writes."""

from __future__ import annotations

from pathlib import Path

from licscreen.store.db import Database, open_database
from licscreen.store.models import (
    Holder,
    Installation,
    Licence,
    LicenceDetail,
    MeteredService,
    MonthlyUsage,
    Owner,
    Restriction,
    SystemEvent,
)
from licscreen.store.sql import (
    EVENT_ORDER,
    EVENT_QUERY,
    LICENCE_COLUMNS,
    event_from_row,
    from_db_date,
    licence_from_row,
    like_pattern,
)

# The holders' columns a list sorts by (Store.holders), as --sort names them.
HOLDER_ORDER = {"user_id": "u.user_id COLLATE NOCASE", "full_name": "u.full_name COLLATE NOCASE",
                "valid_from": "lu.valid_from", "valid_to": "lu.valid_to"}


class Store:
    """A licscreen store: reads here, writes in the modules that own them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(cls, path: Path, *, read_only: bool | None = None,
             why: str | None = None) -> Store:
        """``why``: with ``read_only``, the reason every write is refused with."""
        return cls(open_database(path, read_only=read_only, why=why))

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @property
    def read_only_reason(self) -> str | None:
        """Why the store is read-only: its file or its folder (a store opened for writing), or
        the reason it was opened read-only with (``why``)."""
        return self.db.reason

    def close(self) -> None:
        self.db.close()

    @property
    def is_mirror(self) -> bool:
        """A mirror of a SuperOffice installation (filled by ``licscreen sync``)?
        (store/mirror.py has what it mirrors and its syncs.)"""
        with self.db.read() as conn:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                            "AND name = 'mirror'").fetchone() is None:
                return False
            return conn.execute("SELECT 1 FROM mirror").fetchone() is not None

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file: a cheap 'anything new?'."""
        return int(self.db.fetch_value("PRAGMA data_version"))

    # Licence owners and their licences

    def owners(self) -> list[Owner]:
        rows = self.db.fetch_all(
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
                expires=from_db_date(r[5]),
                grace_date=from_db_date(r[6]),
                maintenance_date=from_db_date(r[7]),
                next_check_date=from_db_date(r[8]),
                admin_warning_date=from_db_date(r[9]),
                product_type=r[10],
                product_description=r[11],
                sort_order=r[12],
            )
            for r in rows
        ]

    def licences(self, owner: str, *, include_hidden: bool = False) -> list[Licence]:
        """An owner's licences: system licences first, then user licences, by sort order."""
        hidden = "" if include_hidden else "AND l.hidden = 0"
        rows = self.db.fetch_all(
            f"""SELECT {LICENCE_COLUMNS} FROM module_licence l
                WHERE l.owner = ? {hidden}
                ORDER BY l.licence_type = 3, l.sort_order, l.description""",
            (owner,),
        )
        return [licence_from_row(r) for r in rows]

    def all_licences(self) -> list[Licence]:
        """Every visible licence of every owner (for jumping to one)."""
        rows = self.db.fetch_all(
            f"""SELECT {LICENCE_COLUMNS} FROM module_licence l WHERE l.hidden = 0
                ORDER BY l.owner <> 'SUPEROFFICE', l.owner, l.sort_order"""
        )
        return [licence_from_row(r) for r in rows]

    def licence(self, licence_id: int) -> Licence | None:
        row = self.db.fetch_one(
            f"SELECT {LICENCE_COLUMNS} FROM module_licence l WHERE l.id = ?", (licence_id,)
        )
        return licence_from_row(row) if row else None

    def licence_detail(self, licence_id: int) -> LicenceDetail | None:
        licence = self.licence(licence_id)
        if licence is None:
            return None
        prerequisite = None
        if licence.prerequisite:
            row = self.db.fetch_one(
                f"SELECT {LICENCE_COLUMNS} FROM module_licence l WHERE l.owner = ? AND l.name = ?",
                (licence.owner, licence.prerequisite),
            )
            prerequisite = licence_from_row(row) if row else None
        grants = self.db.fetch_all(
            f"""SELECT {LICENCE_COLUMNS} FROM plan_grant p
                JOIN module_licence l ON l.id = p.granted_id
                WHERE p.plan_id = ? ORDER BY l.sort_order""",
            (licence_id,),
        )
        granted_by = self.db.fetch_all(
            f"""SELECT {LICENCE_COLUMNS} FROM plan_grant p
                JOIN module_licence l ON l.id = p.plan_id
                WHERE p.granted_id = ? ORDER BY l.sort_order""",
            (licence_id,),
        )
        required_by = self.db.fetch_all(
            f"""SELECT {LICENCE_COLUMNS} FROM module_licence l
                WHERE l.owner = ? AND l.prerequisite = ? ORDER BY l.sort_order""",
            (licence.owner, licence.name),
        )
        return LicenceDetail(
            licence=licence,
            prerequisite=prerequisite,
            grants=tuple(map(licence_from_row, grants)),
            required_by=tuple(map(licence_from_row, required_by)),
            granted_by=tuple(map(licence_from_row, granted_by)),
        )

    def holder_count(self, licence_id: int) -> int:
        return int(self.db.fetch_value(
            "SELECT count(*) FROM licence_user WHERE licence_id = ?", (licence_id,)))

    def holders(self, licence_id: int, offset: int = 0, limit: int = 100,
                order: tuple[str, bool] | None = None, *, text: str = "") -> list[Holder]:
        """One page of a licence's holders, by user ID, or by ``order``: (a column of
        :data:`HOLDER_ORDER`, descending); text without regard to case, no date last. ``text``:
        only those with it in their user ID or name (``!text``: without it); ``limit`` -1: all."""
        by = "u.user_id"
        if order is not None:
            column, way = HOLDER_ORDER[order[0]], "DESC" if order[1] else "ASC"
            by = f"{column} IS NULL, {column} {way}, u.user_id {way}"
        text = text.strip()
        exclude = text.startswith("!")
        text = text[1:].strip() if exclude else text
        where = ("" if not text else
                 f" AND {'NOT ' if exclude else ''}(u.user_id LIKE ?4 ESCAPE '\\'"
                 " OR u.full_name LIKE ?4 ESCAPE '\\')")
        rows = self.db.fetch_all(
            f"""SELECT u.user_id, u.full_name, lu.valid_from, lu.valid_to, lu.comment
               FROM licence_user lu JOIN user u ON u.id = lu.user_id
               WHERE lu.licence_id = ?1{where} ORDER BY {by} LIMIT ?2 OFFSET ?3""",
            (licence_id, limit, offset, *([like_pattern(text)] if text else [])),
        )
        return [Holder(r[0], r[1], from_db_date(r[2]), from_db_date(r[3]), r[4]) for r in rows]

    # The installation

    def installation(self) -> Installation | None:
        row = self.db.fetch_one(
            """SELECT i.owner, i.serial_number, i.database_type, i.role, i.logged_in_user,
                      u.full_name, i.subscription, i.plan, i.currency, i.shop_url, i.is_demo,
                      (SELECT min(expires) FROM owner)
               FROM installation i LEFT JOIN user u ON u.user_id = i.logged_in_user"""
        )
        if row is None:
            return None
        restrictions = self.db.fetch_all(
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
            next_expiry=from_db_date(row[11]),
            restrictions=tuple(Restriction(*r) for r in restrictions),
            logged_on_now=tuple((r[0], r[1]) for r in self.db.fetch_all(
                "SELECT user_id, full_name FROM user WHERE logged_on = 1 ORDER BY user_id")),
        )

    # System events

    def event_count(self) -> int:
        return int(self.db.fetch_value("SELECT count(*) FROM system_event"))

    def events(self, offset: int = 0, limit: int = 100) -> list[SystemEvent]:
        """One page of system events, newest first."""
        rows = self.db.fetch_all(f"{EVENT_QUERY} {EVENT_ORDER} LIMIT ? OFFSET ?", (limit, offset))
        return [event_from_row(r) for r in rows]

    def event(self, event_id: int) -> SystemEvent | None:
        row = self.db.fetch_one(f"{EVENT_QUERY} WHERE e.id = ?", (event_id,))
        return event_from_row(row) if row else None

    def portrait(self, user_id: str) -> bytes | None:
        row = self.db.fetch_one("SELECT portrait FROM user WHERE user_id = ?", (user_id,))
        return row[0] if row else None

    # Metered services

    def services(self) -> list[MeteredService]:
        rows = self.db.fetch_all(
            """SELECT key, name, unit, base, per_user, price, price_per, sort_order
               FROM metered_service ORDER BY sort_order, key"""
        )
        return [MeteredService(*r) for r in rows]

    def usage(self, service: str | None = None) -> list[MonthlyUsage]:
        where, params = ("WHERE service = ?", (service,)) if service else ("", ())
        rows = self.db.fetch_all(
            f"SELECT service, month, amount, users FROM monthly_usage {where} ORDER BY month",
            params,
        )
        return [MonthlyUsage(*r) for r in rows]
