"""What the seat and audit tests share: a licence's ID by code name, who holds what, and the
audit trail's rows as stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from licscreen.store import Store, find_licences


def licence_id(store: Store, name: str) -> int:
    found = find_licences(store, name)
    assert len(found) == 1, name
    return found[0].id


def holdings(store: Store, user_id: str) -> set[str]:
    """The code names of the licences ``user_id`` holds."""
    return {row[0] for row in store.db.fetch_all(
        """SELECT l.name FROM licence_user lu JOIN module_licence l ON l.id = lu.licence_id
           JOIN user u ON u.id = lu.user_id WHERE u.user_id = ?""", (user_id,))}


def in_use(store: Store, name: str) -> int:
    return store.holder_count(licence_id(store, name))


def fill(store: Store, name: str, free: int = 1) -> None:
    """Leave ``name`` exactly ``free`` seats free (its total set from its holders)."""
    with store.db.transaction() as conn:
        conn.execute("UPDATE module_licence SET total = ? + (SELECT count(*) FROM licence_user "
                     "WHERE licence_id = module_licence.id) WHERE name = ?", (free, name))


def tamper(path: Path, sql: str, *params: object) -> None:
    """Change the store behind licscreen's back, as another tool would."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


# The JSON of assign, reclaim and audit, as docs/json-formats.md documents it.
SEAT_JSON_FIELDS = {
    "seats": {"dry_run": "boolean", "changes": "array"},
    "seats.changes[]": {
        "action": "string", "user_id": "string", "full_name": "string", "owner": "string",
        "licence": "string", "description": "string", "brought": "boolean"},
    "reclaim": {"applied": "boolean", "now": "moment", "holders": "array", "freed": "array",
                "changes": "array"},
    "reclaim.holders[]": {
        "user_id": "string", "full_name": "string", "owner": "string", "licence": "string",
        "description": "string", "reason": "string", "last_login": "moment or null",
        "kept": "boolean", "note": "string"},
    "reclaim.freed[]": {"owner": "string", "licence": "string", "description": "string",
                        "seats": "integer", "hidden": "boolean"},
    "audit[]": {"id": "integer", "at": "moment", "os_user": "string", "client": "string",
                "command": "string", "changes": "array"},
    "audit[].changes[]": {"subject": "string", "before": "string or null",
                          "after": "string or null"},
}
