"""The licence file: strict JSON, and the canonical encoding its signatures cover.

A file is read in two steps. :func:`read_envelope` checks the outer structure and yields the
exact bytes the signature covers; only after the signature is verified does
``licence.content.read_content`` turn the signed part into typed values. Every problem raises
:class:`LicenceRefused` with one line. See ``docs/licence-file.md``.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from licscreen.i18n import _
from licscreen.licence.errors import LicenceRefused

FORMAT = "licscreen-licence"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 1_000_000
# Domain separation: a signature over one kind of statement can never pass for the other.
LICENCE_CONTEXT = b"licscreen licence v1\n"
PARTNER_KEY_CONTEXT = b"licscreen partner key v1\n"
SIGNATURE_BYTES = 64
KEY_BYTES = 32
ENVELOPE_FIELDS = {"format", "format_version", "licence", "signature", "partner_key"}


@dataclass(frozen=True, slots=True)
class PartnerKey:
    """A partner's public key and the vendor's signature over it (raw bytes)."""

    public_key: bytes
    signature: bytes


@dataclass(frozen=True, slots=True)
class Envelope:
    """A file whose structure is sound, before its signature is checked."""

    payload: dict[str, Any]
    signed: bytes  # exactly what the signature covers: context + canonical payload
    signature: bytes
    partner_key: PartnerKey | None

    @property
    def owner(self) -> object:
        return self.payload.get("owner")


def canonical(value: object) -> bytes:
    """The one byte string for a JSON value: keys sorted, no spaces, UTF-8, no floats."""
    try:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError):  # a lone surrogate escape, say
        raise LicenceRefused(_("not a licence file: text that is not valid Unicode")) from None


def partner_statement(owner: str, public_key: bytes) -> bytes:
    """What the vendor signs to vouch for a partner's key: it binds the key to one owner."""
    return PARTNER_KEY_CONTEXT + canonical({"owner": owner, "public_key": b64(public_key)})


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(value: object, size: int, what: str) -> bytes:
    if not isinstance(value, str):
        raise LicenceRefused(_("bad signature: {what} is not text").format(what=what))
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise LicenceRefused(_("bad signature: {what} is not base64").format(what=what)) from None
    if len(raw) != size:
        raise LicenceRefused(_("bad signature: {what} is not {size} bytes").format(
            what=what, size=size))
    return raw


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:  # two parsers could read two different licences from one file
            raise ValueError(_("the key {key} appears twice").format(
                key=json.dumps(key, ensure_ascii=True)[:40]))
        result[key] = value
    return result


def _reject_number(text: str) -> None:
    raise ValueError(_("'{text}' is not a whole number").format(text=text))


def parse_json(data: bytes) -> object:
    """Strict JSON: UTF-8, no duplicate keys, no fractions, NaN or infinities."""
    if len(data) > MAX_FILE_BYTES:
        raise LicenceRefused(_("not a licence file: larger than 1 MB"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LicenceRefused(_("not a licence file: not UTF-8 text")) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_float=_reject_number,
                          parse_constant=_reject_number)
    except json.JSONDecodeError as error:
        raise LicenceRefused(_("not a licence file: not JSON (line {line}, column {column})")
                             .format(line=error.lineno, column=error.colno)) from None
    except RecursionError:
        raise LicenceRefused(_("not a licence file: nested too deeply")) from None
    except ValueError as error:
        raise LicenceRefused(_("not a licence file: {reason}").format(reason=error)) from None


def read_envelope(data: bytes) -> Envelope:
    """The outer structure: format, version, the signed licence and its signature."""
    document = parse_json(data)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise LicenceRefused(_("not a licence file: no \"format\": \"{format}\"").format(
            format=FORMAT))
    version = document.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise LicenceRefused(_("licence file format version {version} is not supported "
                               "(this licscreen reads version {known})").format(
            version=version, known=FORMAT_VERSION))
    unknown = sorted(set(document) - ENVELOPE_FIELDS)
    if unknown:
        raise LicenceRefused(_("not a licence file: unknown field '{field}'").format(
            field=unknown[0]))
    payload = document.get("licence")
    if not isinstance(payload, dict):
        raise LicenceRefused(_("not a licence file: no \"licence\" object"))
    if "signature" not in document:
        raise LicenceRefused(_("the licence is not signed (no \"signature\")"))
    signature = _unb64(document["signature"], SIGNATURE_BYTES, _("the signature"))
    partner = document.get("partner_key")
    partner_key = None
    if partner is not None:
        if not isinstance(partner, dict) or set(partner) != {"public_key", "signature"}:
            raise LicenceRefused(_("not a licence file: \"partner_key\" needs exactly "
                                   "\"public_key\" and \"signature\""))
        partner_key = PartnerKey(
            _unb64(partner["public_key"], KEY_BYTES, _("the partner key")),
            _unb64(partner["signature"], SIGNATURE_BYTES, _("the partner key's signature")),
        )
    return Envelope(payload, LICENCE_CONTEXT + canonical(payload), signature, partner_key)


def write_file(payload: dict[str, Any], signature: bytes,
               partner_key: PartnerKey | None = None) -> bytes:
    """A licence file as people read it: indented, keys sorted, UTF-8."""
    document: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION,
                                "licence": payload, "signature": b64(signature)}
    if partner_key is not None:
        document["partner_key"] = {"public_key": b64(partner_key.public_key),
                                   "signature": b64(partner_key.signature)}
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
