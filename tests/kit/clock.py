"""The moment every test lives in: the demo's own as_of day, mid-morning (UTC)."""

from __future__ import annotations

from datetime import UTC, datetime

FROZEN = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def frozen_clock() -> datetime:
    return FROZEN
