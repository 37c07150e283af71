"""The large demo store, and paging through long lists: every row once, in order."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from licscreen.cli import main
from licscreen.store import Store


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_init_builds_a_large_demo(tmp_path: Path):
    path = tmp_path / "big.db"
    result = run("--db", str(path), "init", "--events", "3000", "--users", "5200")
    assert result.exit_code == 0, result.output
    assert "Built in" in result.output
    store = Store.open(path)
    try:
        assert store.event_count() == 3000 + 16  # the demo's own events too
        with store.db.read() as conn:
            users = conn.execute("SELECT count(*) FROM user").fetchone()[0]
            most = conn.execute(
                """SELECT count(*) FROM licence_user l JOIN module_licence m ON m.id = l.licence_id
                   WHERE m.licence_type = 3 GROUP BY l.licence_id ORDER BY 1 DESC""").fetchone()[0]
            over = conn.execute(
                """SELECT count(*) FROM module_licence m WHERE total < (SELECT count(*)
                   FROM licence_user WHERE licence_id = m.id)""").fetchone()[0]
            kinds = {r[0] for r in conn.execute("SELECT DISTINCT status FROM system_event")}
            years = conn.execute(
                "SELECT julianday(max(registered)) - julianday(min(registered))"
                " FROM system_event").fetchone()[0]
        assert users == 5200
        assert most >= 5000
        assert over == 0  # room for every holder
        assert {"finished", "failed", "cancelled", "active", "running"} <= kinds
        assert years > 365 * 5
    finally:
        store.close()


def test_large_demo_needs_the_demo(tmp_path: Path):
    result = run("--db", str(tmp_path / "x.db"), "init", "--empty", "--events", "10")
    assert result.exit_code == 2
    assert "--events and --users: only with --demo" in result.output
    assert not (tmp_path / "x.db").exists()
