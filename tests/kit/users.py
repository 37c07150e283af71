"""What the Users tests share: a few audited changes made at the frozen moment by a fixed
operating-system user, for the Audit view."""

from __future__ import annotations

import pytest

from licscreen.store import Criteria, Store, assign_seats, find_licences, reclaim_seats
from tests.kit.clock import FROZEN


def same_auditor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries written by 'ingrid', from 203.0.113.5, whoever runs the tests."""
    monkeypatch.setattr("licscreen.store.audit.os_user", lambda: "ingrid")
    monkeypatch.setenv("SSH_CONNECTION", "203.0.113.5 50000 192.0.2.1 22")


def audited_changes(store: Store) -> None:
    """Windows App given to SOFIEK, then the retired users' seats taken back."""
    windows = find_licences(store, "windows")[0].id
    assign_seats(store, windows, ["SOFIEK"], now=FROZEN)
    reclaim_seats(store, Criteria(cannot_log_in=False, inactive=None), now=FROZEN)
