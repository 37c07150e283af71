"""``licscreen status`` on a mirror: what it mirrors and when it was synced, and what the
database could not give (plan restrictions, metered services) said, not shown as none."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from licscreen.store import create_store
from tests.kit.cli import NOW, WIDE, json_of, run
from tests.kit.clock import FROZEN
from tests.kit.mirror import make_mirror
from tests.kit.so_server import PASSWORD, SoServer, serving


def status_at(path: Path, after: timedelta) -> list[str]:
    result = run("status", "--db", str(path), "--now", (FROZEN + after).isoformat(), env=WIDE)
    assert result.exit_code == 0, result.output
    return [" ".join(line.split()) for line in result.stdout.splitlines()]


def test_status_of_a_database_mirror(tmp_path: Path):
    lines = status_at(make_mirror(tmp_path), timedelta(minutes=5))
    assert f"Mirror of {tmp_path / 'so.db'} · synced 5 min ago" in lines
    assert "Plan restrictions not available from the database (REST only)" in lines
    assert "Metered services not read by sync: use licscreen usage import" in lines


def test_status_of_a_stale_mirror_says_its_age(tmp_path: Path):
    lines = status_at(make_mirror(tmp_path), timedelta(days=3))
    assert f"Mirror of {tmp_path / 'so.db'} · synced 3 days ago" in lines


def test_status_of_the_demo_has_no_mirror_lines(tmp_path: Path):
    path = tmp_path / "demo.db"
    create_store(path, demo=True, now=FROZEN).close()
    text = "\n".join(status_at(path, timedelta(0)))
    assert "Mirror of" not in text and "not available from" not in text
    assert "not read by sync" not in text


def test_the_sync_records_what_the_database_could_not_give(tmp_path: Path):
    from licscreen.store import Store, sync_runs

    store = Store.open(make_mirror(tmp_path), read_only=True)
    try:
        (run_,) = sync_runs(store)
        assert run_.unavailable == ("restrictions",)
        assert "unavailable" not in run_.counts  # the counts stay kind -> added/changed/removed
    finally:
        store.close()


@pytest.mark.parametrize(("fencing", "said"), [
    (True, None),  # GetFencingInfo answered: the restrictions are the installation's own
    (False, "Plan restrictions not available from this installation's REST API"),
])
def test_status_of_a_rest_mirror(tmp_path: Path, fencing: bool, said: str | None):
    path = tmp_path / "rest.db"
    with serving(SoServer(fencing=fencing)) as url:
        result = run("sync", "--from-api", url, "--user", "ADM", "--db", str(path), *NOW,
                     env={"LICSCREEN_SO_PASSWORD": PASSWORD})
        assert result.exit_code == 0, result.output
    lines = status_at(path, timedelta(minutes=1))
    assert "Mirror of 127.0.0.1:" in "\n".join(lines)
    gaps = [line for line in lines if line.startswith("Plan restrictions not available")]
    assert gaps == ([said] if said else [])


def test_status_says_who_is_logged_on_now(tmp_path: Path):
    path = make_mirror(tmp_path)  # SuperOffice's activeuser: TOREH and IDAS
    assert "Logged on now 2 · IDAS (Ida M. Sand), TOREH (Tore Hansen)" in status_at(
        path, timedelta(minutes=5))
    data = json_of("status", "--db", str(path), *NOW)
    assert data["installation"]["logged_on_now"] == [
        {"user_id": "IDAS", "full_name": "Ida M. Sand"},
        {"user_id": "TOREH", "full_name": "Tore Hansen"}]
    demo = tmp_path / "demo.db"
    create_store(demo, demo=True, now=FROZEN).close()
    assert not any(line.startswith("Logged on now") for line in status_at(demo, timedelta()))
    assert json_of("status", "--db", str(demo), *NOW)["installation"]["logged_on_now"] == []
