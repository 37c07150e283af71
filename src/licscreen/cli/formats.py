"""Every JSON and CSV shape the commands write, in the order of docs/json-formats.md.

The shapes are documented there and pinned by tests: add fields, never rename or remove them.
No Rich here, and no tables: those are in ``cli/tables``, imported only to print for people.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licscreen.cli.output import iso
from licscreen.present.export import HOLDER_FIELDS as HOLDER_FIELDS
from licscreen.present.export import LICENCE_FIELDS as LICENCE_FIELDS
from licscreen.present.export import event_json as event_json
from licscreen.present.export import holder_row as holder_row
from licscreen.present.export import licence_row as licence_row
from licscreen.store import (
    Installation,
    Licence,
    OwnerLicences,
    Projection,
    ServiceMonth,
    Summary,
    SystemEvent,
    UsageDay,
    invoice_total,
    projected_invoice_total,
)

if TYPE_CHECKING:

    from licscreen.licence.changes import LicenceChanges, ModuleChange
    from licscreen.licence.state import Activation, PendingLicence
    from licscreen.licence.update import LoadResult

FORMAT_VERSION = 1
SERVICE_FIELDS = ["key", "name", "unit", "users", "used", "included", "ratio", "over", "charge",
                  "over_threshold", "projected", "projected_ratio", "projected_over",
                  "projected_charge", "projected_over_threshold"]
USAGE_CSV_FIELDS = ["month", "currency", *SERVICE_FIELDS]

# licscreen status --json


def status_json(summary: Summary, path: Path) -> dict[str, Any]:
    rows = summary.consumption
    return {
        "format_version": FORMAT_VERSION,
        "now": iso(summary.now),
        "store": str(path),
        "installation": installation_json(summary.installation, summary),
        "owners": [owner_json(entry, summary) for entry in summary.owners],
        "events": [status_event_json(event, summary) for event in summary.active_events],
        "consumption": {
            "month": summary.month,
            "currency": summary.currency,
            "invoice_total": invoice_total(rows),
            "projected_invoice_total": projected_invoice_total(rows),
            "services": [service_json(row) for row in rows],
        },
    }


def installation_json(inst: Installation | None, summary: Summary) -> dict[str, Any] | None:
    if inst is None:
        return None
    today = summary.now.astimezone().date()
    return {
        "owner": inst.owner,
        "serial_number": inst.serial_number,
        "database_type": inst.database_type,
        "role": inst.role,
        "logged_in_user": inst.logged_in_user,
        "logged_in_name": inst.logged_in_name,
        "logged_on_now": [{"user_id": u, "full_name": n} for u, n in inst.logged_on_now],
        "subscription": inst.subscription,
        "plan": inst.plan,
        "currency": inst.currency,
        "is_demo": inst.is_demo,
        "next_expiry": iso(inst.next_expiry),
        "next_expiry_days": (inst.next_expiry - today).days if inst.next_expiry else None,
        "restrictions": [
            {"name": r.name, "limit": r.limit, "current": r.current,
             "ratio": rounded(r.ratio, 4), "level": r.level.value}
            for r in inst.restrictions
        ],
    }


def owner_json(entry: OwnerLicences, summary: Summary) -> dict[str, Any]:
    owner, today = entry.owner, summary.now.astimezone().date()
    counted = entry.counted
    return {
        "name": owner.name,
        "description": owner.description,
        "company_name": owner.company_name,
        "serial_number": owner.serial_number,
        "licence_version": owner.licence_version,
        "product_type": owner.product_type,
        "product_description": owner.product_description,
        "expires": iso(owner.expires),
        "days_left": owner.days_left(today),
        "expiry_level": owner.expiry_level(today).value,
        "licences": {
            "count": len(entry.licences),
            "unrestricted": len(entry.licences) - len(counted),
            "in_use": sum(lic.in_use for lic in counted),
            "total": sum(lic.total for lic in counted),
            "over_assigned": [licence_ref(lic) for lic in entry.over_assigned],
            "full": [licence_ref(lic) for lic in entry.full],
        },
    }


def licence_ref(lic: Licence) -> dict[str, Any]:
    return {"name": lic.name, "description": lic.description, "in_use": lic.in_use,
            "total": lic.total, "free": lic.free}


# status.events[]: the events section at the end of this module


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def service_json(row: ServiceMonth) -> dict[str, Any]:
    """One service's month; without a projection (a past month) it projects what was used."""
    p = row.projection or Projection(row.used, row.over, row.charge, row.ratio)
    return {
        "key": row.service.key,
        "name": row.service.name,
        "unit": row.service.unit,
        "users": row.users,
        "used": row.used,
        "included": row.included,
        "ratio": rounded(row.ratio, 4),
        "over": row.over,
        "charge": row.charge,
        "over_threshold": row.is_over,
        "projected": rounded(p.amount),
        "projected_ratio": rounded(p.ratio, 4),
        "projected_over": rounded(p.over),
        "projected_charge": p.charge,
        "projected_over_threshold": p.amount > row.included,
    }


# licscreen licences and holders --json, --csv, and events list --json: in
# licscreen.present.export (the app's export writes them too): LICENCE_FIELDS, licence_row,
# HOLDER_FIELDS, holder_row, event_json



# licscreen usage --json, --csv


def consumption_json(month: str, currency: str, rows: list[ServiceMonth]) -> dict[str, Any]:
    """One month as ``status --json`` gives its consumption (the same fields, the same figures)."""
    return {
        "month": month,
        "currency": currency,
        "invoice_total": invoice_total(rows),
        "projected_invoice_total": projected_invoice_total(rows),
        "services": [service_json(row) for row in rows],
    }


def usage_csv_rows(months: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for month in months:
        for service in month["services"]:
            yield {"month": month["month"], "currency": month["currency"], **service}


# licscreen licence ... --json


def load_json(result: LoadResult) -> dict[str, Any]:
    return {"activated": result.activated is not None,
            "activation": activation_json(result.activated) if result.activated else None,
            "changes": changes_json(result.changes)}


def changes_json(changes: LicenceChanges) -> dict[str, Any]:
    data = changes.as_json()
    data["modules"] = [change_json(m) for m in changes.modules]
    data["over_assigned"] = len(changes.over_assigned)
    return data


def change_json(module: ModuleChange) -> dict[str, Any]:
    data = module.as_json()
    data["over_assigned"] = module.over_assigned
    data["must_remove"] = module.must_remove
    return data


def pending_json(pending: PendingLicence) -> dict[str, Any]:
    return {
        "owner": pending.owner, "licence_version": pending.content.licence_version,
        "issued": iso(pending.content.issued), "expires": iso(pending.content.expires),
        "loaded_at": iso(pending.loaded_at), "loaded_by": pending.loaded_by,
        "changes": changes_json(pending.changes),
    }


def activation_json(act: Activation) -> dict[str, Any]:
    return {
        "id": act.id, "owner": act.owner, "licence_version": act.licence_version,
        "issued": iso(act.issued), "activated_at": iso(act.activated_at),
        "activated_by": act.activated_by, "automatic": act.automatic,
        "changes": changes_json(act.changes),
        "removed_holders": [{"licence": lic, "user_id": user}
                            for lic, user in act.removed_holders],
    }


# licscreen events list --json, and status.events[] beside it: the status report gives the
# events still going on, in brief; ``events`` gives each event whole (its type as an option
# names it, its description, who changed it last) for the scripts that update and delete them.


def status_event_json(event: SystemEvent, summary: Summary) -> dict[str, Any]:
    return {
        "id": event.id,
        "key": event.key,
        "name": event.name,
        "scope": event.scope.label,
        "owner": event.owner_name,
        "status": event.status.value,
        "message": event.message,
        "activated": iso(event.activated),
        "activated_by": event.activated_by,
        "ends": iso(event.ends),
        "overdue": event.is_overdue(summary.now),
    }


# licscreen trend --json / --csv

TREND_FIELDS = ["owner", "licence", "description", "day", "in_use", "total", "free"]


def trend_rows(lic: Licence, days: list[UsageDay]) -> Iterator[dict[str, Any]]:
    """One row per day of a licence's history (an unrestricted one: no total, none free)."""
    counted = not lic.unrestricted
    for day in days:
        yield {"owner": lic.owner, "licence": lic.name, "description": lic.description,
               "day": day.day.isoformat(), "in_use": day.in_use,
               "total": day.total if counted else None, "free": day.free if counted else None}
