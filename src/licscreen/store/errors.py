"""Errors the store raises. Each carries one line a person can act on."""

from __future__ import annotations


class StoreError(Exception):
    """A store could not be opened, created or read; ``str(error)`` is one line."""


class StoreNotFound(StoreError):
    pass


class StoreExists(StoreError):
    pass


class NotAStore(StoreError):
    """The file is not an SQLite database, or not one of licscreen's."""


class StoreCorrupt(StoreError):
    pass


class StoreTooNew(StoreError):
    """Written by a newer licscreen: its schema version is above ours."""


class StoreReadOnly(StoreError):
    """A write was asked of a store opened read-only."""


class DataFileError(StoreError):
    """A data file (the demo installation, an import) is malformed; names file and line."""


class StoreInUse(StoreError):
    """The store is open in another program, so it is not replaced under it."""


class StoreReplaced(StoreError):
    """The file at the store's path is no longer the one opened: another program replaced or
    removed it. Nothing is written to the old file, where it would be lost."""


class StoreWriteFailed(StoreError):
    """A write did not reach the disk (an I/O error); none of it was saved.

    ``reason`` is the cause alone, for a caller that words the line itself.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class StoreFull(StoreWriteFailed):
    """The disk (or the store's size limit) is full; none of the write was saved."""


class StoreBusy(StoreWriteFailed):
    """Another program held the store's write lock for longer than the busy timeout."""
