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
from tests.conftest import FROZEN


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
