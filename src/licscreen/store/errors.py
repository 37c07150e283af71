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
