"""``licscreen sync --from-api``: the REST source through the command line into a mirror, against
a real HTTP server on 127.0.0.1 (tests/kit/so_server.py)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.kit.cli import NOW, assert_one_line_error, run
from tests.kit.so_server import PASSWORD, SoServer, serving
from tests.kit.strict import dump_hash


def sync(url: str, path: Path, *extra: str, password: str | None = PASSWORD):
    return run("sync", "--from-api", url, "--auth", "basic", "--user", "ADM",
               "--db", str(path), *extra, *NOW, env={"LICSCREEN_SO_PASSWORD": password})


def test_a_first_sync_through_the_api_makes_a_mirror_the_reports_show(tmp_path: Path):
    path = tmp_path / "mirror.db"
    with serving(SoServer()) as url:
        result = sync(url, path, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["created"] is True
    assert report["source"] == url  # no credentials in it
    assert PASSWORD not in result.output
    licences = json.loads(run("licences", "--json", "--db", str(path)).stdout)
    assert licences and all(lic["owner"] for lic in licences)
    status = run("status", "--db", str(path), *NOW)
    assert status.exit_code == 0 and "Nordlys AS" in status.stdout


def test_a_second_sync_with_nothing_new_changes_no_row(tmp_path: Path):
    path = tmp_path / "mirror.db"
    with serving(SoServer()) as url:
        assert sync(url, path).exit_code == 0
        again = sync(url, path, "--json")
    assert again.exit_code == 0, again.output
    changes = json.loads(again.stdout)["changes"]
    assert all(not any(counts.values()) for counts in changes.values()), changes


def test_a_refused_login_is_one_line_and_the_mirror_as_it_was(tmp_path: Path):
    path = tmp_path / "mirror.db"
    with serving(SoServer()) as url:
        assert sync(url, path).exit_code == 0
        before = dump_hash(path)
        result = sync(url, path, password="wrong-Secret-123")
    assert_one_line_error(result, "login refused")
    assert "wrong-Secret-123" not in result.output
    assert dump_hash(path) == before
