"""Making a store: empty or the demo installation, built beside its path and moved into place
when complete (a failure leaves what was there untouched); and whether a store is there."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from licscreen.i18n import _
from licscreen.store.db import create_database
from licscreen.store.errors import StoreError, StoreExists, StoreReadOnly, StoreWriteFailed
from licscreen.store.files import (
    clean_stale_builds,
    is_read_only_file,
    refuse_if_in_use,
    stat_store,
    write_failure,
)
from licscreen.store.store import Store


def store_exists(path: Path) -> bool:
    """Something is there for a store to be opened from: anything but nothing or an empty
    file (which counts as none). A folder, a device or a pipe is there, and opening it says
    why it is no store."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True  # opening it says what is wrong
    return not (stat.S_ISREG(info.st_mode) and info.st_size == 0)


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def create_store(
    path: Path, *, demo: bool, force: bool = False, now: datetime | None = None,
    bulk: tuple[int, int] | None = None,
) -> Store:
    """Create a store at ``path``: empty, or holding the demo installation.

    The store is built beside ``path`` and moved into place when complete, so a failure leaves
    whatever was there before untouched. What is there is replaced only when it is a regular
    file: a store only with ``force``, never a read-only file, never a store another program
    has open. ``bulk`` (events, users) grows the demo into a large installation
    (store/demo/bulk.py). Builds that a killed ``init`` left behind are removed.
    """
    info = stat_store(path)  # a folder, a device or a pipe is refused here
    there = info is not None and info.st_size > 0
    if info is not None and is_read_only_file(path, info):
        raise StoreReadOnly(_("{path}: the file is read-only, so it is not replaced (make it "
                              "writable first, with chmod u+w, to replace it)").format(path=path))
    if there and not force:
        raise StoreExists(
            _("{path}: a store is already there (use --force to replace it)").format(path=path)
        )
    if there:
        refuse_if_in_use(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path  # the link stays
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            _("{folder}: cannot create the folder ({reason})").format(
                folder=path.parent, reason=error.strerror or error
            )
        ) from None
    clean_stale_builds(target)
    building = target.with_name(f".{target.name}.{os.getpid()}.new")
    try:
        _remove(building, *_sidecars(building))
        _build(building, demo=demo, now=now, bulk=bulk)
        if there:
            refuse_if_in_use(path)  # again: the build may have taken minutes
        _remove(*_sidecars(target))
        os.replace(building, target)
    except OSError as error:
        raise StoreError(
            _("{path}: cannot write the store ({reason})").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    except StoreWriteFailed as error:
        raise type(error)(_("{path}: cannot build the store: {reason}; nothing was replaced")
                          .format(path=path, reason=error.reason), error.reason) from None
    except sqlite3.Error as error:
        failure = write_failure(path, error)
        reason = failure.reason if failure is not None else str(error)
        raise StoreError(_("{path}: cannot build the store: {reason}; nothing was replaced")
                         .format(path=path, reason=reason)) from None
    finally:
        _remove(building, *_sidecars(building))
    return Store.open(path)


def _build(building: Path, *, demo: bool, now: datetime | None,
           bulk: tuple[int, int] | None) -> None:
    db = create_database(building)
    try:
        if demo:
            from licscreen.paths import demo_data_dir
            from licscreen.store.demo.loader import load_installation

            load_installation(db, demo_data_dir(), now)
            if bulk is not None:
                from licscreen.store.demo.bulk import add_bulk

                add_bulk(db, demo_data_dir(), events=bulk[0], users=bulk[1], now=now)
    finally:
        db.close()
