"""The JSON and CSV shapes of the seat commands (assign, unassign, reassign, reclaim) and of the
audit trail, as docs/json-formats.md documents them: add fields, never rename or remove them.
(cli/formats.py holds the other commands' shapes.)"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from licscreen.cli.output import iso

if TYPE_CHECKING:
    from licscreen.store import AuditEntry, Candidate, Freed, ReclaimPlan, SeatChange

SEAT_FIELDS = ["action", "user_id", "full_name", "owner", "licence", "description", "brought"]
RECLAIM_FIELDS = ["user_id", "full_name", "owner", "licence", "description", "reason",
                  "last_login", "kept", "note"]
AUDIT_FIELDS = ["id", "at", "os_user", "client", "command", "subject", "before", "after"]


def seat_json(change: SeatChange) -> dict[str, Any]:
    return {field: getattr(change, field) for field in SEAT_FIELDS}


def seats_json(changes: list[SeatChange], *, dry_run: bool) -> dict[str, Any]:
    return {"dry_run": dry_run, "changes": [seat_json(c) for c in changes]}


def candidate_row(c: Candidate, note: str | None = None) -> dict[str, Any]:
    return {"user_id": c.user_id, "full_name": c.full_name, "owner": c.owner,
            "licence": c.licence, "description": c.description, "reason": c.bucket.value,
            "last_login": iso(c.last_login), "kept": note is not None, "note": note or ""}


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


def audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {"id": entry.id, "at": iso(entry.at), "os_user": entry.os_user,
            "client": entry.client, "command": entry.command,
            "changes": [c.as_json() for c in entry.changes]}


def audit_rows(entry: AuditEntry) -> list[dict[str, Any]]:
    head = {"id": entry.id, "at": iso(entry.at), "os_user": entry.os_user,
            "client": entry.client, "command": entry.command}
    return [{**head, **c.as_json()} for c in entry.changes]
