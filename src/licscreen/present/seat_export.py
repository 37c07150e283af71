"""The rows of the seat lists as files: the reclaim candidates and the audit trail, as
``licscreen reclaim`` and ``licscreen audit`` write them (docs/json-formats.md) and as the app's
Reclaim and Audit views export them (``w``). No click, no Rich, no Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from licscreen.present.export import iso

if TYPE_CHECKING:
    from licscreen.store import AuditEntry, Candidate

RECLAIM_FIELDS = ["user_id", "full_name", "owner", "licence", "description", "reason",
                  "last_login", "kept", "note"]
AUDIT_FIELDS = ["id", "at", "os_user", "client", "command", "subject", "before", "after"]


def candidate_row(c: Candidate, note: str | None = None) -> dict[str, Any]:
    return {"user_id": c.user_id, "full_name": c.full_name, "owner": c.owner,
            "licence": c.licence, "description": c.description, "reason": c.bucket.value,
            "last_login": iso(c.last_login), "kept": note is not None, "note": note or ""}


def audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {"id": entry.id, "at": iso(entry.at), "os_user": entry.os_user,
            "client": entry.client, "command": entry.command,
            "changes": [c.as_json() for c in entry.changes]}


def audit_rows(entry: AuditEntry) -> list[dict[str, Any]]:
    """An entry as CSV rows: one per change, each with the entry's fields."""
    head = {"id": entry.id, "at": iso(entry.at), "os_user": entry.os_user,
            "client": entry.client, "command": entry.command}
    return [{**head, **c.as_json()} for c in entry.changes]
