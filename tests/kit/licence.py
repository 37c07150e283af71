"""Helpers for the licence tests: demo licences as payloads, signing them, hashing a store."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licscreen.licence.demo import demo_keys_dir, demo_licence, partner_key_file
from licscreen.licence.fileformat import LICENCE_CONTEXT, canonical, write_file
from licscreen.licence.signing import (
    DEMO_VENDOR_KEY,
    raw_public_key,
    read_private_key,
    vouch_for_partner,
)
from licscreen.store import Store
from tests.kit.clock import FROZEN


def digest(path: Path) -> str:
    """The store file's bytes (and any write-ahead log's), hashed: equal means unchanged."""
    sha = hashlib.sha256(path.read_bytes())
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        sha.update(wal.read_bytes())
    return sha.hexdigest()


def vendor_key() -> Ed25519PrivateKey:
    return read_private_key(demo_keys_dir() / DEMO_VENDOR_KEY)


def demo_file(path: Path, **options: Any) -> bytes:
    """A demo licence for the store at ``path``, as ``licscreen demo licence`` writes it."""
    store = Store.open(path)
    try:
        return demo_licence(store, now=FROZEN, **options)
    finally:
        store.close()


def payload_of(data: bytes) -> dict[str, Any]:
    return copy.deepcopy(json.loads(data)["licence"])


def sign_payload(payload: dict[str, Any], signer: Ed25519PrivateKey | None = None,
                 vouching: Ed25519PrivateKey | None = None) -> bytes:
    """``payload`` signed as its owner signs it (demo keys), or by other keys when given.

    A partner's payload is signed by its demo partner key, vouched for by ``vouching`` (the
    demo vendor unless given)."""
    owner = payload["owner"]
    if owner == "SUPEROFFICE":
        key = signer or vendor_key()
        return write_file(payload, key.sign(LICENCE_CONTEXT + canonical(payload)))
    partner = signer or read_private_key(partner_key_file(owner))
    voucher = vouch_for_partner(vouching or vendor_key(), owner, raw_public_key(partner))
    return write_file(payload, partner.sign(LICENCE_CONTEXT + canonical(payload)), voucher)


def module(payload: dict[str, Any], name: str) -> dict[str, Any]:
    return next(m for m in payload["modules"] if m["name"] == name)


# The JSON of `licscreen licence ... --json`, as docs/json-formats.md documents it.
LICENCE_JSON_FIELDS = {
    "licence load": {"activated": "boolean", "activation": "object or null", "changes": "object"},
    "licence changes": {
        "owner": "string", "description": "string", "old_version": "integer or null",
        "new_version": "integer", "old_expires": "date or null", "new_expires": "date or null",
        "over_assigned": "integer", "modules": "array",
    },
    "licence changes.modules[]": {
        "name": "string", "description": "string", "hidden": "boolean", "kind": "string",
        "old_total": "integer or null", "new_total": "integer or null",
        "old_unrestricted": "boolean", "new_unrestricted": "boolean", "in_use": "integer",
        "free_after": "integer or null", "over_assigned": "boolean", "must_remove": "integer",
    },
    "licence pending[]": {
        "owner": "string", "licence_version": "integer", "issued": "moment",
        "expires": "date or null", "loaded_at": "moment", "loaded_by": "string or null",
        "changes": "object",
    },
    "licence activation": {
        "id": "integer", "owner": "string", "licence_version": "integer", "issued": "moment",
        "activated_at": "moment", "activated_by": "string or null", "automatic": "boolean",
        "changes": "object", "removed_holders": "array",
    },
    "licence activation.removed_holders[]": {"licence": "string", "user_id": "string"},
}


def two_activations(path: Path) -> None:
    """A history of two in the demo store at ``path``: SUPEROFFICE's licence that over-assigns
    Marketing Essentials, activated by the admin with IDAS and VILDEA removed; then, an hour
    later, DOCUFLOW's renewal that changes no total (activated automatically)."""
    from datetime import timedelta

    from licscreen.licence.update import activate, load_licence

    store = Store.open(path)
    try:
        load_licence(store, demo_licence(store, now=FROZEN), now=FROZEN)
        activate(store, None, [("ten-marketing-essentials", "IDAS"),
                               ("ten-marketing-essentials", "VILDEA")], now=FROZEN)
        same = {lic.name: lic.total for lic in store.licences("DOCUFLOW", include_hidden=True)}
        later = FROZEN + timedelta(hours=1)
        load_licence(store, demo_licence(store, now=later, owner="DOCUFLOW", totals=same),
                     now=later)
    finally:
        store.close()
