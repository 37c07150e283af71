"""Faults a store meets, made for real: a full disk and an I/O error (on this process's own
file descriptor of the store's write-ahead log), another writer holding the lock, paths that
are no regular file; and the store's dump hash, to compare before and after a refusal."""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

FAULTS = ("full", "io", "busy")
FAULT_WORDS = {"full": "the disk is full", "io": "disk I/O error",
               "busy": "the store is busy: another program is writing it"}


def dump_hash(path: Path) -> str:
    """The store's content (its SQL dump) hashed: equal means nothing was written."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def file_hash(path: Path) -> str:
    """The file's bytes hashed: equal means not even SQLite's bookkeeping changed it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _wal_descriptors(path: Path) -> list[int]:
    wal = str(path.resolve()) + "-wal"
    found = []
    for name in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{name}") == wal:
                found.append(int(name))
        except OSError:
            continue
    return found


def break_wal(path: Path, fault: str) -> None:
    """Every write to the store's write-ahead log by this process fails from now on: with
    ENOSPC (SQLite: the disk is full) or EBADF (SQLite: disk I/O error)."""
    if not Path("/proc/self/fd").is_dir() or not Path("/dev/full").exists():
        pytest.skip("needs /proc/self/fd and /dev/full (Linux)")
    descriptors = _wal_descriptors(path)
    assert descriptors, "the store's write-ahead log is not open"
    if fault == "full":
        bad = os.open("/dev/full", os.O_WRONLY)
    else:
        bad = os.open(str(path.resolve()) + "-wal", os.O_RDONLY)
    try:
        for fd in descriptors:
            os.dup2(bad, fd)
    finally:
        os.close(bad)


@contextmanager
def lock_held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another writer holding the store's write lock (BEGIN IMMEDIATE) until the end."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
        conn.close()


@contextmanager
def store_fault(monkeypatch: pytest.MonkeyPatch, path: Path, fault: str) -> Iterator[None]:
    """The next store this process opens at ``path`` meets ``fault`` when it writes."""
    import licscreen.store.db as db_module
    import licscreen.store.store as store_module

    if fault == "busy":
        monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.2)
        with lock_held(path):
            yield
        return
    real = store_module.open_database

    def broken(where: Path, **options: Any) -> Any:
        db = real(where, **options)
        if Path(where).resolve() == path.resolve():
            break_wal(path, fault)
        return db

    monkeypatch.setattr(store_module, "open_database", broken)
    yield


def run_briefly(call: Callable[[], Any], seconds: float = 10.0) -> Any:
    """``call()`` in a thread; fails (rather than hangs) when it has not returned in time."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the caller
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s (blocked on a pipe?)"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


NOT_REGULAR = ("folder", "fifo", "socket", "device")


def make_not_regular(folder: Path, kind: str) -> Path:
    """Something at a path that is no regular file: a folder, a FIFO, a socket, a device."""
    path = folder / f"{kind}.db"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        try:
            server.bind(str(path))
        except OSError:  # the path is too long for a socket's address
            pytest.skip("cannot make a socket at this path")
        finally:
            server.close()
    else:
        try:  # a /dev/null of our own: the real one is never put at risk
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except OSError:
            pytest.skip("cannot make a device node here")
    return path


def kind_of(path: Path) -> str:
    mode = os.lstat(path).st_mode
    for kind, test in (("folder", stat.S_ISDIR), ("fifo", stat.S_ISFIFO),
                       ("socket", stat.S_ISSOCK), ("device", stat.S_ISCHR)):
        if test(mode):
            return kind
    return "regular"
