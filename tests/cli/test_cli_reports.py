"""``status``, ``licences`` and ``holders`` on the demo store: tables, JSON and CSV.

The JSON formats are pinned here (FIELDS) and must match docs/json-formats.md field for field.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from pathlib import Path

import pytest

from licscreen.store import create_store
from tests.kit.cli import NOW, WIDE, assert_one_line_error, documented_fields, is_a, json_of, run
from tests.kit.clock import FROZEN
from tests.kit.events import EVENT_JSON_FIELDS
from tests.kit.history import TREND_JSON_FIELDS
from tests.kit.installations import INSTALLATIONS_JSON_FIELDS
from tests.kit.licence import LICENCE_JSON_FIELDS
from tests.kit.seats import SEAT_JSON_FIELDS
from tests.kit.superoffice import SYNC_JSON_FIELDS

FIELDS = {
    "status": {
        "format_version": "integer", "now": "moment", "store": "string",
        "installation": "object or null", "owners": "array", "events": "array",
        "consumption": "object",
    },
    "status.installation": {
        "owner": "string", "serial_number": "string", "database_type": "string",
        "role": "string", "logged_in_user": "string or null", "logged_in_name": "string or null",
        "logged_on_now": "array",
        "subscription": "string or null", "plan": "string or null", "currency": "string",
        "is_demo": "boolean", "next_expiry": "date or null", "next_expiry_days": "integer or null",
        "restrictions": "array",
    },
    "status.installation.restrictions[]": {
        "name": "string", "limit": "integer or null", "current": "integer",
        "ratio": "number or null", "level": "string",
    },
    "status.owners[]": {
        "name": "string", "description": "string", "company_name": "string",
        "serial_number": "string", "licence_version": "integer",
        "product_type": "string or null", "product_description": "string or null",
        "expires": "date or null", "days_left": "integer or null", "expiry_level": "string",
        "licences": "object",
    },
    "status.owners[].licences": {
        "count": "integer", "unrestricted": "integer", "in_use": "integer", "total": "integer",
        "over_assigned": "array", "full": "array",
    },
    "status.owners[].licences.over_assigned[]": {
        "name": "string", "description": "string", "in_use": "integer", "total": "integer",
        "free": "integer",
    },
    "status.events[]": {
        "id": "integer", "key": "string", "name": "string", "scope": "string",
        "owner": "string or null", "status": "string", "message": "string",
        "activated": "moment", "activated_by": "string or null", "ends": "moment or null",
        "overdue": "boolean",
    },
    "status.consumption": {
        "month": "string", "currency": "string", "invoice_total": "number",
        "projected_invoice_total": "number", "services": "array",
    },
    "status.consumption.services[]": {
        "key": "string", "name": "string", "unit": "string", "users": "integer",
        "used": "number", "included": "number", "ratio": "number or null", "over": "number",
        "charge": "number", "over_threshold": "boolean", "projected": "number",
        "projected_ratio": "number or null", "projected_over": "number",
        "projected_charge": "number", "projected_over_threshold": "boolean",
    },
    "licences[]": {
        "owner": "string", "name": "string", "description": "string", "type": "string",
        "in_use": "integer", "free": "integer or null", "total": "integer or null",
        "unrestricted": "boolean",
    },
    "holders[]": {
        "owner": "string", "licence": "string", "user_id": "string", "full_name": "string",
        "valid_from": "date or null", "valid_to": "date or null", "comment": "string",
    },
    "users[]": {  # the Users tab's export (w)
        "user_id": "string", "full_name": "string", "group": "string or null",
        "plan": "string or null", "licences": "integer", "last_login": "moment or null",
        "state": "string",
    },
}

FIELDS.update(LICENCE_JSON_FIELDS)  # licscreen licence, documented on the same page
FIELDS.update(EVENT_JSON_FIELDS)  # licscreen events, documented on the same page
FIELDS.update(SYNC_JSON_FIELDS)  # licscreen sync, documented on the same page
FIELDS.update(INSTALLATIONS_JSON_FIELDS)  # licscreen installations, the same page
FIELDS.update(SEAT_JSON_FIELDS)  # assign, reclaim and audit, the same page
FIELDS.update(TREND_JSON_FIELDS)  # licscreen trend, the same page


def samples(demo_path: Path) -> dict[str, list[dict]]:
    status = json_of("status", "--db", str(demo_path), *NOW)
    owners = status["owners"]
    return {
        "status": [status],
        "status.installation": [status["installation"]],
        "status.installation.restrictions[]": status["installation"]["restrictions"],
        "status.owners[]": owners,
        "status.owners[].licences": [o["licences"] for o in owners],
        "status.owners[].licences.over_assigned[]": [
            ref for o in owners for ref in o["licences"]["over_assigned"] + o["licences"]["full"]
        ],
        "status.events[]": status["events"],
        "status.consumption": [status["consumption"]],
        "status.consumption.services[]": status["consumption"]["services"],
        "licences[]": json_of("licences", "--db", str(demo_path)),
        "holders[]": json_of("holders", "rp-planner", "--db", str(demo_path)),
    }


def test_json_formats_are_pinned(demo_path: Path):
    for path, objects in samples(demo_path).items():
        assert objects, path
        for obj in objects:
            assert set(obj) == set(FIELDS[path]), path
            for field, kind in FIELDS[path].items():
                assert is_a(obj[field], kind), (path, field, obj[field])


def test_the_documentation_lists_every_field_with_its_type():
    assert documented_fields() == FIELDS


def test_status_json_on_the_demo(demo_path: Path):
    status = json_of("status", "--db", str(demo_path), *NOW)
    assert status["now"] == "2026-11-28T09:00:00Z" and status["format_version"] == 1
    assert status["installation"]["next_expiry"] == "2026-12-15"
    assert status["installation"]["next_expiry_days"] == 17
    days = {o["name"]: (o["days_left"], o["expiry_level"]) for o in status["owners"]}
    assert days == {"SUPEROFFICE": (90, "normal"), "DOCUFLOW": (None, "normal"),
                    "ROUTEPLAN": (17, "warning")}
    superoffice = status["owners"][0]["licences"]
    assert superoffice["over_assigned"] == [{"name": "ten-sales-premium",
                                             "description": "Sales Premium",
                                             "in_use": 22, "total": 20, "free": -2}]
    assert [ref["name"] for ref in superoffice["full"]] == ["ten-cs"]
    assert {e["status"] for e in status["events"]} == {"active", "running"}
    assert status["events"][0]["key"] == "UDefRebuild"
    levels = {r["name"]: r["level"] for r in status["installation"]["restrictions"]}
    assert levels["Active projects"] == "warning" and levels["Custom objects"] == "normal"
    storage = status["consumption"]["services"][0]
    assert storage["key"] == "storage" and storage["over_threshold"] is True
    assert status["consumption"]["month"] == "2026-11"
    assert status["consumption"]["invoice_total"] == 1.23


def test_status_table_on_the_demo(demo_path: Path):
    result = run("status", "--db", str(demo_path), *NOW, env=WIDE)
    assert result.exit_code == 0
    out = result.stdout
    for fragment in ["Licence owners", "ROUTEPLAN", "17 days left", "never", "7391046285",
                     "87 of 100", "not in plan", "Sales Premium 22/20", "Customer Centre 8/8",
                     "Free-text index rebuild", "Storage space used", "102 %",
                     "Invoice so far: NOK 1.23"]:
        assert fragment in out, fragment
    assert "\x1b" not in out


def test_status_of_an_empty_store(tmp_path: Path):
    path = tmp_path / "empty.db"
    create_store(path, demo=False).close()
    status = json_of("status", "--db", str(path), *NOW)
    assert status["installation"] is None and status["owners"] == [] and status["events"] == []
    assert run("status", "--db", str(path), *NOW).exit_code == 0


def test_licences_in_every_form(demo_path: Path):
    rows = json_of("licences", "--db", str(demo_path))
    assert len(rows) == 20 and rows[0]["owner"] == "SUPEROFFICE"
    by_name = {row["name"]: row for row in rows}
    assert by_name["ten-sales-premium"] == {
        "owner": "SUPEROFFICE", "name": "ten-sales-premium", "description": "Sales Premium",
        "type": "user", "in_use": 22, "free": -2, "total": 20, "unrestricted": False}
    assert by_name["ten-ws"]["total"] is None and by_name["ten-ws"]["free"] is None
    assert "user" not in by_name  # hidden
    table = csv.DictReader(io.StringIO(run("licences", "--csv", "--db", str(demo_path)).stdout))
    assert table.fieldnames == list(FIELDS["licences[]"])
    csv_rows = list(table)
    assert len(csv_rows) == 20
    assert {k: csv_rows[1][k] for k in ("name", "free", "total", "unrestricted")} == {
        "name": "ten-ws", "free": "", "total": "", "unrestricted": "true"}
    out = run("licences", "--db", str(demo_path), env=WIDE).stdout
    assert "RoutePlan Field Service (ROUTEPLAN)" in out and "unrestricted" in out
    assert re.search(r"Sales Premium\s+ten-sales-premium\s+user\s+22\s+-2\s+20", out)


def test_licences_of_one_owner(demo_path: Path):
    rows = json_of("licences", "--owner", "routeplan", "--db", str(demo_path))
    assert [row["name"] for row in rows] == ["rp-maps", "rp-planner", "rp-tech"]


def test_bad_input_is_one_line(demo_path: Path, tmp_path: Path):
    db = ("--db", str(demo_path))
    assert_one_line_error(run("licences", "--owner", "ACME", *db), "'ACME'", "ROUTEPLAN")
    assert_one_line_error(run("licences", "--json", "--csv", *db), "--json and --csv")
    assert_one_line_error(run("holders", "nope", *db), "unknown licence 'nope'")
    assert_one_line_error(run("holders", "Sales Premium", *db),
                          "unknown licence 'Sales Premium'", "SUPEROFFICE/ten-sales-premium")
    assert_one_line_error(run("status", "--db", str(tmp_path / "none.db"), *NOW), "no store there")
    junk = tmp_path / "junk.db"
    junk.write_text("junk")
    assert_one_line_error(run("status", "--json", "--db", str(junk), *NOW),
                          "not an SQLite database")


def test_a_store_that_fails_while_read_is_one_line(tmp_path: Path):
    path = tmp_path / "broken.db"
    create_store(path, demo=True, now=FROZEN).close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE plan_restriction")
    conn.close()
    assert_one_line_error(run("status", "--json", "--db", str(path), *NOW), "cannot read the store")


def test_holders_in_every_form(demo_path: Path):
    db = ("--db", str(demo_path))
    rows = json_of("holders", "ROUTEPLAN/rp-planner", *db)
    assert [row["user_id"] for row in rows] == ["HANNEV", "KNUTA"]
    assert rows[1]["comment"] == "Planlegger rutene for Vestland"
    assert len(json_of("holders", "TEN-SALES-PREMIUM", *db)) == 22
    assert len(json_of("holders", "user", *db)) == 40  # hidden licences can be audited too
    table = list(csv.reader(io.StringIO(run("holders", "rp-planner", "--csv", *db).stdout)))
    assert table[0] == list(FIELDS["holders[]"])
    assert table[2] == ["ROUTEPLAN", "rp-planner", "KNUTA", "Knut Aasen", "2025-12-15", "",
                        "Planlegger rutene for Vestland"]
    out = run("holders", "ten-cs", *db, env=WIDE).stdout
    assert "Customer Centre (SUPEROFFICE/ten-cs) · 8 in use of 8" in out
    assert "Øyvind Halvorsen" in out


def test_an_ambiguous_code_name_asks_for_the_owner(demo_path: Path):
    with sqlite3.connect(demo_path) as conn:
        conn.execute("INSERT INTO module_licence (owner, name, description, licence_type, total)"
                     " VALUES ('ROUTEPLAN', 'ten-cs', 'Route centre', 3, 5)")
    conn.close()
    assert_one_line_error(run("holders", "ten-cs", "--db", str(demo_path)),
                          "ambiguous", "SUPEROFFICE/ten-cs", "ROUTEPLAN/ten-cs")
    assert json_of("holders", "routeplan/ten-cs", "--db", str(demo_path)) == []


def test_store_text_is_data_never_markup(demo_path: Path):
    evil = "[bold red]Sales[/] Premium\x1b[2J"
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE module_licence SET description = ? WHERE name = 'ten-sales-premium'",
                     (evil,))
    conn.close()
    db = ("--db", str(demo_path))
    colour = {**WIDE, "FORCE_COLOR": "1"}
    for args in [("status", *NOW), ("licences",), ("holders", "ten-sales-premium")]:
        out = run(*args, *db, env=colour).stdout
        assert "[bold red]Sales[/] Premium" in strip_sgr(out), args
        assert "\x1b[2J" not in out
    assert "\x1b" not in run("licences", "--csv", *db).stdout
    rows = json_of("licences", *db)
    assert "\x1b" not in run("licences", "--json", *db).stdout
    assert evil in [row["description"] for row in rows]  # JSON keeps the text exactly


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def strip_sgr(text: str) -> str:
    return SGR.sub("", text)


def colour_codes(text: str) -> list[str]:
    """The SGR parameters that set a colour (30-49, 90-107), not bold or dim."""
    found = []
    for params in SGR.findall(text):
        for param in filter(None, params.split(";")):
            if 30 <= int(param) <= 49 or 90 <= int(param) <= 107:
                found.append(param)
    return found


@pytest.mark.parametrize("args", [("status", *NOW), ("licences",),
                                  ("holders", "ten-sales-premium")])
def test_no_escape_codes_off_a_terminal_and_no_colour_with_no_color(demo_path: Path, args):
    db = ("--db", str(demo_path))
    assert "\x1b" not in run(*args, *db, env=WIDE).stdout  # CliRunner's stdout is no tty
    assert colour_codes(run(*args, *db, env={**WIDE, "FORCE_COLOR": "1"}).stdout)
    no_color = run(*args, *db, env={**WIDE, "FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert colour_codes(no_color) == []


def test_every_holder_is_read_however_many_pages(demo_store):
    from licscreen.store.summary import all_holders, find_licences

    (licence,) = find_licences(demo_store, "ten-sales-premium")
    assert all_holders(demo_store, licence.id, page=5) == demo_store.holders(licence.id, limit=100)
    assert len(all_holders(demo_store, licence.id, page=22)) == 22


def complete(words: str, env: dict | None = None) -> list[str]:
    """What click's bash completion offers for the last of ``words``."""
    parts = words.split(" ")
    env = {"_LICSCREEN_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(parts) - 1), **(env or {})}
    result = run(env=env, catch_exceptions=True)
    assert result.exit_code == 0, result.output
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


def test_shell_completion_offers_commands_and_names_from_the_store(demo_path: Path):
    assert {"status", "licences", "holders", "check"} <= set(complete("licscreen "))
    db = f"--db {demo_path}"
    assert complete(f"licscreen holders {db} ten-sales-p") == ["ten-sales-premium"]
    assert complete(f"licscreen {db} holders routeplan/rp-p") == ["ROUTEPLAN/rp-planner"]
    assert complete("licscreen licences --owner d", {"LICSCREEN_DB": str(demo_path)}) == [
        "DOCUFLOW"]
    assert "--warn-days" in complete("licscreen check --")
    assert complete("licscreen holders --db /nonexistent/x.db ten") == []
