"""Ed25519 signatures over licence files, with the ``cryptography`` package.

Who may sign what: a SuperOffice licence is signed by the vendor key the store trusts; a
partner's licence carries the partner's public key with the vendor's signature over it, and is
signed by that partner key. :func:`verify_envelope` checks exactly this and nothing else.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from licscreen.i18n import _
from licscreen.licence.content import LicenceContent, content_payload
from licscreen.licence.errors import LicenceRefused
from licscreen.licence.fileformat import (
    KEY_BYTES,
    LICENCE_CONTEXT,
    Envelope,
    PartnerKey,
    b64,
    canonical,
    partner_statement,
    write_file,
)
from licscreen.licence.files import read_key_file
from licscreen.store.models import SUPEROFFICE

DEMO_KEYS = "keys"  # beside the demo installation's data
DEMO_VENDOR_KEY = "DEMO-VENDOR-PRIVATE-KEY.pem"


def raw_public_key(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def read_private_key(path: Path) -> Ed25519PrivateKey:
    """An unencrypted Ed25519 private key in PEM (PKCS #8)."""
    data = read_key_file(path)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise LicenceRefused(_("{path}: not an unencrypted PEM private key").format(
            path=path)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise LicenceRefused(_("{path}: not an Ed25519 key").format(path=path))
    return key


def parse_public_key(text: str) -> bytes:
    """A public key given as PEM, or as the base64 of its 32 raw bytes; returns the raw bytes."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(text.encode("ascii"))
        except (ValueError, UnicodeEncodeError, UnsupportedAlgorithm):
            raise LicenceRefused(_("not a PEM public key")) from None
        if not isinstance(key, Ed25519PublicKey):
            raise LicenceRefused(_("not an Ed25519 public key"))
        return raw_public_key(key)
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise LicenceRefused(_("not a public key: neither PEM nor base64")) from None
    if len(raw) != KEY_BYTES:
        raise LicenceRefused(_("not an Ed25519 public key: {n} bytes, not 32").format(n=len(raw)))
    return raw


def _valid(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def verify_envelope(envelope: Envelope, vendor_key: bytes) -> None:
    """Refuses unless the licence is signed as its owner requires (see the module's doc)."""
    owner = envelope.owner
    if envelope.partner_key is None:
        if owner != SUPEROFFICE:
            raise LicenceRefused(_("bad signature: a partner's licence must carry the partner's "
                                   "public key, signed by the vendor"))
        signer = vendor_key
    else:
        if owner == SUPEROFFICE:
            raise LicenceRefused(_("bad signature: a SuperOffice licence is signed by the "
                                   "vendor, not by a partner key"))
        statement = partner_statement(str(owner), envelope.partner_key.public_key)
        if not _valid(vendor_key, envelope.partner_key.signature, statement):
            raise LicenceRefused(_("bad signature: the partner key is not signed by the "
                                   "trusted vendor key"))
        signer = envelope.partner_key.public_key
    if not _valid(signer, envelope.signature, envelope.signed):
        raise LicenceRefused(_("bad signature: the licence has been changed, or was not "
                               "signed by its owner's key"))


def vouch_for_partner(vendor: Ed25519PrivateKey, owner: str, partner_public: bytes) -> PartnerKey:
    """The vendor's signature over a partner's key, for that one owner."""
    return PartnerKey(partner_public, vendor.sign(partner_statement(owner, partner_public)))


def sign_licence(content: LicenceContent, signer: Ed25519PrivateKey,
                 partner_key: PartnerKey | None = None) -> bytes:
    """A complete licence file: the content, signed by ``signer`` (the vendor or a partner)."""
    payload = content_payload(content)
    signature = signer.sign(LICENCE_CONTEXT + canonical(payload))
    return write_file(payload, signature, partner_key)


def fingerprint(public_key: bytes) -> str:
    """A short, readable name for a key: the start of its base64."""
    return b64(public_key)[:16]
