"""Every refusal of a licence file: one line, exit code 2, and the store unchanged byte for byte."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licscreen.cli import main
from licscreen.licence.errors import LicenceRefused
from licscreen.licence.update import load_licence
from licscreen.store import Store, create_store
from tests.kit.clock import FROZEN
from tests.kit.licence import demo_file, digest, module, payload_of, sign_payload


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--now", FROZEN.isoformat()], catch_exceptions=False)


def refused(path: Path, data: bytes, tmp_path: Path, *fragments: str) -> str:
    """Load ``data`` with the CLI; assert a one-line refusal and an unchanged store."""
    before = digest(path)
    file = tmp_path / "licence.json"
    file.write_bytes(data)
    result = run("licence", "load", str(file), "--db", str(path))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("licscreen: "), result.stderr
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]
    assert digest(path) == before
    return lines[0]


def changed(build: Callable[[dict], None]) -> Callable[[Path], bytes]:
    """A demo licence with ``build`` applied to its payload, properly signed again."""

    def make(path: Path) -> bytes:
        payload = payload_of(demo_file(path))
        build(payload)
        return sign_payload(payload)

    return make


def _set(**fields):
    return changed(lambda p: p.update(fields))


def _module_field(name: str, **fields):
    return changed(lambda p: module(p, name).update(fields))


def _flip_total(path: Path) -> bytes:
    text = demo_file(path).decode()
    return text.replace('"total": 24', '"total": 124', 1).encode()


def _drop_signature(path: Path) -> bytes:
    document = json.loads(demo_file(path))
    del document["signature"]
    return json.dumps(document).encode()


def _foreign_signature(path: Path) -> bytes:
    return sign_payload(payload_of(demo_file(path)), signer=Ed25519PrivateKey.generate())


def _garbled_signature(path: Path) -> bytes:
    document = json.loads(demo_file(path))
    document["signature"] = base64.b64encode(b"\x01" * 64).decode()
    return json.dumps(document).encode()


def _unvouched_partner(path: Path) -> bytes:
    payload = payload_of(demo_file(path, owner="DOCUFLOW"))
    return sign_payload(payload, vouching=Ed25519PrivateKey.generate())


def _partner_as_superoffice(path: Path) -> bytes:
    payload = payload_of(demo_file(path, owner="DOCUFLOW"))
    document = json.loads(sign_payload(payload))
    payload["owner"] = "SUPEROFFICE"  # a partner key may not sign SuperOffice's licence
    document["licence"] = payload
    return json.dumps(document).encode()


CASES = {
    "plain text": (lambda p: b"Licence: Sales Premium x 100\n", "not a licence file"),
    "binary": (lambda p: bytes(range(256)), "not a licence file"),
    "other json": (lambda p: b'{"licence": {}}', "not a licence file"),
    "empty": (lambda p: b"", "not a licence file"),
    "no signature": (_drop_signature, "not signed"),
    "signed by another key": (_foreign_signature, "bad signature"),
    "garbled signature": (_garbled_signature, "bad signature"),
    "a changed byte": (_flip_total, "bad signature"),
    "partner key not vouched for": (_unvouched_partner, "partner key is not signed by the trusted"),
    "partner key on superoffice": (_partner_as_superoffice, "bad signature"),
    "another installation": (_set(installation="1111111111"), "another installation"),
    "expired": (_set(expires=(FROZEN.date() - timedelta(days=1)).isoformat()), "expired"),
    "older version": (_set(licence_version=13), "older than the one in force"),
    "same version": (_set(licence_version=14), "not newer than the one in force"),
    "unknown type": (_module_field("ten-cs", type="cluster"), "unknown licence type"),
    "total zero": (_module_field("ten-cs", total=0), "total must be above 0"),
    "total negative": (_module_field("ten-cs", total=-3), "total must be above 0"),
    "missing prerequisite": (_module_field("windows", prerequisite="no-such"),
                             "prerequisite 'no-such' does not exist"),
    "unknown grant": (_module_field("ten-sales-premium", grants=["web", "gone"]), "grants 'gone'"),
    "fractional total": (_module_field("ten-cs", total=2.5), "not a whole number"),
    "duplicate module": (changed(lambda p: p["modules"].append(dict(p["modules"][0]))),
                         "appears twice"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_with_one_line_and_the_store_unchanged(case: str, demo_path: Path,
                                                        tmp_path: Path):
    build, fragment = CASES[case]
    refused(demo_path, build(demo_path), tmp_path, fragment)


def test_the_same_file_twice_is_refused_the_second_time(demo_path: Path, tmp_path: Path):
    data = demo_file(demo_path, lower=False)
    file = tmp_path / "new.json"
    file.write_bytes(data)
    assert run("licence", "load", str(file), "--db", str(demo_path)).exit_code == 0
    refused(demo_path, data, tmp_path, "not newer than the one in force")


def test_an_older_file_than_the_one_waiting_is_refused(demo_path: Path, tmp_path: Path):
    newest = demo_file(demo_path)  # version 15, waits (one total is lowered below its use)
    store = Store.open(demo_path)
    assert load_licence(store, newest, now=FROZEN).activated is None
    store.close()
    refused(demo_path, newest, tmp_path, "already waits for activation")


def test_a_store_that_trusts_no_key_refuses(demo_path: Path, tmp_path: Path):
    data = demo_file(demo_path)
    empty = tmp_path / "empty.db"
    create_store(empty, demo=False).close()
    refused(empty, data, tmp_path, "trusts no vendor key")


def test_unreadable_file_and_read_only_store(demo_path: Path, tmp_path: Path):
    result = run("licence", "load", str(tmp_path / "missing.json"), "--db", str(demo_path))
    assert result.exit_code == 2 and "cannot be read" in result.stderr
    store = Store.open(demo_path, read_only=True)
    with pytest.raises(LicenceRefused, match="read-only"):
        load_licence(store, demo_file(demo_path), now=FROZEN)
    store.close()
