"""Paths that are not small regular files (a FIFO, a device, an endless device, a folder, a file
over a limit), a time limit that turns a hang into a failure, and a store's dump hash."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

# What a person may name instead of a licence or key file, and a word of the one-line refusal.
SPECIAL = {
    "fifo": "named pipe",  # opening it waits for a writer
    "link to a fifo": "named pipe",
    "/dev/null": "is a device",  # a character device
    "/dev/zero": "is a device",  # never ends
    "folder": "is a folder",
    "too large": "larger than",  # a regular file one byte over the limit
}


def special_path(kind: str, folder: Path, limit: int) -> Path:
    """A path of ``kind`` (a key of SPECIAL) in ``folder``; "too large" is ``limit + 1`` bytes."""
    if kind.startswith("/dev/"):
        return Path(kind)
    path = folder / kind.replace(" ", "-")
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link to a fifo":
        os.mkfifo(folder / "target-fifo")
        path.symlink_to(folder / "target-fifo")
    elif kind == "folder":
        path.mkdir()
    elif kind == "too large":
        with path.open("wb") as file:
            file.truncate(limit + 1)  # sparse: nothing is written
    else:
        raise ValueError(kind)
    return path


def release(path: Path) -> None:
    """If anything is blocked reading the FIFO at ``path`` (a regression), give it an end of
    file, so that its thread ends and the test process can exit."""
    try:
        if not stat.S_ISFIFO(os.stat(path).st_mode):
            return
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)  # succeeds only while a reader waits
    except OSError as error:
        if error.errno not in (errno.ENXIO, errno.ENOENT):
            raise
        return
    os.close(fd)


class TimeLimit(Exception):
    """What a test that hangs fails with."""


@contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fail with TimeLimit after ``seconds`` instead of hanging (a blocking ``open`` of a FIFO
    in this thread is interrupted too). Main thread only, as signals are."""
    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimit(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def dump_hash(path: Path) -> str:
    """The store's content (``iterdump``), hashed: equal means nothing in it changed."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()
