"""``licscreen usage``: the report in JSON, CSV and tables, and ``usage import`` of a CSV file.

Every bad file is refused with one line naming the line and what is wrong, exit code 2, and
the store exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from licscreen.cli.formats import USAGE_CSV_FIELDS
from licscreen.store import Store, create_store
from tests.kit.cli import DOCS, NOW, run
from tests.kit.clock import FROZEN


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.db"
    create_store(path, demo=True, now=FROZEN).close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """The demo store, copied for each test (quicker than building it each time)."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    return path


def usage_json(path: Path, *args: str) -> list[dict]:
    result = run("usage", "--db", str(path), "--json", *NOW, *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def dump(path: Path) -> list[str]:
    """Everything the store holds, as SQL, read through a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


# The report


def test_json_of_this_month_is_the_consumption_that_status_gives(demo_path: Path):
    months = usage_json(demo_path)
    status = run("status", "--db", str(demo_path), "--json", *NOW)
    assert [m["month"] for m in months] == ["2026-11"]
    assert months[0] == json.loads(status.stdout)["consumption"]
    storage = months[0]["services"][0]
    assert storage["key"] == "storage" and storage["over_threshold"] is True
    assert months[0]["invoice_total"] == 1.23


def test_json_of_several_months_across_the_year(demo_path: Path):
    months = usage_json(demo_path, "--month", "2026-03", "--months", "5")
    assert [m["month"] for m in months] == [
        "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    march = months[-1]
    mailings = next(s for s in march["services"] if s["key"] == "mailings")
    assert mailings["used"] == 53_231 and mailings["included"] == 20_000 + 500 * 36
    assert mailings["over"] == 15_231 and mailings["charge"] == pytest.approx(761.55)
    assert march["invoice_total"] == march["projected_invoice_total"] == pytest.approx(761.55)
    assert mailings["projected"] == mailings["used"]  # a closed month is not projected


def test_csv_has_a_row_per_month_and_service(demo_path: Path):
    result = run("usage", "--db", str(demo_path), "--csv", "--months", "2", *NOW)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == USAGE_CSV_FIELDS
    assert len(rows) == 10 and {r["month"] for r in rows} == {"2026-10", "2026-11"}
    assert rows[0]["currency"] == "NOK" and rows[0]["over_threshold"] in ("true", "false")


def test_the_documentation_lists_the_csv_columns_in_order():
    text = (DOCS / "json-formats.md").read_text(encoding="utf-8")
    section = text[text.index("## `licscreen usage --json` and `--csv`"):]
    listed = section[section.index("`--csv` writes one row"):
                     section.index("`licscreen usage import")]
    assert re.findall(r"`(\w+)`", listed) == USAGE_CSV_FIELDS


def test_the_table_for_people(demo_path: Path):
    result = run("usage", "--db", str(demo_path), "--months", "2", *NOW, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    out = result.stdout
    for fragment in ["October 2026 · 39 users", "November 2026 · so far (91 % of the month)",
                     "E-mails sent via mailings", "30.5 GB", "102 %", "492 MB",
                     "Invoice total: NOK 1.73", "Invoice so far: NOK 1.23",
                     "Projected at this month's rate so far"]:
        assert fragment in out, fragment
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b" not in out


def test_a_store_without_services(tmp_path: Path):
    path = tmp_path / "empty.db"
    create_store(path, demo=False).close()
    assert usage_json(path) == [{"month": "2026-11", "currency": "", "invoice_total": 0,
                                 "projected_invoice_total": 0, "services": []}]
    result = run("usage", "--db", str(path), *NOW)
    assert result.exit_code == 0 and "no metered services" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--month", "2026-3"], "--month: '2026-3' is not YYYY-MM"),
    (["--month", "2026-13"], "--month: '2026-13' is not YYYY-MM"),
    (["--json", "--csv"], "--json and --csv cannot be used together"),
])
def test_bad_report_options(demo_path: Path, args, message):
    result = run("usage", "--db", str(demo_path), *args)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"licscreen: {message}"


# Importing


def write(tmp_path: Path, text: str, name: str = "usage.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_adds_and_replaces_rows(demo_path: Path, tmp_path: Path):
    path = write(tmp_path, "service,month,amount,users\n"
                           "mailings,2026-11,61000,41\n"
                           "chat-sessions,2026-12,12,41\n"
                           "\n"
                           "storage,2026-12,31000000000,41\n")
    result = run("usage", "import", str(path), "--db", str(demo_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (f"Imported 3 usage rows from {path} (2026-11 to 2026-12): "
                                     f"2 added, 1 replaced. (store: {demo_path})")
    store = Store.open(demo_path)
    try:
        mail = {u.month: u for u in store.usage("mailings")}
        assert (mail["2026-11"].amount, mail["2026-11"].users) == (61_000, 41)
        assert store.usage("storage")[-1].month == "2026-12"
    finally:
        store.close()
    november = usage_json(demo_path)[0]
    mailings = next(s for s in november["services"] if s["key"] == "mailings")
    assert mailings["over_threshold"] is True and mailings["included"] == 40_500


def test_import_from_standard_input_with_the_columns_in_another_order(demo_path: Path):
    text = "Month, Users, Service, Amount\r\n2026-10,39,form-submissions,2500\r\n"
    result = run("--db", str(demo_path), "usage", "import", "-", stdin=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Imported 1 usage row from <standard input> (2026-10): "
                             f"0 added, 1 replaced. (store: {demo_path})\n")
    forms = usage_json(demo_path, "--month", "2026-10")[0]["services"][-1]
    assert forms["used"] == 2500 and forms["over_threshold"] is True


def test_a_byte_order_mark_from_a_spreadsheet_is_fine(demo_path: Path, tmp_path: Path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfservice,month,amount,users\nmailings,2026-12,5,41\n")
    assert run("usage", "import", str(path), "--db", str(demo_path)).exit_code == 0


BAD_ROWS = [
    ("unknown service", "mailing,2026-11,100,40",
     "line 3: unknown service 'mailing' (known: storage, mailings, customer-centre-logins, "
     "chat-sessions, form-submissions)"),
    ("month out of range", "mailings,2026-13,100,40", "line 3: month '2026-13' is not YYYY-MM"),
    ("month with a slash", "mailings,2026/11,100,40", "line 3: month '2026/11' is not YYYY-MM"),
    ("month without a year", "mailings,11,100,40", "line 3: month '11' is not YYYY-MM"),
    ("negative amount", "mailings,2026-11,-5,40", "line 3: amount -5 is negative"),
    ("amount not a number", "mailings,2026-11,lots,40", "line 3: amount 'lots' is not a number"),
    ("amount with a separator", 'mailings,2026-11,"24,783",40',
     "line 3: amount '24,783' is not a number"),
    ("amount missing", "mailings,2026-11,,40", "line 3: amount '' is not a number"),
    ("amount infinite", "mailings,2026-11,inf,40", "line 3: amount 'inf' is not a number"),
    ("part of an e-mail", "mailings,2026-11,2.5,40",
     "line 3: amount 2.5 is not a whole number (the service counts)"),
    ("negative users", "mailings,2026-11,100,-1",
     "line 3: users '-1' is not a whole number of 0 or more"),
    ("users not a number", "mailings,2026-11,100,many",
     "line 3: users 'many' is not a whole number of 0 or more"),
    ("too few fields", "mailings,2026-11,100", "line 3: expected 4 fields, found 3"),
    ("too many fields", "mailings,2026-11,100,40,x", "line 3: expected 4 fields, found 5"),
    ("the same month twice", "storage,2026-11,1,40",
     "line 3: storage 2026-11 is already on line 2"),
]


@pytest.mark.parametrize(("row", "message"), [(r, m) for _kind, r, m in BAD_ROWS],
                         ids=[kind for kind, _r, _m in BAD_ROWS])
def test_a_bad_row_is_named_and_nothing_is_saved(demo_path: Path, tmp_path: Path, row, message):
    path = write(tmp_path, f"service,month,amount,users\nstorage,2026-11,40000000000,40\n{row}\n"
                           "mailings,2026-12,10,40\n")
    before, before_bytes = dump(demo_path), demo_path.read_bytes()
    result = run("usage", "import", str(path), "--db", str(demo_path))
    assert result.exit_code == 2
    assert result.stderr == f"licscreen: {path}, {message}\n"
    assert result.stdout == ""
    assert dump(demo_path) == before
    assert demo_path.read_bytes() == before_bytes


@pytest.mark.parametrize(("text", "message"), [
    ("", "{path}: empty (expected the header service,month,amount,users)"),
    ("service,month,amount,users\n\n", "{path}: no usage rows after the header"),
    ("service,month,amount\nmailings,2026-11,5\n",
     "{path}, line 1: the header must name the columns service,month,amount,users "
     "(found: service,month,amount)"),
    ("service,month,amount,users,note\n",
     "{path}, line 1: the header must name the columns service,month,amount,users "
     "(found: service,month,amount,users,note)"),
    ("mailings,2026-11,100,40\n",
     "{path}, line 1: the header must name the columns service,month,amount,users "
     "(found: mailings,2026-11,100,40)"),
])
def test_a_bad_file_is_refused(demo_path: Path, tmp_path: Path, text, message):
    path = write(tmp_path, text)
    before = dump(demo_path)
    result = run("usage", "import", str(path), "--db", str(demo_path))
    assert result.exit_code == 2
    assert result.stderr == f"licscreen: {message.format(path=path)}\n"
    assert dump(demo_path) == before


def test_a_file_that_is_not_text_or_not_there(demo_path: Path, tmp_path: Path):
    binary = tmp_path / "usage.xlsx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00")
    result = run("usage", "import", str(binary), "--db", str(demo_path))
    assert result.exit_code == 2 and result.stderr == f"licscreen: {binary}: not UTF-8 text\n"
    missing = tmp_path / "nope.csv"
    result = run("usage", "import", str(missing), "--db", str(demo_path))
    assert result.exit_code == 2 and result.stderr == f"licscreen: {missing}: no such file\n"


def test_import_needs_a_store_and_takes_no_report_options(demo_path: Path, tmp_path: Path):
    path = write(tmp_path, "service,month,amount,users\nmailings,2026-12,10,40\n")
    result = run("usage", "import", str(path), "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "no store there" in result.stderr
    result = run("usage", "--json", "import", str(path), "--db", str(demo_path))
    assert result.exit_code == 2
    assert "for the report, not for 'usage import'" in result.stderr
