"""``licscreen check`` on seats and dates (issue 16): free-seat thresholds, the forecast,
grace and maintenance dates, and each licence's performance data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.kit.cli import NOW, run


def check(path: Path, *args: str):
    return run("check", "--db", str(path), *NOW, *args)


def details(result) -> list[str]:
    return result.stdout.splitlines()[1:-1]


def adjust(path: Path, *sql: str) -> Path:
    with sqlite3.connect(path) as conn:
        for statement in sql:
            conn.execute(statement)
    conn.close()
    return path


def test_free_seats_warn_and_crit_by_number_and_share(demo_path: Path):
    result = check(demo_path, "--free-warn", "20%", "--free-crit", "1")
    lines = details(result)
    assert ("WARNING: Archive User (DOCUFLOW/dfa-user) has 3 free of 15 (the limit: 20 %)"
            in lines)
    assert ("CRITICAL: Route Planner (ROUTEPLAN/rp-planner) has 1 free of 3 (the limit: 1)"
            in lines)
    assert "Sales Premium (SUPEROFFICE/ten-sales-premium) has" not in result.stdout
    assert "licences with few free (" in result.stdout.splitlines()[0]
    assert result.exit_code == 2


def test_a_full_licence_under_free_crit_is_critical(demo_path: Path):
    lines = details(check(demo_path, "--free-crit", "0"))
    assert "CRITICAL: Customer Centre (SUPEROFFICE/ten-cs) has 0 free of 8 (the limit: 0)" \
        in lines
    assert not any("Archive User" in line for line in lines)


def test_the_forecast_warns_within_full_warn(demo_path: Path):
    near = check(demo_path, "--full-warn", "300d")
    assert ("WARNING: Archive User (DOCUFLOW/dfa-user) is forecast to be full in about "
            "7 months at the current rate (12 of 15 in use)") in details(near)
    assert "1 licence forecast to be full soon (Archive User about 7 months)" \
        in near.stdout.splitlines()[0]
    assert "forecast" not in check(demo_path, "--full-warn", "30d").stdout


def test_grace_is_judged_as_expiry_and_maintenance_within_its_days(demo_path: Path):
    assert "grace" not in check(demo_path).stdout  # ROUTEPLAN's in 31 days: fine
    adjust(demo_path, "UPDATE owner SET grace_date = '2026-12-03', "
           "maintenance_date = '2026-11-20' WHERE name = 'ROUTEPLAN'")
    result = check(demo_path)
    assert "CRITICAL: ROUTEPLAN's grace period ends in 5 days (2026-12-03)" in details(result)
    assert "maintenance" not in result.stdout  # not checked unless asked for
    result = check(demo_path, "--maintenance-days", "0")
    assert ("WARNING: ROUTEPLAN's maintenance ended 8 days ago: no upgrades (2026-11-20)"
            in details(result))
    later = check(demo_path, "--maintenance-days", "100")
    assert "WARNING: SUPEROFFICE's maintenance ends in 90 days (2027-02-26)" in details(later)


def test_each_licence_has_in_use_and_total_perfdata(demo_path: Path):
    perf = check(demo_path).stdout.splitlines()[-1]
    assert "'in_use_ten-sales-premium'=22;@20:;@21:;0;20" in perf
    assert "'total_ten-sales-premium'=20;;;0" in perf
    assert "'in_use_ten-ws'" not in perf  # unrestricted: no counter
    limited = check(demo_path, "--free-warn", "20%", "--free-crit", "2").stdout
    assert "'in_use_dfa-user'=12;@12:;@13:;0;15" in limited.splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--free-warn", "x"], "--free-warn"),
        (["--free-warn", "101%"], "from 0% to 100%"),
        (["--free-crit", "-1"], "--free-crit"),
        (["--free-warn", "2", "--free-crit", "3"], "must not be more than --free-warn"),
        (["--full-warn", "2h"], "--full-warn"),
        (["--full-warn", "30"], "--full-warn"),
        (["--maintenance-days", "soon"], "--maintenance-days"),
    ],
)
def test_bad_thresholds_are_unknown_in_one_line(demo_path: Path, args: list[str], fragment: str):
    result = check(demo_path, *args)
    assert result.exit_code == 3, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("LICSCREEN UNKNOWN - ") and fragment in lines[0]
