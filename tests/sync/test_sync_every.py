"""``licscreen sync --every SECONDS`` keeps a mirror fresh: a line per sync, a failed sync is
reported and the loop goes on, SIGINT (Ctrl+C) and SIGTERM end it with exit code 0 and no
traceback, and a sync cut short writes nothing. Run as a real process, signals and all; the
least interval is lowered for the tests through LICSCREEN_SYNC_EVERY_MIN."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.kit.cli import NOW, assert_one_line_error, run
from tests.kit.installations import write_config
from tests.kit.so_server import PASSWORD, SoServer, serving
from tests.kit.strict import dump_hash
from tests.kit.superoffice import build_superoffice, so_url


@pytest.fixture(scope="module")
def so(tmp_path_factory) -> Path:
    return build_superoffice(tmp_path_factory.mktemp("so") / "so.db")


@pytest.fixture(scope="module")
def api():
    with serving(SoServer()) as url:
        yield url


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "licscreen", "sync", "--every", "1", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "LICSCREEN_SYNC_EVERY_MIN": "1", "LICSCREEN_DB": "", **env})


def _stop(process: subprocess.Popen[str], signum: int) -> tuple[int, str, str]:
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err


def _sources(so: Path, api: str,
             tmp_path: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    store = tmp_path / "mirror.db"
    env = write_config(tmp_path, {
        "prod": {"store": str(store), "from-db": so_url(so)},
        "online": {"store": str(store), "from-api": api, "user": "ADM"}})
    secret = {"LICSCREEN_SO_PASSWORD": PASSWORD}
    return {"--from-db": (["--from-db", so_url(so), "--db", str(store)], {}),
            "--from-api": (["--from-api", api, "--user", "ADM", "--db", str(store)], secret),
            "NAME": (["prod"], env),
            "NAME (API)": (["online"], {**env, **secret})}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("source", ["--from-db", "--from-api", "NAME", "NAME (API)"])
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_a_line_per_sync_until_a_signal_ends_it_cleanly(source: str, signum: int,
                                                        as_json: bool, so: Path, api: str,
                                                        tmp_path: Path):
    args, env = _sources(so, api, tmp_path)[source]
    process = _start([*args, *(["--json"] if as_json else [])], env)
    assert process.stdout is not None
    lines = [process.stdout.readline(), process.stdout.readline()]  # two syncs, a second apart
    code, rest, err = _stop(process, signum)
    assert code == 0 and err == "", err
    lines += rest.splitlines(keepends=True)
    assert len(lines) >= 2 and all(line.endswith("\n") for line in lines)
    assert PASSWORD not in "".join(lines)
    store = str(tmp_path / "mirror.db")
    if as_json:  # JSON Lines: one whole object on each line
        objects = [json.loads(line) for line in lines]
        assert objects[0]["created"] is True and objects[1]["created"] is False
        assert all(o["store"] == store for o in objects)
        assert sum(objects[1]["changes"]["users"].values()) == 0
    else:
        assert "Mirror of" in lines[0] and f"(store: {store})" in lines[0]
        assert lines[1][:4].isdigit() and "0 added, 0 changed, 0 removed" in lines[1]


def test_a_failed_sync_is_a_line_and_the_loop_goes_on(so: Path, tmp_path: Path):
    """The source is not there for a while: each sync says so on stderr, the store is left as
    it was, and once the source is back the next sync works."""
    store = tmp_path / "mirror.db"
    assert run("sync", "--from-db", so_url(so), "--db", str(store), *NOW).exit_code == 0
    before = dump_hash(store)
    away = tmp_path / "away.db"
    process = _start(["--from-db", so_url(away), "--db", str(store)], {})
    assert process.stdout is not None and process.stderr is not None
    failures = [process.stderr.readline() for _ in range(2)]
    assert all(line.startswith("licscreen: ") and "no such file" in line for line in failures)
    assert dump_hash(store) == before
    shutil.copyfile(so, away)  # back
    first = process.stdout.readline()
    code, _out, err = _stop(process, signal.SIGINT)
    assert code == 0 and "Traceback" not in err
    assert " Synced " in first and f"(store: {store})" in first


@pytest.mark.parametrize("made", [False, True], ids=["a mirror", "a new store"])
def test_a_sync_cut_short_writes_nothing(made: bool, so: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch):
    """Ctrl+C while the store is being written: the loop ends, exit 0, and the store is as it
    was (a new one it was making is removed)."""
    import licscreen.store

    store = tmp_path / "mirror.db"
    if not made:
        assert run("sync", "--from-db", so_url(so), "--db", str(store), *NOW).exit_code == 0
    before = None if made else dump_hash(store)

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(licscreen.store, "apply_snapshot", interrupted)
    result = run("sync", "--from-db", so_url(so), "--db", str(store), "--every", "60", *NOW)
    assert result.exit_code == 0 and result.output == ""
    assert (dump_hash(store) if store.exists() else None) == before
    if made:
        assert list(tmp_path.glob("mirror.db*")) == []


@pytest.mark.parametrize("every", ["0", "9", "86401", "-1"])
def test_the_interval_is_range_checked(every: str, so: Path, tmp_path: Path):
    store = tmp_path / "mirror.db"
    result = run("sync", "--from-db", so_url(so), "--db", str(store), "--every", every, *NOW,
                 env={"LICSCREEN_SYNC_EVERY_MIN": None})
    assert_one_line_error(result, f"--every: {every} is not between 10 and 86400 seconds")
    assert not store.exists()
