"""Reading a licence file or a key file a person names: a small regular file, or a refusal.

The command line (``licence load``, ``licence trust``, ``init --vendor-key``) and the app's
load dialog read through here. A path that is not a regular file is refused before it is
opened: opening a FIFO waits for a writer (the app could not even be quit while a worker
waited), a device such as ``/dev/zero`` never ends, and a folder is no file. A regular file is
read only up to its limit, never whole, so a path can neither hang licscreen nor make it read
gigabytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from licscreen.i18n import _
from licscreen.licence.errors import LicenceRefused
from licscreen.licence.fileformat import MAX_FILE_BYTES

MAX_LICENCE_BYTES = MAX_FILE_BYTES  # docs/licence-file.md: "at most 1 MB"
MAX_KEY_BYTES = 64_000  # a PEM public or private Ed25519 key is a few hundred bytes

# Opened without waiting (a FIFO swapped in after the check opens at once, and is refused),
# and never as the controlling terminal.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(
    os, "O_BINARY", 0)


def not_a_file(path: Path, mode: int) -> LicenceRefused | None:
    """Why ``path``, of ``mode`` (``st_mode``), is not a regular file; None when it is one."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        reason = _("{path}: is a folder, not a file")
    elif stat.S_ISFIFO(mode):
        reason = _("{path}: is a named pipe (FIFO), not a file")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        reason = _("{path}: is a device, not a file")
    elif stat.S_ISSOCK(mode):
        reason = _("{path}: is a socket, not a file")
    else:
        reason = _("{path}: not a regular file")
    return LicenceRefused(reason.format(path=path))


def _unreadable(path: Path, error: OSError) -> LicenceRefused:
    return LicenceRefused(_("{path}: cannot be read ({reason})").format(
        path=path, reason=error.strerror or error))


def read_small_file(path: Path, limit: int, too_large: str) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Refuses (:class:`LicenceRefused`, one line naming the path) a path that is missing or
    unreadable, one that is not a regular file (checked before it is opened, and again on the
    file opened), and a file of more than ``limit`` bytes (``too_large``, with ``{path}``).
    """
    try:
        refused = not_a_file(path, os.stat(path).st_mode)
    except OSError as error:
        raise _unreadable(path, error) from None
    if refused is not None:
        raise refused
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _unreadable(path, error) from None
    with open(fd, "rb", closefd=True) as file:
        try:
            refused = not_a_file(path, os.fstat(fd).st_mode)
            data = b"" if refused else file.read(limit + 1)
        except OSError as error:
            raise _unreadable(path, error) from None
    if refused is not None:
        raise refused
    if len(data) > limit:
        raise LicenceRefused(too_large.format(path=path))
    return data


def read_licence_file(path: Path) -> bytes:
    """A licence file's bytes (at most 1 MB), or a one-line refusal naming it."""
    return read_small_file(path, MAX_LICENCE_BYTES,
                           _("{path}: not a licence file: larger than 1 MB"))


def read_key_file(path: Path) -> bytes:
    """A key file's bytes (at most 64 kB), or a one-line refusal naming it."""
    return read_small_file(path, MAX_KEY_BYTES, _("{path}: not a key file: larger than 64 kB"))
