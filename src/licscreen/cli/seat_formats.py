"""The JSON and CSV shapes of the seat commands (assign, unassign, reassign, reclaim) and of the
audit trail, as docs/json-formats.md documents them: add fields, never rename or remove them.
(cli/formats.py holds the other commands' shapes.)"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from licscreen.present.export import iso
from licscreen.present.seat_export import AUDIT_FIELDS as AUDIT_FIELDS
from licscreen.present.seat_export import RECLAIM_FIELDS as RECLAIM_FIELDS
from licscreen.present.seat_export import audit_json as audit_json
from licscreen.present.seat_export import audit_rows as audit_rows
from licscreen.present.seat_export import candidate_row

if TYPE_CHECKING:
    from licscreen.store import Freed, ReclaimPlan, SeatChange

SEAT_FIELDS = ["action", "user_id", "full_name", "owner", "licence", "description", "brought"]


def seat_json(change: SeatChange) -> dict[str, Any]:
    return {field: getattr(change, field) for field in SEAT_FIELDS}


def seats_json(changes: list[SeatChange], *, dry_run: bool) -> dict[str, Any]:
    return {"dry_run": dry_run, "changes": [seat_json(c) for c in changes]}


def freed_json(f: Freed) -> dict[str, Any]:
    return {"owner": f.owner, "licence": f.licence, "description": f.description,
            "seats": f.seats, "hidden": f.hidden}


def reclaim_rows(plan: ReclaimPlan) -> list[dict[str, Any]]:
    return [candidate_row(c) for c in plan.candidates] + [
        candidate_row(c, why) for c, why in plan.kept]


def reclaim_json(plan: ReclaimPlan, *, applied: bool, now: datetime) -> dict[str, Any]:
    return {"applied": applied, "now": iso(now), "holders": reclaim_rows(plan),
            "freed": [freed_json(f) for f in plan.freed],
            "changes": [seat_json(c) for c in plan.changes]}
