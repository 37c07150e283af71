"""``licscreen status``: a store's :class:`Summary` as JSON for scripts or tables for people.

The JSON shape is documented in docs/json-formats.md and pinned by tests: add fields, never
rename or remove them. Rich is imported only by :func:`print_status`.
"""

from __future__ import annotations

from pathlib import Path

from licscreen.cli.output import iso
from licscreen.i18n import _
from licscreen.store import (
    Installation,
    Level,
    Licence,
    OwnerLicences,
    Projection,
    ServiceMonth,
    Summary,
    SystemEvent,
    invoice_total,
    projected_invoice_total,
)

FORMAT_VERSION = 1
STYLES = {Level.NORMAL: "", Level.WARNING: "bold yellow", Level.ERROR: "bold red"}


def licence_ref(lic: Licence) -> dict:
    return {"name": lic.name, "description": lic.description, "in_use": lic.in_use,
            "total": lic.total, "free": lic.free}


def owner_json(entry: OwnerLicences, summary: Summary) -> dict:
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


def installation_json(inst: Installation | None, summary: Summary) -> dict | None:
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


def event_json(event: SystemEvent, summary: Summary) -> dict:
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


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def service_json(row: ServiceMonth) -> dict:
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


def status_json(summary: Summary, path: Path) -> dict:
    rows = summary.consumption
    return {
        "format_version": FORMAT_VERSION,
        "now": iso(summary.now),
        "store": str(path),
        "installation": installation_json(summary.installation, summary),
        "owners": [owner_json(entry, summary) for entry in summary.owners],
        "events": [event_json(event, summary) for event in summary.active_events],
        "consumption": {
            "month": summary.month,
            "currency": summary.currency,
            "invoice_total": invoice_total(rows),
            "projected_invoice_total": projected_invoice_total(rows),
            "services": [service_json(row) for row in rows],
        },
    }


# For people


def print_status(summary: Summary) -> None:
    from licscreen.cli.output import console
    from licscreen.cli.tables.status import (
        consumption_table,
        database_grid,
        events_table,
        licences_table,
        owners_table,
    )

    out = console()
    out.print(owners_table(summary))
    if summary.installation is not None:
        out.print(database_grid(summary.installation, summary))
    else:
        out.print(_("This store holds no installation yet."))
    out.print(licences_table(summary))
    out.print(events_table(summary))
    if summary.consumption:
        out.print(consumption_table(summary))
