"""assign, unassign, reassign, reclaim and audit from the command line: what a script sees,
each refusal one line with exit code 2 and the store unchanged, and the JSON documented."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from licscreen.store import Store
from tests.kit.cli import NOW, WIDE, assert_one_line_error, is_a, run
from tests.kit.faults import dump_hash
from tests.kit.seats import SEAT_JSON_FIELDS, holdings, tamper


def lic(*args: str):
    return run(*args, *NOW, env=WIDE)


def held(path: Path, user: str) -> set[str]:
    store = Store.open(path)
    try:
        return holdings(store, user)
    finally:
        store.close()


def fields_hold(objects: list[dict], section: str) -> None:
    for obj in objects:
        assert set(obj) == set(SEAT_JSON_FIELDS[section]), section
        for name, kind in SEAT_JSON_FIELDS[section].items():
            assert is_a(obj[name], kind), (section, name, obj[name])


def test_assign_then_unassign(demo_path: Path):
    db = str(demo_path)
    result = lic("assign", "windows", "sofiek", "--db", db)
    assert result.exit_code == 0, result.output
    assert "+ SOFIEK: Windows App (SUPEROFFICE/windows)" in result.stdout
    assert "Standard CRM User (SUPEROFFICE/user) (comes with it)" in result.stdout
    assert held(demo_path, "SOFIEK") == {"windows", "user"}
    result = lic("unassign", "SUPEROFFICE/windows", "SOFIEK", "--db", db)
    assert result.exit_code == 0 and held(demo_path, "SOFIEK") == set()


def test_dry_run_says_what_would_change_as_documented(demo_path: Path):
    before = dump_hash(demo_path)
    result = lic("reassign", "NORAL", "--from", "ten-sales-premium", "--to",
                 "ten-sales-essentials", "--dry-run", "--json", "--db", str(demo_path))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    fields_hold([data], "seats")
    fields_hold(data["changes"], "seats.changes[]")
    assert data["dry_run"] is True
    assert [(c["action"], c["licence"]) for c in data["changes"]] == [
        ("unassign", "ten-sales-premium"), ("assign", "ten-sales-essentials"),
        ("unassign", "ten-mailing")]
    assert dump_hash(demo_path) == before


@pytest.mark.parametrize(("args", "fragments"), [
    (("assign", "ten-sales-premium", "SOFIEK"), ("no free seat on Sales Premium",)),
    (("assign", "outlook-sync", "SOFIEK"), ("lacks Windows App",)),
    (("assign", "user", "SOFIEK"), ("hidden",)),
    (("assign", "ten-marketing-essentials", "NORAL"), ("already holds the user plan",)),
    (("assign", "windows", "ANNEH"), ("ANNEH is retired",)),
    (("assign", "windows", "SOFIEK", "NOBODY"), ("no user 'NOBODY'",)),
    (("assign", "nope", "SOFIEK"), ("unknown licence 'nope'",)),
    (("unassign", "windows", "SOFIEK"), ("SOFIEK does not hold Windows App",)),
    (("reassign", "NORAL", "--from", "windows", "--to", "ten-sales-essentials"),
     ("NORAL does not hold Windows App",)),
    (("reclaim", "--licence", "nope", "--apply"), ("unknown licence",)),
])
def test_refusals_are_one_line_and_change_nothing(demo_path: Path, args, fragments):
    before = dump_hash(demo_path)
    assert_one_line_error(lic(*args, "--db", str(demo_path)), *fragments)
    assert dump_hash(demo_path) == before


def test_reclaim_dry_run_then_apply(demo_path: Path):
    db = str(demo_path)
    before = dump_hash(demo_path)
    result = lic("reclaim", "--db", db)
    assert result.exit_code == 0, result.output
    assert "last login: 204 days ago" in result.stdout and "never" in result.stdout
    assert "--apply frees these 16 seats" in result.stdout
    assert dump_hash(demo_path) == before
    data = json.loads(lic("reclaim", "--retired", "--json", "--db", db).stdout)
    fields_hold([data], "reclaim")
    fields_hold(data["holders"], "reclaim.holders[]")
    fields_hold(data["freed"], "reclaim.freed[]")
    assert {h["user_id"] for h in data["holders"]} == {"ANNEH", "MARIAB"}
    rows = list(csv.DictReader(io.StringIO(
        lic("reclaim", "--inactive", "200d", "--csv", "--db", db).stdout)))
    assert {r["user_id"] for r in rows} == {"ANNEH", "GEIRF", "LARSK", "STIANM", "THEAR"}
    result = lic("reclaim", "--no-login", "--apply", "--db", db)
    assert result.exit_code == 0 and "Freed 9 seats." in result.stdout  # retired ones too
    assert held(demo_path, "PETTERH") == set()


def test_every_change_is_in_the_audit_trail_and_verify_finds_tampering(demo_path: Path,
                                                                      monkeypatch):
    db = str(demo_path)
    monkeypatch.setenv("SSH_CONNECTION", "198.51.100.7 40000 192.0.2.1 22")
    assert lic("assign", "windows", "SOFIEK", "--db", db).exit_code == 0
    assert lic("reclaim", "--retired", "--apply", "--db", db).exit_code == 0
    assert run("events", "add", "--type", "no-login", "--scope", "user:SOFIEK", "--message",
               "Not yet", "--db", db
               ).exit_code == 0
    entries = json.loads(lic("audit", "--json", "--db", db).stdout)
    fields_hold(entries, "audit[]")
    fields_hold([c for e in entries for c in e["changes"]], "audit[].changes[]")
    assert [e["command"] for e in entries] == ["licscreen events add", "licscreen reclaim",
                                               "licscreen assign"]
    assert {e["client"] for e in entries} == {"198.51.100.7"}
    assert entries[-1]["changes"][0] == {"subject": "SOFIEK: SUPEROFFICE/windows",
                                         "before": "not held", "after": "held"}
    assert lic("audit", "--since", "7d", "--json", "--db", db).stdout == \
        lic("audit", "--json", "--db", db).stdout
    result = run("audit", "verify", "--db", db)
    assert result.exit_code == 0 and "3 entries" in result.stdout
    tamper(demo_path, "UPDATE audit SET changes = replace(changes, 'SOFIEK', 'KARI')")
    assert_one_line_error(run("audit", "verify", "--db", db), "entry 1 was changed")


def test_audit_csv_neutralises_formulas(demo_path: Path):
    db = str(demo_path)
    tamper(demo_path, "UPDATE user SET full_name = '=HYPERLINK(1)' WHERE user_id = 'SOFIEK'")
    assert lic("assign", "windows", "SOFIEK", "--db", db).exit_code == 0
    text = lic("audit", "--csv", "--db", db).stdout
    assert text.splitlines()[0] == "id,at,os_user,client,command,subject,before,after"
    seats = lic("reclaim", "--csv", "--db", db).stdout
    assert "=HYPERLINK" not in seats or "'=HYPERLINK" in seats
