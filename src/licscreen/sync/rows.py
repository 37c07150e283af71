"""SuperOffice's rows, as a database gives them, made into a :class:`Snapshot`.

Values come as the driver gives them (a ``datetime`` from SQL Server, text from SQLite): each
is read by what it means. SuperOffice's zero date (1899-12-30, or 0) means never: None.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from licscreen.sync.digest import Table
from licscreen.sync.snapshot import (
    Snapshot,
    SoEvent,
    SoGroup,
    SoHolder,
    SoInstallation,
    SoLicence,
    SoOwner,
    SoUser,
    plan_grants,
)

# The kinds big enough to be worth skipping when their digest is the store's, each with the
# table it is made of (the others are a few hundred rows, compared in full every time).
SKIPPABLE = {"users": "associate", "holders": "LicenseAssocLink", "events": "SystemEvent"}

ZERO_YEAR = 1900  # a moment before 1900-01-02 is SuperOffice's "never"
Rows = dict[str, list[dict[str, Any]]]


NEVER = datetime(ZERO_YEAR, 1, 2)


def moment(value: Any) -> datetime | None:
    """A moment (naive UTC) from a driver's value; None for empty and zero dates."""
    if value is None or value in (0, "0", ""):
        return None
    if isinstance(value, str):
        return _from_text(value)
    if isinstance(value, datetime):
        result = value.replace(tzinfo=None)
    elif isinstance(value, date):
        result = datetime(value.year, value.month, value.day)
    else:
        return None
    return None if result < NEVER else result


@functools.lru_cache(maxsize=8192)
def _from_text(value: str) -> datetime | None:
    """A moment from text (SQLite's); the same few stamps recur across a large table."""
    try:
        result = datetime.fromisoformat(value.strip().replace("Z", "")).replace(tzinfo=None)
    except ValueError:
        return None
    return None if result < NEVER else result


def day(value: Any) -> date | None:
    if isinstance(value, str):
        return _day_from_text(value)
    found = moment(value)
    return found.date() if found else None


@functools.lru_cache(maxsize=8192)
def _day_from_text(value: str) -> date | None:
    found = moment(value)
    return found.date() if found else None


def text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def number(value: Any, default: int = 0) -> int:
    if type(value) is int:
        return value
    if value is None or value == "":
        return default
    with contextlib.suppress(TypeError, ValueError):
        return int(value)
    return default


def flag(value: Any) -> bool:
    return number(value) != 0


def full_name(row: dict[str, Any]) -> str:
    parts = (text(row.get(f"person_{c}")) for c in ("firstname", "middlename", "lastname"))
    name = " ".join(p for p in parts if p)
    return name or text(row.get("name"))


def as_dicts(tables: Mapping[str, Table]) -> Rows:
    """Each table's rows as dicts by lower-case column label; a table not there: no rows."""
    from licscreen.sync.db_tables import TABLES

    rows: Rows = {name: [] for name in TABLES}
    for name, (keys, found) in tables.items():
        rows[name] = [dict(zip(keys, row, strict=True)) for row in found]
    return rows


def build_snapshot(tables: Mapping[str, Table], *, source: str, database_type: str,
                   digests: Mapping[str, str] | None = None,
                   unchanged: frozenset[str] = frozenset(),
                   holders_of: frozenset[str] | None = None) -> Snapshot:
    """The snapshot of these rows; the kinds in ``unchanged`` (of SKIPPABLE) are not built,
    and of the links only those of the licences ``holders_of`` (their ids as text; None:
    all)."""
    skipped = {SKIPPABLE[kind] for kind in unchanged & SKIPPABLE.keys()}
    tables = {name: table for name, table in tables.items() if name not in skipped}
    if holders_of is not None and "LicenseAssocLink" in tables:
        keys, links = tables["LicenseAssocLink"]
        tables["LicenseAssocLink"] = keys, [r for r in links if str(r[0]) in holders_of]
    rows = as_dicts(tables)
    company = rows["company"][0] if rows["company"] else {}
    serial = text(company.get("serialno"))
    company_name = text(company.get("ownercontactname"))
    owners_by_id: dict[int, str] = {}
    owners = []
    for index, r in enumerate(sorted(rows["ModuleOwner"], key=lambda r: number(
            r["moduleowner_id"]))):
        name = text(r["ownername"])
        owners_by_id[number(r["moduleowner_id"])] = name
        owners.append(SoOwner(
            name=name, description=text(r.get("ownerdescription")) or name,
            company_name=company_name, serial_number=serial,
            licence_version=text(r.get("licenseversion")), expires=day(r["expiration"]),
            grace_date=day(r.get("graceto")), maintenance_date=day(r.get("maintenanceto")),
            next_check_date=day(r.get("nextcheckdate")),
            admin_warning_date=day(r.get("adminwarningdate")),
            product_type=text(r.get("producttype")) or None,
            product_description=text(r.get("producttypedescription")) or None,
            sort_order=index))
    licences = []
    for r in rows["ModuleLicense"]:
        name = text(r["modulename"])
        flags = number(r.get("extraflags"))
        licences.append(SoLicence(
            source_id=number(r["modulelicense_id"]),
            owner=owners_by_id.get(number(r["moduleowner_id"]), ""), name=name,
            description=text(r.get("moduledescription")) or name,
            licence_type=number(r["licensetype"]), total=number(r["licensenumber"]),
            tooltip=text(r.get("tooltip")), unrestricted=flag(r.get("unrestricted")),
            hidden=flag(r.get("hidden")), extra_flags=flags,
            prerequisite=text(r.get("prerequisitemodule")) or None,
            sort_order=number(r.get("sortorder")),
            grants=plan_grants(text(r.get("extrainfo"))) if flags & 1 else ()))
    groups = tuple(SoGroup(number(r["usergroup_id"]), text(r["name"]), flag(r.get("deleted")))
                   for r in rows["UserGroup"])
    users = []
    for r in rows["associate"]:
        group = number(r.get("group_idx"))
        retired = flag(r.get("deleted")) or flag(r.get("person_retired"))
        waiting = flag(r.get("waiting_for_approval"))
        users.append(SoUser(
            source_id=number(r["associate_id"]), user_id=text(r["name"]),
            full_name=full_name(r), group_id=group or None, retired=retired,
            can_log_in=not retired and not waiting, waiting_for_approval=waiting,
            last_login=moment(r.get("lastlogin"))))
    holders = tuple(SoHolder(
        licence_id=number(r["modulelicenseid"]), user_id=number(r["associd"]),
        valid_from=day(r.get("validfrom")), valid_to=day(r.get("validto")),
        comment=text(r.get("comment")), assigned_at=moment(r.get("registered")),
        assigned_by=number(r.get("registered_associate_id")) or None)
        for r in rows["LicenseAssocLink"])
    events = tuple(SoEvent(
        source_id=number(r["systemevent_id"]), scope=number(r["scope"]),
        owner_id=number(r["owner"]), event_key=text(r["eventkey"]),
        message=text(r.get("eventmess")), eta=moment(r.get("eta")),
        registered=moment(r.get("registered")),
        registered_by=number(r.get("registered_associate_id")) or None,
        updated=moment(r.get("updated")),
        updated_by=number(r.get("updated_associate_id")) or None,
        update_count=number(r.get("updatedcount")))
        for r in rows["SystemEvent"] if number(r["scope"]) in (1, 2, 3, 4))
    levels = [number(r["systemlevel"], 10) for r in rows["travelcurrent"]]
    installation = SoInstallation(
        owner=text(company.get("dbcontactname")) or company_name, serial_number=serial,
        database_type=database_type,
        role="central" if not levels or levels[0] == 10 else "satellite",
        logged_on_now=tuple(number(r["activeuser_id"]) for r in rows["activeuser"]))
    return Snapshot(source=source, installation=installation, owners=tuple(owners),
                    licences=tuple(licences), groups=groups, users=tuple(users),
                    holders=holders, events=events, restrictions=None,
                    notes=("plan restrictions are read through the REST API only",),
                    digests=dict(digests or {}), unchanged=unchanged,
                    holders_of=None if holders_of is None else frozenset(
                        number(i) for i in holders_of))
