"""The store as a file: what is at its path, whose SQLite file it is, who has it open, and
what a failed write tells a person. Nothing here opens a path before it is known to be a
regular file (a FIFO would block, a device is never a store).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import suppress
from pathlib import Path

from licscreen.i18n import _
from licscreen.store.errors import (
    NotAStore,
    StoreBusy,
    StoreError,
    StoreFull,
    StoreInUse,
    StoreTooNew,
    StoreWriteFailed,
)
from licscreen.store.schema import CORE_TABLES, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100  # the database header: the application id is at offset 68, big-endian
# `PRAGMA application_id` of every licscreen store: the ASCII bytes "LicS" (0x4C696353), so
# `file` and other tools can tell our stores from any SQLite file (docs/architecture.md).
APPLICATION_ID = int.from_bytes(b"LicS", "big")
IN_USE_WAIT_S = 2.0  # a command that has the store open for a moment has closed it by then

FileId = tuple[int, int]  # (device, inode): which file a path names


def stat_store(path: Path) -> os.stat_result | None:
    """What is at ``path``: None for nothing; a refusal for anything but a regular file."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise StoreError(_("{path}: cannot be read ({reason})").format(
            path=path, reason=error.strerror or error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise NotAStore(_("{path}: is a folder, not a store file").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise NotAStore(_("{path}: not a regular file (a device, a pipe or a socket), so not a "
                          "store; give the path of a store file").format(path=path))
    return info


def file_id(info: os.stat_result) -> FileId:
    return info.st_dev, info.st_ino


def current_id(path: Path) -> FileId | None:
    """Which file ``path`` names now; None when nothing (or nothing readable) is there."""
    try:
        return file_id(os.stat(path))
    except OSError:
        return None


def read_header(path: Path) -> bytes:
    """The first bytes of a regular file, opened so that nothing can make it block."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise StoreError(_("{path}: cannot be read ({reason})").format(
            path=path, reason=error.strerror or error)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since it was looked at
            raise NotAStore(_("{path}: not a regular file (a device, a pipe or a socket), so "
                              "not a store; give the path of a store file").format(path=path))
        return os.read(fd, HEADER_SIZE)
    finally:
        os.close(fd)


def check_header(path: Path) -> int:
    """The file's application id; a refusal when it is not SQLite, or another program's."""
    header = read_header(path)
    if not header.startswith(SQLITE_HEADER):
        raise NotAStore(_("{path}: not an SQLite database").format(path=path))
    found = int.from_bytes(header[68:72], "big") if len(header) >= 72 else 0
    if found not in (0, APPLICATION_ID):
        raise NotAStore(
            _("{path}: an SQLite database, but not a licscreen store").format(path=path))
    return found


def read_only_reason(path: Path) -> str | None:
    """Why this process may not write the store at ``path``; None when it may."""
    if not os.access(path, os.W_OK):
        return _("the file is read-only")
    if not os.access(path.parent, os.W_OK):
        return _("its folder is not writable")
    return None


def is_read_only_file(path: Path, info: os.stat_result) -> bool:
    """No write permission: for this user, or (for root, whom permissions do not stop) for
    anyone. Such a file was made read-only on purpose, and is not replaced."""
    return not info.st_mode & 0o222 or not os.access(path, os.W_OK)


def refuse_if_in_use(path: Path) -> None:
    """Refuse when another connection, in any process, has the SQLite file at ``path`` open.

    A connection to a store (which is in WAL mode) holds a shared lock on the file for as long
    as it is open; an exclusive lock is granted only when there is none. Through SQLite, so
    this process's own connections are counted too and none of their locks is disturbed.
    """
    try:  # (no file descriptor of our own: closing one would drop this process's locks)
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True,
                               isolation_level=None, timeout=IN_USE_WAIT_S)
    except sqlite3.Error:
        return
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # takes the WAL's lock
        conn.execute("ROLLBACK")
    except sqlite3.Error as error:
        if primary_code(error) in (SQLITE_BUSY, SQLITE_LOCKED):
            raise StoreInUse(_("{path}: the store is open in another program (the licscreen "
                               "app?); close it there first, then replace it").format(
                path=path)) from None
    finally:
        conn.close()


def clean_stale_builds(path: Path) -> None:
    """Remove what a killed ``init`` left beside ``path``: ``.NAME.PID.new`` (and its WAL
    files) of a process that is gone. A live process's build is left alone."""
    if os.name != "posix":  # os.kill(pid, 0) is a question only on POSIX
        return
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        pid, _dot, tail = entry.name[len(prefix):].partition(".")
        if (not (pid.isascii() and pid.isdigit()) or tail not in STALE_TAILS
                or not entry.is_file(follow_symlinks=False) or _alive(int(pid))):
            continue
        with suppress(OSError):
            os.unlink(entry.path)


STALE_TAILS = ("new", "new-wal", "new-shm", "new-journal")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def identify(conn: sqlite3.Connection) -> tuple[int, int, set[str]]:
    """The file's application id, schema version and tables: reads, nothing more."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    return app_id, version, tables


def refusal(path: Path, app_id: int, version: int, tables: set[str], *, read_only: bool,
             reason: str | None) -> StoreError | None:
    """Why this file is not opened, or None. Ours: our application id, or (a store made
    before licscreen set one) id 0 with our tables and a schema version."""
    ours = app_id == APPLICATION_ID or (app_id == 0 and version >= 1 and tables >= CORE_TABLES)
    if not ours:
        return NotAStore(
            _("{path}: an SQLite database, but not a licscreen store").format(path=path))
    if version > SCHEMA_VERSION:
        return StoreTooNew(
            _(
                "{path}: written by a newer licscreen (schema version {found}, "
                "this one knows up to {known}); upgrade licscreen"
            ).format(path=path, found=version, known=SCHEMA_VERSION)
        )
    if version < SCHEMA_VERSION and read_only:
        if reason is not None:
            return StoreError(
                _("{path}: the store needs an upgrade but is read-only").format(path=path))
        return StoreError(_(
            "{path}: the store was made by an older licscreen and needs an upgrade, which a "
            "command that only reads does not make; open it once with 'licscreen --db {path}'"
        ).format(path=path))
    return None


# What a failed write says. SQLite's primary result codes (the low byte of the extended one).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_PROTOCOL, SQLITE_NOTADB = 15, 26
DISK_FAULTS = {SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_CANTOPEN,
               SQLITE_PROTOCOL, SQLITE_NOTADB}


def primary_code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", -1) or -1) & 0xFF


def write_failure(path: Path, error: sqlite3.Error) -> StoreWriteFailed | None:
    """A write's SQLite error as one line, when the cause is the disk, the file or another
    writer (not the data): the disk is full, an I/O error, the lock not granted in time."""
    code = primary_code(error)
    if code == SQLITE_FULL:
        reason = _("the disk is full")
        return StoreFull(_("{path}: {reason}; nothing was saved").format(
            path=path, reason=reason), reason)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        reason = _("the store is busy: another program is writing it")
        return StoreBusy(_("{path}: {reason}; nothing was saved, try again").format(
            path=path, reason=reason), reason)
    if code in DISK_FAULTS:
        reason = str(error)
        return StoreWriteFailed(_("{path}: cannot write the store ({reason}); nothing was "
                                  "saved").format(path=path, reason=reason), reason)
    return None
