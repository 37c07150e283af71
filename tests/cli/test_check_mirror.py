"""``licscreen check`` on a mirror: the last sync's age against --sync-warn and --sync-crit,
in the plugin's format with perfdata sync_age; not on a standalone store; bad durations
UNKNOWN in one line."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from licscreen.store import create_store
from tests.kit.cli import run
from tests.kit.clock import FROZEN
from tests.kit.mirror import make_mirror


def check_at(path: Path, after: timedelta, *args: str):
    return run("check", "--db", str(path), "--now", (FROZEN + after).isoformat(), *args)


@pytest.mark.parametrize(
    ("after", "args", "code", "words", "perf"),
    [
        pytest.param(timedelta(minutes=2), (), 0, "OK: mirror of ", "'sync_age'=120s;3600;86400;0",
                     id="fresh"),
        pytest.param(timedelta(hours=1), (), 0, "OK: mirror of ",
                     "'sync_age'=3600s;3600;86400;0", id="an-hour-is-not-older"),
        pytest.param(timedelta(hours=1, seconds=1), (), 1, "LICSCREEN WARNING - mirror of ",
                     "'sync_age'=3601s;3600;86400;0", id="older-than-an-hour"),
        pytest.param(timedelta(hours=5), (), 1, "LICSCREEN WARNING - mirror of ",
                     "'sync_age'=18000s;3600;86400;0", id="stale"),
        pytest.param(timedelta(days=2), (), 2, "LICSCREEN CRITICAL - mirror of ",
                     "'sync_age'=172800s;3600;86400;0", id="very-stale"),
        pytest.param(timedelta(minutes=2), ("--sync-warn", "90s"), 1,
                     "LICSCREEN WARNING - mirror of ", "'sync_age'=120s;90;86400;0",
                     id="warn-90s"),
        pytest.param(timedelta(hours=3), ("--sync-warn", "30m", "--sync-crit", "2h"), 2,
                     "LICSCREEN CRITICAL - mirror of ", "'sync_age'=10800s;1800;7200;0",
                     id="crit-2h"),
        pytest.param(timedelta(days=2), ("--sync-crit", "3d"), 1,
                     "LICSCREEN WARNING - mirror of ", "'sync_age'=172800s;3600;259200;0",
                     id="crit-3d"),
    ])
def test_a_mirrors_sync_age_is_checked(tmp_path: Path, after, args, code, words, perf):
    path = make_mirror(tmp_path)
    result = check_at(path, after, *args)
    assert result.exit_code == code, result.output
    first = result.stdout.splitlines()[0]
    assert perf in first  # the status line's perfdata
    assert words in result.stdout
    assert f"mirror of {tmp_path / 'so.db'} last synced" in result.stdout
    assert "sqlite:" not in result.stdout  # the source as HOST/DB: no URL scheme


def test_the_age_is_said_in_words(tmp_path: Path):
    result = check_at(make_mirror(tmp_path), timedelta(hours=2, minutes=5))
    assert "WARNING: mirror of" in result.stdout and "last synced 2 h 5 min ago" in result.stdout


def test_a_standalone_store_has_no_sync_line(tmp_path: Path):
    path = tmp_path / "demo.db"
    create_store(path, demo=True, now=FROZEN).close()
    for args in [(), ("--sync-warn", "1s", "--sync-crit", "2s")]:
        result = check_at(path, timedelta(days=30), *args)
        assert "sync_age" not in result.stdout and "mirror of" not in result.stdout
        assert "synced" not in result.stdout


@pytest.mark.parametrize("value", ["1x", "h", "1", "", "-1h", "+1h", " 1h", "1h ", "1.5h",
                                   "1_0h", "١h", "１h", "0s", "1H", "1h30m",
                                   "36501d", "99999999999999d"])
@pytest.mark.parametrize("option", ["--sync-warn", "--sync-crit"])
def test_a_bad_duration_is_unknown_in_one_line(tmp_path: Path, option: str, value: str):
    path = make_mirror(tmp_path)
    result = check_at(path, timedelta(0), option, value)
    assert result.exit_code == 3, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("LICSCREEN UNKNOWN - "), result.stdout
    assert option in lines[0] and "Traceback" not in result.output


def test_crit_below_warn_is_unknown(tmp_path: Path):
    result = check_at(make_mirror(tmp_path), timedelta(0), "--sync-warn", "2h",
                      "--sync-crit", "1h")
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        "LICSCREEN UNKNOWN - --sync-crit (3600 s) must not be less than --sync-warn (7200 s)"]
