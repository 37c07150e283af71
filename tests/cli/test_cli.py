"""The command line: init, the store's location, and one-line errors with exit code 2."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from licscreen import __version__
from licscreen.store import Store
from licscreen.store.schema import SCHEMA_VERSION
from tests.kit.cli import assert_one_line_error, run

pytestmark = pytest.mark.usefixtures("terminal")  # `licscreen --db PATH` refuses before the app


def test_version_and_help():
    assert run("--version").output.strip() == f"licscreen, version {__version__}"
    help_text = run("--help").output
    assert "init" in help_text and "LICSCREEN_DB" in help_text


def test_a_mistyped_command_is_told_the_command_it_may_mean():
    """click's suggestion looks at every command, not only those its lazy group loaded."""
    result = run("statu")
    assert result.exit_code == 2 and "Did you mean 'status'?" in result.stderr


def test_init_creates_a_demo_store(tmp_path: Path):
    path = tmp_path / "sub" / "dir" / "x.db"
    result = run("init", "--db", str(path))
    assert result.exit_code == 0 and str(path) in result.output
    assert Store.open(path).installation().is_demo


def test_init_empty(tmp_path: Path):
    path = tmp_path / "e.db"
    assert run("init", "--empty", "--db", str(path)).exit_code == 0
    assert Store.open(path).owners() == []


def test_init_refuses_to_overwrite_without_force(tmp_path: Path):
    path = tmp_path / "x.db"
    run("init", "--empty", "--db", str(path))
    assert_one_line_error(run("init", "--db", str(path)), str(path), "--force")
    store = Store.open(path)
    assert store.owners() == []
    store.close()  # open, it would not be replaced (tests/store/test_store_files.py)
    assert run("init", "--force", "--db", str(path)).exit_code == 0
    assert Store.open(path).owners() != []


def test_environment_variable_names_the_store(tmp_path: Path):
    path = tmp_path / "env.db"
    assert run("init", "--empty", env={"LICSCREEN_DB": str(path)}).exit_code == 0
    assert path.exists()


def test_group_option_applies_to_init(tmp_path: Path):
    path = tmp_path / "group.db"
    assert run("--db", str(path), "init", "--empty").exit_code == 0
    assert path.exists()


def test_default_location_is_the_user_data_folder(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert run("init", "--empty").exit_code == 0
    assert (tmp_path / "xdg" / "licscreen" / "licscreen.db").exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"just some text\n", "not an SQLite database"),
        # (the application id, at offset 68, left 0: a store made before it was set)
        (b"SQLite format 3\x00" + b"\xff" * 52 + b"\0" * 4 + b"\xff" * 4944, "damaged"),
    ],
)
def test_bad_files_are_refused_by_the_app(tmp_path: Path, content: bytes, fragment: str):
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    assert_one_line_error(run("--db", str(path)), str(path), fragment)
    assert path.read_bytes() == content


def test_a_newer_store_is_refused(tmp_path: Path):
    path = tmp_path / "new.db"
    run("init", "--empty", "--db", str(path))
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    assert_one_line_error(run("--db", str(path)), "newer licscreen")


def test_a_folder_that_cannot_be_created(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    assert_one_line_error(run("init", "--db", str(blocker / "x.db")), "cannot create the folder")
    assert_one_line_error(run("--db", str(blocker / "x.db")), "cannot create the folder")


def test_a_folder_given_as_the_store(tmp_path: Path):
    assert_one_line_error(run("--db", str(tmp_path)), "is a folder")


def test_init_sets_the_trusted_vendor_key(tmp_path: Path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from licscreen.licence.state import trust

    public = Ed25519PrivateKey.generate().public_key()
    keyfile = tmp_path / "vendor.pem"
    keyfile.write_bytes(public.public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo))
    path = tmp_path / "x.db"
    assert run("init", "--empty", "--db", str(path), "--vendor-key", str(keyfile)).exit_code == 0
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert trust(Store.open(path)).vendor_key == raw


def test_init_refuses_a_bad_vendor_key_before_making_anything(tmp_path: Path):
    keyfile = tmp_path / "notes.txt"
    keyfile.write_text("not a key\n")
    path = tmp_path / "x.db"
    assert_one_line_error(run("init", "--db", str(path), "--vendor-key", str(keyfile)),
                          str(keyfile), "not a public key")
    assert not path.exists()
