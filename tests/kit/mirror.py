"""A mirror store for the tests that look at one: `licscreen sync --from-db` from the
SuperOffice-shaped database of tests/kit/superoffice.py, at a chosen moment."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.kit.cli import run
from tests.kit.clock import FROZEN
from tests.kit.superoffice import build_superoffice, so_url


def make_mirror(tmp_path: Path, *, synced: datetime = FROZEN, name: str = "mirror.db") -> Path:
    """A mirror of a SuperOffice database (no plan restrictions, no metered services read),
    its one sync at ``synced``."""
    so = tmp_path / "so.db"
    if not so.exists():
        build_superoffice(so)
    db = tmp_path / name
    result = run("sync", "--from-db", so_url(so), "--db", str(db), "--now", synced.isoformat())
    assert result.exit_code == 0, result.output
    return db


def sync_again(tmp_path: Path, db: Path, synced: datetime) -> None:
    """Another sync of the same mirror (as `licscreen sync` in another process would)."""
    result = run("sync", "--from-db", so_url(tmp_path / "so.db"), "--db", str(db),
                 "--now", synced.isoformat())
    assert result.exit_code == 0, result.output
