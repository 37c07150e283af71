"""The store file: only a regular file is opened or replaced, only an SQLite file of ours is
opened, and only writers change it (issue 13, classes 3 and 4; faults while writing and a
store replaced while open are in test_store_faults.py)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import licscreen
from licscreen.store import (
    APPLICATION_ID,
    NotAStore,
    Store,
    StoreError,
    StoreReadOnly,
    create_store,
)
from licscreen.store.events import (
    ScopeRef,
)
from licscreen.store.models import EventScope
from licscreen.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.kit.clock import FROZEN
from tests.kit.faults import (
    NOT_REGULAR,
    file_hash,
    kind_of,
    make_not_regular,
    run_briefly,
)

SYSTEM = ScopeRef(EventScope.SYSTEM, None)


def pragma(path: Path, name: str) -> int | str:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


# Class 3: a path that is no regular file is refused, whatever the flags; nothing blocks


@pytest.mark.parametrize("kind", NOT_REGULAR)
@pytest.mark.parametrize("how", ["open", "open read-only", "create", "create --force"])
def test_what_is_no_regular_file_is_refused_and_left_as_it_is(tmp_path: Path, kind: str,
                                                              how: str):
    path = make_not_regular(tmp_path, kind)
    calls = {
        "open": lambda: Store.open(path),
        "open read-only": lambda: Store.open(path, read_only=True),
        "create": lambda: create_store(path, demo=False),
        "create --force": lambda: create_store(path, demo=True, force=True),
    }
    with pytest.raises(NotAStore, match=r"folder|not a regular file"):
        run_briefly(calls[how])  # a FIFO opened would block: it is never opened
    assert kind_of(path) == kind
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_force_does_not_replace_a_read_only_file(demo_path: Path):
    demo_path.chmod(0o444)  # made read-only on purpose (root, too, is refused)
    before = file_hash(demo_path)
    with pytest.raises(StoreReadOnly, match=r"read-only, so it is not replaced.*chmod"):
        create_store(demo_path, demo=False, force=True)
    assert file_hash(demo_path) == before
    demo_path.chmod(0o644)
    create_store(demo_path, demo=False, force=True).close()


def test_builds_a_killed_init_left_are_removed_and_live_ones_kept(tmp_path: Path):
    path = tmp_path / "x.db"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = int(gone.stdout)
    left = [tmp_path / f".x.db.{dead}.new", tmp_path / f".x.db.{dead}.new-wal"]
    alive = tmp_path / f".x.db.{os.getppid()}.new"  # another init, still building
    other = tmp_path / f".y.db.{dead}.new"  # another store's
    for file in (*left, alive, other):
        file.write_bytes(b"half a store")
    create_store(path, demo=False).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["x.db", alive.name, other.name])
    left[0].write_bytes(b"half a store")
    Store.open(path, read_only=True).close()  # a reader removes nothing
    assert left[0].exists()
    Store.open(path).close()  # the app's next start does
    assert not left[0].exists() and alive.exists()


# Class 4: only our SQLite files are opened; a read-only open changes nothing


def foreign(path: Path, kind: str) -> Path:
    conn = sqlite3.connect(path, isolation_level=None)
    if kind == "other application":
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("CREATE TABLE owner (x)")
    elif kind == "version 2, other tables":  # was 'migrated', and crashed
        conn.execute("CREATE TABLE invoice (id)")
        conn.execute("PRAGMA user_version = 2")
    elif kind == "version 1, no tables":
        conn.execute("PRAGMA user_version = 1")
    elif kind == "in WAL mode":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE invoice (id)")
    elif kind == "empty":  # was given our whole schema
        conn.execute("CREATE TABLE x (y)")
        conn.execute("DROP TABLE x")
    conn.close()
    return path


FOREIGN = ["other application", "version 2, other tables", "version 1, no tables",
           "in WAL mode", "empty"]


@pytest.mark.parametrize("kind", FOREIGN)
@pytest.mark.parametrize("read_only", [None, True, False])
def test_a_foreign_sqlite_file_is_refused_and_not_touched(tmp_path: Path, kind: str,
                                                          read_only: bool | None):
    path = foreign(tmp_path / "other.db", kind)
    before, mode = file_hash(path), pragma(path, "journal_mode")
    with pytest.raises(NotAStore, match="not a licscreen store"):
        Store.open(path, read_only=read_only)
    assert file_hash(path) == before and pragma(path, "journal_mode") == mode


def test_every_store_carries_our_application_id(empty_store: Store):
    assert APPLICATION_ID == 0x4C696353  # "LicS"
    assert pragma(empty_store.path, "application_id") == APPLICATION_ID


def old_store(path: Path, version: int) -> Path:
    """A store as an older licscreen made it: no application id, schema ``version``."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for migration in MIGRATIONS[:version]:
        migration(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    return path


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_an_old_store_is_ours_read_as_it_is_and_marked_when_written(tmp_path: Path,
                                                                    version: int):
    path = old_store(tmp_path / "old.db", version)
    before = file_hash(path)
    if version < SCHEMA_VERSION:
        with pytest.raises(StoreError, match=r"older licscreen.*licscreen --db"):
            Store.open(path, read_only=True)
    else:
        Store.open(path, read_only=True).close()
    assert file_hash(path) == before  # not the id, not the version, not the schema
    Store.open(path).close()  # for writing: migrated, and marked as ours
    assert pragma(path, "application_id") == APPLICATION_ID
    assert pragma(path, "user_version") == SCHEMA_VERSION


def test_a_read_only_open_of_our_store_changes_no_byte(demo_path: Path):
    before = file_hash(demo_path)
    store = Store.open(demo_path, read_only=True)
    assert store.owners() and store.read_only and store.read_only_reason is None
    store.close()
    assert file_hash(demo_path) == before


VIEWER = """
import sys
from pathlib import Path
from licscreen.store import Store
store = Store.open(Path(sys.argv[1]))
print(store.read_only, store.read_only_reason, len(store.owners()), store.event_count())
try:
    store.db.transaction().__enter__()
except Exception as error:
    print(type(error).__name__, error)
"""


def test_a_wal_store_in_a_folder_we_cannot_write_opens_for_viewing(tmp_path: Path):
    """Run as another user (root is not stopped by permissions): the store's folder is not
    theirs, so SQLite cannot make the store's shared-memory file; it is read immutable."""
    if os.geteuid() == 0:
        user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        if subprocess.run(["setpriv", "--version"], capture_output=True).returncode != 0:
            pytest.skip("setpriv is needed to run as another user")
    else:
        user = []
    folder = Path(os.path.realpath("/tmp")) / f"h13-ro-{os.getpid()}"  # reachable by others
    folder.mkdir()
    # The other user may not reach this checkout or its virtual environment (a fresh clone in
    # root's private temp folder): give them a copy of the package (the store needs only the
    # standard library) and the base interpreter.
    code = Path(os.path.realpath("/tmp")) / f"h13-code-{os.getpid()}"
    shutil.copytree(Path(licscreen.__file__).parent, code / "licscreen",
                    ignore=shutil.ignore_patterns("__pycache__"))
    python = getattr(sys, "_base_executable", sys.executable) if user else sys.executable
    try:
        path = folder / "shared.db"
        create_store(path, demo=True, now=FROZEN).close()
        assert not (folder / "shared.db-shm").exists()
        if user:
            os.chown(path, 65534, 65534)
        folder.chmod(0o555)
        before = file_hash(path)
        result = subprocess.run([*user, python, "-s", "-c", VIEWER, str(path)],
                                capture_output=True, text=True, timeout=60, cwd=code,
                                env={**os.environ, "PYTHONPATH": str(code),
                                     "PYTHONDONTWRITEBYTECODE": "1"})
        assert result.returncode == 0, result.stderr
        shown, refusal = result.stdout.splitlines()
        assert shown == "True its folder is not writable 3 16"
        assert refusal.startswith("StoreReadOnly") and "its folder is not writable" in refusal
        assert file_hash(path) == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
        shutil.rmtree(code)
