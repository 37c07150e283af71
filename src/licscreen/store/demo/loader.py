"""Load an installation from the folder format documented in ``docs/data-format.md``.

Everything is read and checked before anything is written; a bad file raises
:class:`DataFileError` naming the file and line. Dates are rebased from the data's ``as_of`` to
today, so the demo always looks current.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from licscreen.i18n import _
from licscreen.store.db import Database
from licscreen.store.demo.history import load_history
from licscreen.store.errors import DataFileError
from licscreen.store.models import EventScope, EventStatus, ExtraFlags, LicenceType
from licscreen.store.sql import to_db_time

LICENCE_TYPES = {"site": LicenceType.SITE, "satellite": LicenceType.SATELLITE,
                 "user": LicenceType.USER}
SCOPES = {scope.label: scope for scope in EventScope}


@dataclass(frozen=True)
class Rebase:
    """Moves the data's dates from its ``as_of`` day to today."""

    days: int
    months: int
    moment: timedelta  # times move by the exact offset, so 'running now' stays now

    @classmethod
    def between(cls, as_of: datetime, now: datetime) -> Rebase:
        today, day = now.date(), as_of.date()
        months = (today.year - day.year) * 12 + today.month - day.month
        offset = timedelta(minutes=round((now - as_of).total_seconds() / 60))
        return cls(days=(today - day).days, months=months, moment=offset)

    def date(self, value: str | None) -> str | None:
        if not value:
            return None
        return (date.fromisoformat(value) + timedelta(days=self.days)).isoformat()

    def time(self, value: str | None) -> str | None:
        if not value:
            return None
        moment = datetime.fromisoformat(value).replace(tzinfo=UTC)
        return to_db_time(moment + self.moment)

    def month(self, value: str) -> str:
        year, month = map(int, value.split("-"))
        index = year * 12 + month - 1 + self.months
        return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise DataFileError(_("{path}: file missing").format(path=path)) from None
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"{path}: {error}") from None


def _csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as file:
            reader = csv.DictReader(file)
            for row in reader:
                yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}
    except FileNotFoundError:
        raise DataFileError(_("{path}: file missing").format(path=path)) from None


def _fail(path: Path, where: str | int, message: str) -> DataFileError:
    return DataFileError(f"{path}:{where}: {message}")


def _require(record: dict[str, Any], key: str, path: Path, where: str | int) -> Any:
    if record.get(key) in (None, ""):
        raise _fail(path, where, _("missing '{key}'").format(key=key))
    return record[key]


def _flag(row: dict[str, str], key: str, default: bool, path: Path, line: int) -> int:
    """A 0/1 column of a CSV file; empty or missing: ``default``."""
    value = row.get(key) or ("1" if default else "0")
    if value not in ("0", "1"):
        raise _fail(path, line, _("'{key}' must be 0 or 1").format(key=key))
    return int(value)


def load_installation(db: Database, folder: Path, now: datetime | None = None) -> None:
    """Fill an empty store with the installation in ``folder``, in one transaction."""
    now = now or datetime.now(UTC)
    main_file = folder / "installation.toml"
    main = _toml(main_file)
    try:
        as_of = datetime.fromisoformat(str(main["as_of"])).replace(tzinfo=UTC)
    except (KeyError, ValueError):
        raise _fail(main_file, "as_of", _("missing or not a date (YYYY-MM-DDTHH:MM)")) from None
    rebase = Rebase.between(as_of, now)
    inst = _require(main, "installation", main_file, "installation")

    users_file = folder / "users.csv"
    groups: dict[str, int] = {}
    users: dict[str, dict[str, Any]] = {}
    for line, row in _csv(users_file):
        user_id = _require(row, "user_id", users_file, line).upper()
        if user_id in users:
            raise _fail(users_file, line, _("user '{user}' twice").format(user=user_id))
        group = row.get("group") or None
        if group and group not in groups:
            groups[group] = len(groups) + 1
        portrait = None
        if row.get("portrait"):
            try:
                portrait = (folder / "portraits" / row["portrait"]).read_bytes()
            except OSError:
                raise _fail(users_file, line, _("no portrait file '{name}'").format(
                    name=row["portrait"])) from None
        users[user_id] = {
            "id": len(users) + 1,
            "user_id": user_id,
            "full_name": _require(row, "full_name", users_file, line),
            "group_id": groups.get(group) if group else None,
            "portrait": portrait,
            "last_login": rebase.time(row.get("last_login")),
            "can_log_in": _flag(row, "can_log_in", True, users_file, line),
            "retired": _flag(row, "retired", False, users_file, line),
            "waiting_for_approval": _flag(row, "waiting_for_approval", False, users_file, line),
        }

    def user_ref(user_id: str | None, path: Path, where: str | int) -> int | None:
        if not user_id:
            return None
        if user_id.upper() not in users:
            raise _fail(path, where, _("unknown user '{user}'").format(user=user_id))
        return int(users[user_id.upper()]["id"])

    owners, grants = [], []
    licences: dict[tuple[str, str], dict[str, Any]] = {}
    for index, owner in enumerate(main.get("owners", [])):
        where = f"owners[{index}]"
        name = _require(owner, "name", main_file, where)
        owners.append({
            "name": name,
            "description": _require(owner, "description", main_file, where),
            "company_name": _require(owner, "company_name", main_file, where),
            "serial_number": str(_require(owner, "serial_number", main_file, where)),
            "licence_version": owner.get("licence_version", 1),
            "expires": rebase.date(owner.get("expires")),
            "grace_date": rebase.date(owner.get("grace_date")),
            "maintenance_date": rebase.date(owner.get("maintenance_date")),
            "next_check_date": rebase.date(owner.get("next_check_date")),
            "admin_warning_date": rebase.date(owner.get("admin_warning_date")),
            "product_type": owner.get("product_type"),
            "product_description": owner.get("product_description"),
            "public_key": owner.get("public_key"),  # a partner's key (docs/licence-file.md)
            "signature": owner.get("key_signature"),  # the vendor's signature over that key
            "sort_order": index,
        })
        for number, lic in enumerate(owner.get("licences", [])):
            lwhere = f"{where}.licences[{number}]"
            code = _require(lic, "name", main_file, lwhere)
            kind = LICENCE_TYPES.get(str(lic.get("type")))
            if kind is None:
                raise _fail(main_file, lwhere, _("type must be site, satellite or user"))
            total = lic.get("total")
            if not isinstance(total, int) or total <= 0:
                raise _fail(main_file, lwhere, _("total must be a whole number above 0"))
            flags = ExtraFlags.USER_PLAN if lic.get("user_plan") else 0
            licences[(name, code)] = {
                "id": len(licences) + 1,
                "owner": name,
                "name": code,
                "description": _require(lic, "description", main_file, lwhere),
                "tooltip": lic.get("tooltip", ""),
                "licence_type": int(kind),
                "total": total,
                "unrestricted": int(bool(lic.get("unrestricted"))),
                "hidden": int(bool(lic.get("hidden"))),
                "extra_flags": int(flags),
                "prerequisite": lic.get("prerequisite"),
                "sort_order": lic.get("sort_order", number),
            }
            grants += [(name, code, granted, lwhere) for granted in lic.get("grants", [])]
    for (owner_name, code), lic in licences.items():
        if lic["prerequisite"] and (owner_name, lic["prerequisite"]) not in licences:
            raise _fail(main_file, code, _("unknown prerequisite '{name}'").format(
                name=lic["prerequisite"]))
    plan_grants = []
    for owner_name, code, granted, where in grants:
        if (owner_name, granted) not in licences:
            raise _fail(main_file, where, _("grants unknown licence '{name}'").format(name=granted))
        plan_grants.append({"plan_id": licences[(owner_name, code)]["id"],
                            "granted_id": licences[(owner_name, granted)]["id"]})

    holders_file = folder / "holders.csv"
    links = []
    for line, row in _csv(holders_file):
        key = (row.get("owner", ""), row.get("licence", ""))
        if key not in licences:
            raise _fail(holders_file, line, _("unknown licence '{owner}/{name}'").format(
                owner=key[0], name=key[1]))
        links.append({
            "licence_id": licences[key]["id"],
            "user_id": user_ref(_require(row, "user_id", holders_file, line), holders_file, line),
            "valid_from": rebase.date(row.get("valid_from")),
            "valid_to": rebase.date(row.get("valid_to")),
            "comment": row.get("comment", ""),
        })

    events_file = folder / "events.toml"
    events = []
    for index, event in enumerate(_toml(events_file).get("events", [])):
        where = f"events[{index}]"
        scope = SCOPES.get(str(event.get("scope")))
        if scope is None:
            raise _fail(events_file, where, _("scope must be system, database, group or user"))
        owner_id: int | None = 0
        if scope is EventScope.GROUP:
            owner_id = groups.get(event.get("owner", ""), 0)
            if not owner_id:
                raise _fail(events_file, where, _("unknown group '{group}'").format(
                    group=event.get("owner")))
        elif scope is EventScope.USER:
            owner_id = user_ref(_require(event, "owner", events_file, where), events_file, where)
        try:
            status = EventStatus(event.get("status"))
        except ValueError:
            raise _fail(events_file, where, _("unknown status '{status}'").format(
                status=event.get("status"))) from None
        events.append({
            "scope": int(scope),
            "owner_id": owner_id,
            "event_key": _require(event, "key", events_file, where),
            "name": _require(event, "name", events_file, where),
            "status": status.value,
            "message": event.get("message", ""),
            "description": event.get("description", ""),
            "eta": rebase.time(event.get("ends")),
            "registered": rebase.time(_require(event, "activated", events_file, where)),
            "registered_by": user_ref(event.get("activated_by"), events_file, where),
            "updated": rebase.time(event.get("updated")),
            "updated_by": user_ref(event.get("updated_by"), events_file, where),
        })

    services_file = folder / "services.toml"
    services = []
    for index, service in enumerate(_toml(services_file).get("services", [])):
        where = f"services[{index}]"
        services.append({
            "key": _require(service, "key", services_file, where),
            "name": _require(service, "name", services_file, where),
            "unit": service.get("unit", "count"),
            "base": service.get("base", 0),
            "per_user": service.get("per_user", 0),
            "price": service.get("price", 0),
            "price_per": service.get("price_per", 1),
            "sort_order": index,
        })
    service_keys = {s["key"] for s in services}
    usage_file = folder / "usage.csv"
    usage = []
    for line, row in _csv(usage_file):
        if row.get("service") not in service_keys:
            raise _fail(usage_file, line, _("unknown service '{name}'").format(
                name=row.get("service")))
        try:
            usage.append({"service": row["service"], "month": rebase.month(row["month"]),
                          "amount": float(row["amount"]), "users": int(row["users"])})
        except (KeyError, ValueError):
            raise _fail(usage_file, line, _("month, amount or users is not valid")) from None

    logged_in = inst.get("logged_in_user")
    user_ref(logged_in, main_file, "installation.logged_in_user")
    installation = {
        "id": 1,
        "owner": _require(inst, "owner", main_file, "installation"),
        "serial_number": str(_require(inst, "serial_number", main_file, "installation")),
        "database_type": _require(inst, "database_type", main_file, "installation"),
        "role": inst.get("role", "central"),
        "logged_in_user": logged_in.upper() if logged_in else None,
        "subscription": inst.get("subscription"),
        "plan": inst.get("plan"),
        "currency": inst.get("currency", "NOK"),
        "shop_url": inst.get("shop_url"),
        "is_demo": int(bool(inst.get("demo", True))),
    }
    restrictions = [
        {"name": r["name"], "max_value": r.get("limit"), "current": r.get("current", 0),
         "sort_order": i}
        for i, r in enumerate(main.get("restrictions", []))
    ]

    trust = main.get("trust")
    if trust is not None:  # the vendor key that signs this installation's licence files
        trust = {"id": 1, "vendor_key": _require(trust, "vendor_key", main_file, "trust"),
                 "is_demo": int(bool(trust.get("demo"))), "set_at": to_db_time(now)}

    import sqlite_utils  # only writers pay for its import

    with db.transaction() as conn:
        writer = sqlite_utils.Database(conn)
        writer.table("user_group").insert_all({"id": i, "name": n} for n, i in groups.items())
        writer.table("user").insert_all(users.values())
        writer.table("owner").insert_all(owners)
        writer.table("module_licence").insert_all(licences.values())
        writer.table("plan_grant").insert_all(plan_grants)
        writer.table("licence_user").insert_all(links)
        writer.table("installation").insert(installation)
        writer.table("plan_restriction").insert_all(restrictions)
        writer.table("system_event").insert_all(events)
        writer.table("metered_service").insert_all(services)
        writer.table("monthly_usage").insert_all(usage)
        if trust is not None:
            writer.table("trust").insert(trust)
        load_history(conn, folder, now.astimezone(UTC).date())  # what the triggers wrote, replaced
