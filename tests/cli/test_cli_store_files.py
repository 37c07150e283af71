"""The store file from the command line, for every command: what is no regular file is
refused, foreign SQLite files are refused and untouched, read-only commands change no byte,
and a write the disk or another writer stops is one line with the store as it was (issue 13,
classes 3, 4 and 6)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from licscreen.store import APPLICATION_ID, Store, create_store
from tests.kit.cli import NOW, assert_one_line_error, run
from tests.kit.faults import (
    FAULT_WORDS,
    FAULTS,
    NOT_REGULAR,
    dump_hash,
    file_hash,
    kind_of,
    make_not_regular,
    run_briefly,
    store_fault,
)
from tests.kit.licence import demo_file

pytestmark = pytest.mark.usefixtures("terminal")  # "the app" here is `licscreen --db PATH`

READERS = {
    "status": ["status"],
    "licences": ["licences"],
    "holders": ["holders", "ten-cs"],
    "events list": ["events", "list"],
    "usage": ["usage"],
    "licence pending": ["licence", "pending"],
    "licence history": ["licence", "history"],
    "check": ["check"],
}
OPENERS = {
    "the app": [],
    "init": ["init"],
    "init --force": ["init", "--force"],
    "events add": ["events", "add", "--type", "no-login", "--message", "x"],
    **READERS,
}


def assert_refused(result, command: str, *fragments: str) -> None:
    """One line and exit 2; for ``check`` (a monitoring plugin) UNKNOWN and exit 3."""
    if command == "check":
        assert result.exit_code == 3, result.output
        assert result.stdout.startswith("LICSCREEN UNKNOWN - ")
        assert all(fragment in result.stdout for fragment in fragments), result.stdout
        assert len(result.stdout.strip().splitlines()) == 1
    else:
        assert_one_line_error(result, *fragments)


@pytest.mark.parametrize("kind", NOT_REGULAR)
@pytest.mark.parametrize("command", OPENERS)
def test_a_path_that_is_no_regular_file_is_refused_by_every_command(tmp_path: Path, kind: str,
                                                                     command: str):
    path = make_not_regular(tmp_path, kind)
    result = run_briefly(lambda: run("--db", str(path), *OPENERS[command]))
    assert_refused(result, command, str(path))
    assert kind_of(path) == kind
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def foreign_files(folder: Path) -> dict[str, Path]:
    files = {}
    for kind, statements in {
        "other application": ["PRAGMA application_id = 7", "CREATE TABLE owner (x)"],
        "version 2, other tables": ["CREATE TABLE invoice (id)", "PRAGMA user_version = 2"],
        "empty SQLite": ["CREATE TABLE x (y)", "DROP TABLE x"],
    }.items():
        path = folder / f"{kind.replace(' ', '-').replace(',', '')}.db"
        conn = sqlite3.connect(path, isolation_level=None)
        for statement in statements:
            conn.execute(statement)
        conn.close()
        files[kind] = path
    return files


@pytest.mark.parametrize("command", [c for c in OPENERS if not c.startswith("init")])
def test_foreign_sqlite_files_are_refused_and_not_touched(tmp_path: Path, command: str):
    for path in foreign_files(tmp_path).values():
        before = file_hash(path)
        assert_refused(run("--db", str(path), *OPENERS[command]), command, str(path),
                       "not a licscreen store")
        assert file_hash(path) == before
        assert not path.with_name(path.name + "-wal").exists()  # never switched to WAL


@pytest.mark.parametrize("command", READERS)
def test_read_only_commands_change_no_byte_of_the_store(demo_path: Path, command: str):
    conn = sqlite3.connect(demo_path, isolation_level=None)
    conn.execute("PRAGMA application_id = 0")  # as a store made before the id: still ours
    conn.close()
    before = file_hash(demo_path)
    result = run("--db", str(demo_path), *READERS[command],
                 *(NOW if command in ("status", "check", "events list", "usage") else ()))
    assert result.exit_code in (0, 1, 2) and "Traceback" not in result.output
    assert "not a licscreen store" not in result.output
    assert file_hash(demo_path) == before
    # and no WAL files left behind (a read-only connection leaves them, owned by its user)
    assert sorted(p.name for p in demo_path.parent.iterdir()) == ["demo.db"]


@pytest.mark.parametrize("command", READERS)
def test_read_only_commands_do_not_upgrade_an_old_store(tmp_path: Path, command: str):
    from licscreen.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    before = file_hash(path)
    assert_refused(run("--db", str(path), *READERS[command]), command, "older licscreen",
                   f"licscreen --db {path}")
    assert file_hash(path) == before


# Writers: a full disk, an I/O error, another writer holding the lock


def writer_args(demo_path: Path, tmp_path: Path, writer: str) -> list[str]:
    if writer in ("events update", "events delete"):
        result = run("--db", str(demo_path), "events", "add", "--type", "no-login",
                     "--message", "before", "--json", *NOW)
        assert result.exit_code == 0, result.output
        event_id = str(json.loads(result.stdout)["id"])
        if writer == "events update":
            return ["events", "update", event_id, "--message", "after", *NOW]
        return ["events", "delete", event_id]
    if writer == "usage import":
        rows = tmp_path / "usage.csv"
        rows.write_text("service,month,amount,users\nmailings,2026-11,61000,41\n"
                        "chat-sessions,2026-12,12,41\n")
        return ["usage", "import", str(rows)]
    licence = tmp_path / "new.json"
    licence.write_bytes(demo_file(demo_path))
    if writer == "licence load":
        return ["licence", "load", str(licence), *NOW]
    if writer == "licence activate --remove":
        assert run("--db", str(demo_path), "licence", "load", str(licence), *NOW).exit_code == 0
        return ["licence", "activate", "--remove", "ten-marketing-essentials=HENRIKW",
                "--remove", "ten-marketing-essentials=IDAS", *NOW]
    if writer == "licence trust --replace":
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from licscreen.licence.fileformat import b64
        from licscreen.licence.signing import raw_public_key

        key = tmp_path / "key.b64"  # a key the store does not trust yet
        key.write_text(b64(raw_public_key(Ed25519PrivateKey.generate().public_key())) + "\n")
        return ["licence", "trust", str(key), "--replace", *NOW]
    return ["events", "add", "--type", "no-login", "--message", "x", *NOW]


CLI_WRITERS = ["events add", "events update", "events delete", "licence load",
               "licence activate --remove", "licence trust --replace", "usage import"]


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("writer", CLI_WRITERS)
def test_a_failed_write_is_one_line_and_the_store_as_it_was(demo_path: Path, tmp_path: Path,
                                                            monkeypatch, writer: str,
                                                            fault: str):
    args = writer_args(demo_path, tmp_path, writer)
    before = dump_hash(demo_path)
    with store_fault(monkeypatch, demo_path, fault):
        result = run("--db", str(demo_path), *args)
    assert_one_line_error(result, str(demo_path), FAULT_WORDS[fault], "nothing was saved")
    assert dump_hash(demo_path) == before


@pytest.mark.parametrize("args", [[], ["--events", "3000", "--users", "500"]])
def test_a_full_disk_during_init_leaves_the_old_store_and_no_remains(demo_path: Path, monkeypatch,
                                                                     args: list[str]):
    import licscreen.store.create as store_create

    real = store_create.create_database

    def small_disk(path: Path):
        db = real(path)
        with db.read() as conn:  # the disk holds ten more pages than the empty schema
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages + (10 if not args else 60)}")
        return db

    monkeypatch.setattr(store_create, "create_database", small_disk)
    before = dump_hash(demo_path)
    result = run("--db", str(demo_path), "init", "--force", *args)
    assert_one_line_error(result, str(demo_path), "the disk is full", "nothing was replaced")
    assert dump_hash(demo_path) == before
    assert [p.name for p in demo_path.parent.iterdir() if p.name.startswith(".")] == []


def test_init_force_on_a_read_only_file_is_refused(demo_path: Path):
    demo_path.chmod(0o444)
    before = file_hash(demo_path)
    assert_one_line_error(run("--db", str(demo_path), "init", "--force"), str(demo_path),
                          "read-only", "chmod u+w")
    assert file_hash(demo_path) == before


def test_init_marks_the_store_as_ours_and_removes_a_killed_inits_remains(tmp_path: Path):
    path = tmp_path / "x.db"
    stale = tmp_path / ".x.db.999999999.new"  # no such process
    stale.write_bytes(b"half a store")
    assert run("--db", str(path), "init", "--empty").exit_code == 0
    assert not stale.exists()
    store = Store.open(path, read_only=True)
    with store.db.read() as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    store.close()
    create_store(tmp_path / "y.db", demo=False).close()
