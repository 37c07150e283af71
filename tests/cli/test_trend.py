"""``licscreen trend``: the demo's year of seat history, by day and licence, and its refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.kit.cli import NOW, WIDE, assert_one_line_error, is_a, run
from tests.kit.faults import dump_hash
from tests.kit.history import TREND_JSON_FIELDS


def trend(demo_path: Path, *args: str):
    return run("trend", "--db", str(demo_path), *NOW, *args, env=WIDE)


def test_json_is_one_documented_row_per_day_and_licence(demo_path: Path):
    result = trend(demo_path, "ten-cs", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert result.stdout == json.dumps(rows, indent=2, sort_keys=True) + "\n"  # as write_json
    assert len(rows) == 365
    assert [rows[0]["day"], rows[-1]["day"]] == ["2025-11-29", "2026-11-28"]
    for row in rows:
        assert set(row) == set(TREND_JSON_FIELDS["trend[]"])
        assert all(is_a(row[k], kind) for k, kind in TREND_JSON_FIELDS["trend[]"].items())
    totals = sorted({(r["total"], r["day"] >= "2026-06-21") for r in rows})
    assert totals == [(6, False), (8, True)]  # raised by an activation 160 days back
    assert rows[-1] == {"owner": "SUPEROFFICE", "licence": "ten-cs",
                        "description": "Customer Centre", "day": "2026-11-28", "in_use": 8,
                        "total": 8, "free": 0}


def test_csv_and_every_licence_and_fewer_days(demo_path: Path):
    result = trend(demo_path, "--days", "2", "--csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "owner,licence,description,day,in_use,total,free"
    assert len(lines) == 1 + 2 * 20  # the 20 licences the admin screen lists
    assert "SUPEROFFICE,ten-sales-premium,Sales Premium,2026-11-28,22,20,-2" in lines
    assert "SUPEROFFICE,ten-ws,Online Web Services,2026-11-28,0,," in lines  # unrestricted


def test_people_get_a_sparkline_and_the_forecast(demo_path: Path):
    result = trend(demo_path)
    assert result.exit_code == 0, result.output
    lines = {line.split("  ")[0].strip(): line for line in result.stdout.splitlines()}
    assert "over-assigned since 04 Nov" in lines["Sales Premium"]
    assert "full since 30 Aug" in lines["Customer Centre"]
    assert "full in about" in lines["Archive User"]
    assert "falling" in lines["Windows App"] and "steady" in lines["Satellite"]
    assert "▂▂▃▃▃▃▃▄▄▄▄▄▅▅▅▅▅▆▆▆▆▆▆▆" in lines["Archive User"]  # 4 to 12 of 15 in a year


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["no-such-licence"], ["unknown licence 'no-such-licence'"]),
        (["Sales Premium"], ["unknown licence", "SUPEROFFICE/ten-sales-premium"]),
        (["--days", "0"], ["--days", "1 to 3660"]),
        (["--days", "4000"], ["--days"]),
        (["--days", "1y"], ["--days"]),
        (["--json", "--csv"], ["--json and --csv"]),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(demo_path: Path, args: list[str],
                                                  fragments: list[str]):
    before = dump_hash(demo_path)
    assert_one_line_error(trend(demo_path, *args), *fragments)
    assert dump_hash(demo_path) == before
