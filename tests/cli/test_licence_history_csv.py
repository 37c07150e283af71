"""``licscreen licence history --csv``: a row per licence whose total an activation changed, the
holders it removed from that licence beside it; an activation that changed no total, one row
with the licence's columns empty; text neutralised against formulas (docs/json-formats.md)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from licscreen.licence.shapes import HISTORY_CSV_FIELDS
from tests.kit.cli import assert_one_line_error, json_of, run
from tests.kit.licence import two_activations
from tests.kit.strict import set_column


def history_csv(path: Path, *options: str) -> tuple[str, list[dict[str, str]]]:
    result = run("licence", "history", "--csv", "--db", str(path), *options)
    assert result.exit_code == 0, result.output
    return result.stdout, list(csv.DictReader(io.StringIO(result.stdout)))


def test_a_row_per_changed_licence_and_one_for_an_activation_that_changed_none(demo_path):
    two_activations(demo_path)
    out, rows = history_csv(demo_path)
    assert out.splitlines()[0] == ",".join(HISTORY_CSV_FIELDS)
    docuflow, *superoffice = rows  # newest first, as --json
    assert docuflow["owner"] == "DOCUFLOW" and docuflow["automatic"] == "true"
    assert all(docuflow[field] == "" for field in HISTORY_CSV_FIELDS[10:])
    assert int(docuflow["licence_version"]) == int(docuflow["old_version"]) + 1
    entries = json_of("licence", "history", "--db", str(demo_path))
    modules = entries[1]["changes"]["modules"]
    assert [r["licence"] for r in superoffice] == [m["name"] for m in modules]
    assert {r["id"] for r in superoffice} == {str(entries[1]["id"])}
    assert all(r["automatic"] == "false" and r["activated_by"] == "ADMIN"
               and r["activated_at"] == "2026-11-28T09:00:00Z" for r in superoffice)
    removed = {r["licence"]: r["removed_holders"] for r in superoffice}
    assert removed.pop("ten-marketing-essentials") == "IDAS VILDEA"
    assert set(removed.values()) == {""}
    lowered = next(r for r in superoffice if r["licence"] == "ten-marketing-essentials")
    assert (lowered["kind"], lowered["old_total"], lowered["new_total"], lowered["in_use"]) == (
        "lowered", "6", "3", "3")
    assert history_csv(demo_path, "--owner", "docuflow")[1] == [docuflow]


def test_a_formula_in_the_history_is_neutralised_and_json_and_csv_together_refused(demo_path):
    two_activations(demo_path)
    set_column(demo_path, "UPDATE licence_activation SET activated_by = ?", "=1+1")
    out, rows = history_csv(demo_path)
    assert {r["activated_by"] for r in rows} == {"'=1+1"}
    assert '"\'=1+1"' in out
    assert {e["activated_by"] for e in json_of("licence", "history", "--db", str(demo_path))} == {
        "=1+1"}
    result = run("licence", "history", "--csv", "--json", "--db", str(demo_path))
    assert result.exit_code == 2
    assert_one_line_error(result, "--json and --csv")


def test_an_empty_history_is_the_header_alone(demo_path):
    assert history_csv(demo_path) == (",".join(HISTORY_CSV_FIELDS) + "\n", [])
