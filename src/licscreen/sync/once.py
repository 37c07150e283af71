"""One sync of a mirror store: the source read whole, then the store written in one
transaction. ``licscreen sync`` and the app's "Sync now" both run it; it is the one module of
``licscreen.sync`` that opens the store.

Only the kinds that changed since the last sync are built (sync/digest.py); when the store no
longer has the digests the read skipped by, it is read again in full. A store made for this
sync is removed again when the sync fails: a failure leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from licscreen.sync.run import Ask, api_secret, read_snapshot

if TYPE_CHECKING:
    from licscreen.installations import Installation
    from licscreen.store import SyncResult
    from licscreen.sync.snapshot import Snapshot


@dataclass(frozen=True)
class Source:
    """Where a sync reads: a database URL (with its schema) or a REST API (with its login)."""

    kind: str  # "db" or "api"
    url: str  # never with a password
    schema: str | None = None
    auth: str = "basic"
    user: str | None = None
    ca_bundle: Path | None = None

    @classmethod
    def of(cls, installation: Installation) -> Source:
        """A named installation's source (the config file's)."""
        return cls(installation.kind, installation.url, installation.schema, installation.auth,
                   installation.user,
                   Path(installation.ca_bundle) if installation.ca_bundle else None)


def read(source: Source, ask: Ask | None, known: Mapping[str, str] | None = None) -> Snapshot:
    """What the source holds (a :class:`~licscreen.sync.errors.SyncError` when it cannot be
    read); ``ask`` prompts for a secret that is in no variable (None: no terminal)."""
    if source.kind == "db":
        return read_snapshot("db", source.url, schema=source.schema, ask=ask, known=known)
    return read_snapshot("api", source.url, auth=source.auth, user=source.user,
                         ca_bundle=source.ca_bundle, secret=api_secret(source.auth, ask),
                         timeout=30.0)


def sync_once(path: Path, source: Source, *, now: datetime, force: bool = False,
              ask: Ask | None = None) -> tuple[Snapshot, SyncResult]:
    """Read ``source`` and apply it to the store at ``path`` (made when there is none).

    Raises :class:`~licscreen.sync.errors.SyncError` (the source) or
    :class:`~licscreen.store.StoreError` (the store), each one line, nothing written."""
    from licscreen.store import StaleDigests

    known = known_digests_at(path) if source.kind == "db" else {}
    while True:
        snapshot = read(source, ask, known)
        try:
            return snapshot, _apply(path, snapshot, now, force)
        except StaleDigests:  # the store changed meanwhile: read it all this time
            known = {}


def known_digests_at(path: Path) -> dict[str, str]:
    """The digests the store at ``path`` kept at its last sync; none when there is no store
    yet, or it cannot be opened (the sync then says why)."""
    from licscreen.store import Store, StoreError, known_digests, store_exists

    if not store_exists(path):
        return {}
    try:
        store = Store.open(path)
    except StoreError:
        return {}
    try:
        return known_digests(store)
    finally:
        store.close()


def _apply(path: Path, snapshot: Snapshot, now: datetime, force: bool) -> SyncResult:
    from licscreen.store import Store, apply_snapshot, create_store, store_exists

    made = not store_exists(path)
    store = create_store(path, demo=False, force=True) if made else Store.open(path)
    try:
        try:
            return apply_snapshot(store, snapshot, now=now, force=force)
        finally:
            store.close()
    except BaseException:  # Ctrl+C or SIGTERM mid-way too: the transaction rolled back
        if made:
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
        raise
