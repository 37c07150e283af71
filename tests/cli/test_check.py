"""``licscreen check``: one store per condition, with the exit code and status line it gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from licscreen.store import create_store
from tests.kit.cli import NOW, run
from tests.kit.clock import FROZEN

# The demo with every problem put right: a store the check passes.
HEALTHY = [
    "UPDATE module_licence SET total = 30 WHERE name = 'ten-sales-premium'",
    "UPDATE module_licence SET total = 10 WHERE name = 'ten-cs'",
    "UPDATE owner SET expires = '2027-06-01' WHERE name = 'ROUTEPLAN'",
    "UPDATE plan_restriction SET current = 50 WHERE name = 'Active projects'",
    "UPDATE metered_service SET base = 20000000000 WHERE key = 'storage'",
    "UPDATE system_event SET status = 'finished' WHERE status = 'failed'",
]
OK_PERF = "'over_assigned'=0;;0;0 'full'=0;0;;0 'failed_events'=0;0;;0"


def build(tmp_path: Path, *sql: str) -> Path:
    """A demo store on the frozen clock, adjusted with plain SQL."""
    path = tmp_path / "check.db"
    create_store(path, demo=True, now=FROZEN).close()
    with sqlite3.connect(path) as conn:
        for statement in sql:
            conn.execute(statement)
    conn.close()
    return path


def run_check(path: Path | str, *args: str):
    return run("check", "--db", str(path), *NOW, *args)


def first_line(result) -> str:
    return result.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("changes", "code", "line"),
    [
        pytest.param([], 0, "LICSCREEN OK - all checks passed (3 licence owners, 20 licences)",
                     id="healthy"),
        pytest.param(["UPDATE owner SET expires = '2026-12-15' WHERE name = 'ROUTEPLAN'"], 1,
                     "LICSCREEN WARNING - ROUTEPLAN expires in 17 days", id="expiry-warning"),
        pytest.param(["UPDATE owner SET expires = '2026-12-03' WHERE name = 'ROUTEPLAN'"], 2,
                     "LICSCREEN CRITICAL - ROUTEPLAN expires in 5 days", id="expiry-critical"),
        pytest.param(["UPDATE owner SET expires = '2026-11-28' WHERE name = 'ROUTEPLAN'"], 2,
                     "LICSCREEN CRITICAL - ROUTEPLAN expires today", id="expires-today"),
        pytest.param(["UPDATE owner SET expires = '2026-11-20' WHERE name = 'ROUTEPLAN'"], 2,
                     "LICSCREEN CRITICAL - ROUTEPLAN expired 8 days ago", id="expired"),
        pytest.param(["UPDATE module_licence SET total = 20 WHERE name = 'ten-sales-premium'"], 2,
                     "LICSCREEN CRITICAL - 1 licence over-assigned (Sales Premium 22/20)",
                     id="over-assigned"),
        pytest.param(["UPDATE module_licence SET total = 8 WHERE name = 'ten-cs'"], 1,
                     "LICSCREEN WARNING - 1 licence full (Customer Centre 8/8)", id="full"),
        pytest.param(["UPDATE plan_restriction SET current = 85 WHERE name = 'Active projects'"],
                     1, "LICSCREEN WARNING - 1 plan restriction at 85 % or more "
                     "(Active projects 85/100)", id="restriction-85"),
        pytest.param(["UPDATE plan_restriction SET current = 100 WHERE name = 'Active projects'"],
                     2, "LICSCREEN CRITICAL - 1 plan restriction at its limit "
                     "(Active projects 100/100)", id="restriction-100"),
        pytest.param(["UPDATE plan_restriction SET current = 84 WHERE name = 'Active projects'",
                      "UPDATE plan_restriction SET current = 4 WHERE name = 'Custom objects'"],
                     0, "LICSCREEN OK - all checks passed (3 licence owners, 20 licences)",
                     id="under-85-and-not-in-plan"),
        pytest.param(["UPDATE metered_service SET base = 10000000000 WHERE key = 'storage'"], 1,
                     "LICSCREEN WARNING - 1 metered service over its threshold "
                     "(Storage space used 102 %)", id="consumption-over"),
        pytest.param(["UPDATE metered_service SET base = 6000 WHERE key = 'mailings'"], 1,
                     "LICSCREEN WARNING - 1 metered service projected to pass its threshold "
                     "(E-mails sent via mailings 104 %)", id="consumption-projected"),
        pytest.param(["UPDATE system_event SET status = 'failed' "
                      "WHERE event_key = 'Import:kunder-nettbutikk'"], 1,
                     "LICSCREEN WARNING - 1 failed system event (Import:kunder-nettbutikk)",
                     id="failed-event"),
        pytest.param(["UPDATE system_event SET status = 'failed', updated = NULL, "
                      "registered = '2026-11-20 08:00:00' "
                      "WHERE event_key = 'Import:kunder-nettbutikk'"], 0,
                     "LICSCREEN OK - all checks passed (3 licence owners, 20 licences)",
                     id="failed-event-too-old"),
    ],
)
def test_each_condition(tmp_path: Path, changes: list[str], code: int, line: str):
    result = run_check(build(tmp_path, *HEALTHY, *changes))
    assert result.exit_code == code, result.output
    assert first_line(result).split(" | ")[0] == line


def test_a_healthy_store_has_zero_counters_and_ok_details(tmp_path: Path):
    result = run_check(build(tmp_path, *HEALTHY))
    lines = result.stdout.splitlines()
    assert lines[0].endswith(" | " + OK_PERF)
    assert lines[1:4] == [
        "OK: SUPEROFFICE expires in 90 days (2027-02-26)",
        "OK: DOCUFLOW never expires",
        "OK: ROUTEPLAN expires in 185 days (2027-06-01)",
    ]
    assert lines[-1].startswith("| 'expiry_days_SUPEROFFICE'=90;@~:30;@~:7 ")


def test_the_worst_condition_wins_and_leads(demo_path: Path):
    result = run_check(demo_path)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "LICSCREEN CRITICAL - 1 licence over-assigned (Sales Premium 22/20); "
        "ROUTEPLAN expires in 17 days; 1 plan restriction at 85 % or more "
        "(Active projects 87/100); 1 licence full (Customer Centre 8/8); "
        "1 metered service over its threshold (Storage space used 102 %); "
        "1 failed system event (Import:kunder-nettbutikk) | "
        "'over_assigned'=1;;0;0 'full'=1;0;;0 'failed_events'=1;0;;0"
    )
    states = [line.split(":")[0] for line in lines[1:-1]]
    assert states == ["CRITICAL"] + ["WARNING"] * 5 + ["OK"] * 2
    assert lines[1] == ("CRITICAL: Sales Premium (SUPEROFFICE/ten-sales-premium) is "
                        "over-assigned: 22 in use, 20 licences")


def test_performance_data_follows_the_details(demo_path: Path):
    perf = run_check(demo_path).stdout.splitlines()[-1]
    assert perf.startswith("| ")
    for datum in [
        "'expiry_days_SUPEROFFICE'=90;@~:30;@~:7",
        "'expiry_days_ROUTEPLAN'=17;@~:30;@~:7",
        "'restriction_Active projects'=87;@85:;@100:;0;100",
        "'consumption_storage'=30491845293B;30000000000;;0",
        "'consumption_mailings'=24783;40000;;0",
    ]:
        assert datum in perf.split(" | ")[-1].removeprefix("| ")
    assert "DOCUFLOW" not in perf  # it never expires: no figure to graph


def test_thresholds_for_expiry_are_options(demo_path: Path):
    warn = run_check(demo_path, "--warn-days", "100")
    assert "SUPEROFFICE expires in 90 days; ROUTEPLAN expires in 17 days" in first_line(warn)
    crit = run_check(demo_path, "--crit-days", "20")
    assert first_line(crit).startswith(
        "LICSCREEN CRITICAL - 1 licence over-assigned (Sales Premium 22/20); "
        "ROUTEPLAN expires in 17 days; 1 plan restriction")
    assert "CRITICAL: ROUTEPLAN expires in 17 days (2026-12-15)" in crit.stdout


def test_failed_days_widens_the_window(tmp_path: Path):
    path = build(tmp_path, *HEALTHY, "UPDATE system_event SET status = 'failed', updated = NULL, "
                 "registered = '2026-11-20 08:00:00' WHERE event_key = 'Import:kunder-nettbutikk'")
    assert run_check(path, "--failed-days", "10").exit_code == 1


def assert_unknown(result, *fragments: str) -> None:
    assert result.exit_code == 3, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("LICSCREEN UNKNOWN - "), result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]


def test_unreadable_stores_are_unknown(tmp_path: Path):
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n")
    assert_unknown(run_check(junk), str(junk), "not an SQLite database")
    assert_unknown(run_check(tmp_path / "missing.db"), "no store there")
    assert_unknown(run_check(tmp_path), str(tmp_path), "is a folder")


def test_a_store_that_fails_while_read_is_unknown(tmp_path: Path):
    path = build(tmp_path, "DROP TABLE plan_restriction")
    assert_unknown(run_check(path), "cannot read the store", "no such table: plan_restriction")


def test_an_empty_store_is_unknown(tmp_path: Path):
    path = tmp_path / "empty.db"
    create_store(path, demo=False).close()
    assert_unknown(run_check(path), "no licence owners")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--warn-days", "soon"], "--warn-days"),
        (["--crit-days", "-1"], "--crit-days"),
        (["--warn-days", "5", "--crit-days", "10"], "must not be more than --warn-days"),
        (["--now", "yesterday"], "not an ISO date"),
        (["--bogus"], "--bogus"),
    ],
)
def test_usage_errors_are_unknown(demo_path: Path, args: list[str], fragment: str):
    assert_unknown(run_check(demo_path, *args), fragment)


def test_store_text_cannot_break_the_plugin_format(tmp_path: Path):
    path = build(tmp_path, *HEALTHY, "UPDATE module_licence SET total = 8, "
                 "description = 'Centre | x=1' || char(27) || '[31m' WHERE name = 'ten-cs'")
    result = run_check(path)
    assert result.exit_code == 1
    assert first_line(result).startswith(
        "LICSCREEN WARNING - 1 licence full (Centre / x=1␛[31m 8/8)")
    assert "\x1b" not in result.stdout
    assert first_line(result).count("|") == 1


def test_perfdata_labels_are_quoted_and_values_plain():
    from licscreen.checks import Perf

    assert str(Perf("it's=x", 1.5, "1", "", 0)) == "'it''s_x'=1.50;1;;0"
    assert str(Perf("days", 17, "@~:30", "@~:7")) == "'days'=17;@~:30;@~:7"
    assert str(Perf("bytes", 2e10, uom="B")) == "'bytes'=20000000000B"
