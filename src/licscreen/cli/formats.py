"""Every JSON and CSV shape the commands write, in the order of docs/json-formats.md.

The shapes are documented there and pinned by tests: add fields, never rename or remove them.
No Rich here, and no tables: those are in ``cli/tables``, imported only to print for people.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from licscreen.cli.output import iso
from licscreen.licence.shapes import HISTORY_CSV_FIELDS as HISTORY_CSV_FIELDS
from licscreen.licence.shapes import activation_json as activation_json
from licscreen.licence.shapes import change_json as change_json
from licscreen.licence.shapes import changes_json as changes_json
from licscreen.licence.shapes import history_csv_rows as history_csv_rows
from licscreen.licence.shapes import load_json as load_json
from licscreen.licence.shapes import pending_json as pending_json
from licscreen.present.export import HOLDER_FIELDS as HOLDER_FIELDS
from licscreen.present.export import LICENCE_FIELDS as LICENCE_FIELDS
from licscreen.present.export import SERVICE_FIELDS as SERVICE_FIELDS
from licscreen.present.export import USAGE_CSV_FIELDS as USAGE_CSV_FIELDS
from licscreen.present.export import consumption_json as consumption_json
from licscreen.present.export import event_json as event_json
from licscreen.present.export import holder_row as holder_row
from licscreen.present.export import licence_row as licence_row
from licscreen.present.export import rounded as rounded
from licscreen.present.export import service_json as service_json
from licscreen.present.export import usage_csv_rows as usage_csv_rows
from licscreen.store import (
    Installation,
    Licence,
    OwnerLicences,
    Summary,
    SystemEvent,
    UsageDay,
    invoice_total,
    projected_invoice_total,
)

FORMAT_VERSION = 1

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


# status.events[]: the events section at the end of this module; consumption.services[]:
# service_json, in licscreen.present.export


# licscreen licences and holders --json, --csv, and events list --json: in
# licscreen.present.export (the app's export writes them too): LICENCE_FIELDS, licence_row,
# HOLDER_FIELDS, holder_row, event_json



# licscreen usage --json, --csv: in licscreen.present.export (the consumption screen exports
# them too): SERVICE_FIELDS, USAGE_CSV_FIELDS, service_json, consumption_json, usage_csv_rows


# licscreen licence ... --json (and history --csv): in licscreen.licence.shapes (the app's
# history exports them too): load_json, changes_json, change_json, pending_json,
# activation_json, HISTORY_CSV_FIELDS, history_csv_rows


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
