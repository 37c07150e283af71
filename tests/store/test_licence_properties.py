"""Property-based: a licence file with bytes or fields changed is refused cleanly (one line, no
other exception, the store unchanged), or it is the very same licence."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licscreen.licence.content import LicenceContent, read_content
from licscreen.licence.errors import LicenceRefused
from licscreen.licence.fileformat import read_envelope
from licscreen.licence.signing import raw_public_key, verify_envelope
from licscreen.licence.update import load_licence
from licscreen.store import Store, create_store
from tests.kit.clock import FROZEN
from tests.kit.licence import demo_file, digest, vendor_key

VENDOR = raw_public_key(vendor_key())
FAST = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("licences") / "demo.db"
    create_store(path, demo=True, now=FROZEN).close()
    return path


@pytest.fixture(scope="module")
def files(template: Path) -> dict[str, bytes]:
    return {"SUPEROFFICE": demo_file(template, lower=False),
            "DOCUFLOW": demo_file(template, owner="DOCUFLOW")}


def outcome(data: bytes) -> LicenceContent | None:
    """The licence a file holds, or None when refused; any other exception fails the test."""
    try:
        envelope = read_envelope(data)
        verify_envelope(envelope, VENDOR)
        return read_content(envelope.payload)
    except LicenceRefused as error:
        message = str(error)
        assert message and "\n" not in message
        return None


def test_the_files_are_valid(files: dict[str, bytes]):
    for owner, data in files.items():
        assert outcome(data).owner == owner


@FAST
@given(owner=st.sampled_from(["SUPEROFFICE", "DOCUFLOW"]), data=st.data())
def test_flipped_bytes_are_refused_or_the_same_licence(files, owner, data):
    original = files[owner]
    changed = bytearray(original)
    for _ in range(data.draw(st.integers(1, 3), label="flips")):
        index = data.draw(st.integers(0, len(changed) - 1), label="index")
        changed[index] ^= data.draw(st.integers(1, 255), label="xor")
    result = outcome(bytes(changed))
    assert result is None or result == outcome(original)


@FAST
@given(owner=st.sampled_from(["SUPEROFFICE", "DOCUFLOW"]), data=st.data())
def test_inserted_or_deleted_bytes_are_refused_or_the_same_licence(files, owner, data):
    original = files[owner]
    index = data.draw(st.integers(0, len(original)), label="index")
    if data.draw(st.booleans(), label="insert"):
        changed = original[:index] + data.draw(st.binary(min_size=1, max_size=4)) + original[index:]
    else:
        changed = original[:index] + original[index + data.draw(st.integers(1, 8)):]
    result = outcome(changed)
    assert result is None or result == outcome(original)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                 max_size=3),
    max_leaves=6,
)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON document a value sits, as a path of keys and indexes."""
    paths = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            paths += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths += _paths(item, (*prefix, index))
    return paths


def _put(document: object, path: tuple, value: object) -> object:
    if not path:
        return value
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return document


@FAST
@given(owner=st.sampled_from(["SUPEROFFICE", "DOCUFLOW"]), data=st.data())
def test_changed_fields_are_refused_or_the_same_licence(files, owner, data):
    original = files[owner]
    document = json.loads(original)
    path = data.draw(st.sampled_from(_paths(document)), label="path")
    document = _put(document, path, data.draw(JSON_VALUES, label="value"))
    changed = json.dumps(document, ensure_ascii=data.draw(st.booleans())).encode()
    result = outcome(changed)
    assert result is None or result == outcome(original)


@FAST
@given(indent=st.sampled_from([None, 0, 1, 4, "\t"]), ascii_only=st.booleans(),
       sort=st.booleans())
def test_layout_and_key_order_do_not_matter(files, indent, ascii_only, sort):
    """The signature covers the canonical encoding, not the file's layout."""
    document = json.loads(files["SUPEROFFICE"])
    relaid = json.dumps(document, indent=indent, ensure_ascii=ascii_only, sort_keys=sort)
    assert outcome(relaid.encode()) == outcome(files["SUPEROFFICE"])


@SLOW
@given(data=st.data())
def test_a_changed_file_leaves_the_store_unchanged_or_loads_the_same_licence(
        template, files, tmp_path, data):
    path = tmp_path / "store.db"
    path.unlink(missing_ok=True)
    shutil.copy(template, path)
    original = files["SUPEROFFICE"]
    changed = bytearray(original)
    index = data.draw(st.integers(0, len(changed) - 1), label="index")
    changed[index] ^= data.draw(st.integers(1, 255), label="xor")
    before = digest(path)
    store = Store.open(path)
    try:
        result = load_licence(store, bytes(changed), now=FROZEN)
    except LicenceRefused:
        result = None
    finally:
        store.close()
    if result is None:
        assert digest(path) == before
    else:
        assert result.activated is not None and result.activated.licence_version == 15
        assert outcome(bytes(changed)) == outcome(original)
