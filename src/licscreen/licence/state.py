"""Reads of the licence update flow: the trusted key, waiting licences, the history.

Every function returns frozen dataclasses and writes nothing.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from licscreen.licence.changes import LicenceChanges, compare
from licscreen.licence.content import LicenceContent, read_content
from licscreen.licence.fileformat import read_envelope
from licscreen.store import Store, db_moment, from_db_time


@dataclass(frozen=True, slots=True)
class Trust:
    vendor_key: bytes  # the raw Ed25519 public key
    is_demo: bool
    set_at: datetime


@dataclass(frozen=True, slots=True)
class PendingLicence:
    """A loaded licence waiting for the admin, and what it would change as things stand."""

    owner: str
    loaded_at: datetime
    loaded_by: str | None
    content: LicenceContent
    changes: LicenceChanges


@dataclass(frozen=True, slots=True)
class Activation:
    """One entry of the history: a licence made active, automatically or by the admin."""

    id: int
    owner: str
    licence_version: int
    issued: datetime
    activated_at: datetime
    activated_by: str | None
    automatic: bool
    changes: LicenceChanges
    removed_holders: tuple[tuple[str, str], ...]  # (licence code name, user ID)


def trust(store: Store) -> Trust | None:
    with store.db.read() as conn:
        row = conn.execute("SELECT vendor_key, is_demo, set_at FROM trust").fetchone()
    if row is None:
        return None
    return Trust(base64.b64decode(row[0]), bool(row[1]), db_moment(row[2]))


def in_force(store: Store, owner: str) -> tuple[int, datetime | None] | None:
    """The licence version and issue time of the owner's licence in force, if any."""
    with store.db.read() as conn:
        row = conn.execute("SELECT licence_version, issued FROM owner WHERE name = ?",
                           (owner,)).fetchone()
    return (row[0], from_db_time(row[1])) if row else None


def current_changes(store: Store, content: LicenceContent,
                    removals: Sequence[str] = ()) -> LicenceChanges:
    owner = next((o for o in store.owners() if o.name == content.owner), None)
    return compare(owner, store.licences(content.owner, include_hidden=True), content, removals)


def pending_text(store: Store, owner: str) -> tuple[str, str, str | None] | None:
    row = store.db.fetch_one("SELECT licence, loaded_at, loaded_by FROM pending_licence "
                             "WHERE owner = ?", (owner,))
    return (row[0], row[1], row[2]) if row else None


def pending_licences(store: Store, owner: str | None = None) -> list[PendingLicence]:
    """Licences waiting for activation (SuperOffice first), with their changes as of now."""
    where, params = ("WHERE owner = ?", (owner,)) if owner else ("", ())
    with store.db.read() as conn:
        rows = conn.execute(
            f"""SELECT owner, licence, loaded_at, loaded_by FROM pending_licence {where}
                ORDER BY owner <> 'SUPEROFFICE', owner""", params).fetchall()
    result = []
    for name, text, loaded_at, loaded_by in rows:
        content = read_content(read_envelope(text.encode("utf-8")).payload)
        result.append(PendingLicence(name, db_moment(loaded_at), loaded_by,
                                     content, current_changes(store, content)))
    return result


_ACTIVATION = """SELECT id, owner, licence_version, issued, activated_at, activated_by, automatic,
                        changes FROM licence_activation"""


def _activation(row: tuple[Any, ...]) -> Activation:
    data = json.loads(row[7])
    return Activation(
        id=row[0], owner=row[1], licence_version=row[2],
        issued=db_moment(row[3]), activated_at=db_moment(row[4]),
        activated_by=row[5], automatic=bool(row[6]),
        changes=LicenceChanges.from_json(data),
        removed_holders=tuple((r["licence"], r["user_id"]) for r in data["removed_holders"]),
    )


def history_count(store: Store, owner: str | None = None) -> int:
    where, params = ("WHERE owner = ?", (owner,)) if owner else ("", ())
    return int(store.db.fetch_value(f"SELECT count(*) FROM licence_activation {where}",
                                    params))


def history(store: Store, owner: str | None = None, offset: int = 0,
            limit: int = 100) -> list[Activation]:
    """Activations, newest first."""
    where, params = ("WHERE owner = ?", (owner,)) if owner else ("", ())
    with store.db.read() as conn:
        rows = conn.execute(
            f"{_ACTIVATION} {where} ORDER BY activated_at DESC, id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset)).fetchall()
    return [_activation(r) for r in rows]


def activation_position(store: Store, activation_id: int) -> int | None:
    """The row an activation has in the whole :func:`history` (newest first), or None when
    there is none with that ID. The activations before it are counted through the index."""
    target = store.db.fetch_one("SELECT activated_at FROM licence_activation WHERE id = ?",
                                (activation_id,))
    if target is None:
        return None
    return int(store.db.fetch_value(
        "SELECT count(*) FROM licence_activation WHERE (activated_at, id) > (?, ?)",
        (target[0], activation_id)))


def activation(store: Store, activation_id: int) -> Activation | None:
    with store.db.read() as conn:
        row = conn.execute(f"{_ACTIVATION} WHERE id = ?", (activation_id,)).fetchone()
    return _activation(row) if row else None
