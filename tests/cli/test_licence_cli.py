"""The update flow from the command line: load, pending, activate with removals, history, trust,
and ``demo licence``."""

from __future__ import annotations

import json
from pathlib import Path

from licscreen.licence.fileformat import b64
from licscreen.licence.signing import raw_public_key
from licscreen.licence.state import history, trust
from licscreen.store import Store, create_store
from licscreen.store.models import SUPEROFFICE
from tests.kit import cli
from tests.kit.cli import NOW, WIDE, json_of
from tests.kit.licence import digest, vendor_key


def run(*args: str):
    """``licscreen ARGS`` 200 columns wide, at the frozen moment for the commands that take it."""
    timed = args[:2] in {("licence", "load"), ("licence", "activate"), ("licence", "trust"),
                         ("demo", "licence")}
    return cli.run(*args, *(NOW if timed else ()), env=WIDE)


def write_demo(path: Path, out: Path, *options: str) -> Path:
    result = run("demo", "licence", "--db", str(path), "--out", str(out), *options)
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    return out


def totals(path: Path) -> dict[str, tuple[int, int]]:
    store = Store.open(path)
    try:
        return {lic.name: (lic.total, lic.in_use)
                for lic in store.licences(SUPEROFFICE, include_hidden=True)}
    finally:
        store.close()


def test_a_licence_that_over_assigns_nothing_is_activated_at_once(demo_path: Path, tmp_path):
    file = write_demo(demo_path, tmp_path / "new.json", "--no-lower")
    result = run("licence", "load", str(file), "--db", str(demo_path))
    assert result.exit_code == 0, result.output
    assert "New licence activated." in result.stdout
    assert "SuperOffice: licence version 14 → 15" in result.stdout
    assert "Sales Premium" in result.stdout and "20 → 24" in result.stdout
    assert totals(demo_path)["ten-sales-premium"] == (24, 22)
    assert json_of("licence", "pending", "--db", str(demo_path)) == []
    entries = json_of("licence", "history", "--db", str(demo_path))
    assert len(entries) == 1 and entries[0]["automatic"] is True
    assert entries[0]["activated_by"] == "ADMIN" and entries[0]["licence_version"] == 15
    assert entries[0]["activated_at"] == "2026-11-28T09:00:00Z"
    modules = entries[0]["changes"]["modules"]
    changed = {m["name"]: (m["old_total"], m["new_total"]) for m in modules}
    assert changed == {"ten-cs": (8, 10), "ten-sales-premium": (20, 24)}


def test_over_assigned_waits_then_removals_and_activation(demo_path: Path, tmp_path: Path):
    file = write_demo(demo_path, tmp_path / "new.json")
    before = totals(demo_path)
    result = run("licence", "load", str(file), "--db", str(demo_path))
    assert result.exit_code == 0
    assert "waits for activation" in result.stdout
    assert "--remove ten-marketing-essentials=USERID" in result.stdout
    assert totals(demo_path) == before  # nothing applied yet
    waiting = json_of("licence", "pending", "--db", str(demo_path))
    assert len(waiting) == 1 and waiting[0]["licence_version"] == 15
    over = [m for m in waiting[0]["changes"]["modules"] if m["over_assigned"]]
    assert [(m["name"], m["free_after"], m["must_remove"]) for m in over] == [
        ("ten-marketing-essentials", -2, 2)]

    # Still over-assigned with one removal: refused, nothing changes.
    stamp = digest(demo_path)
    result = run("licence", "activate", "--db", str(demo_path),
                 "--remove", "ten-marketing-essentials=HENRIKW")
    assert result.exit_code == 2
    assert "Marketing Essentials would still be over-assigned" in result.stderr
    assert "remove 1 more" in result.stderr
    assert digest(demo_path) == stamp
    # A user who does not hold it, or a licence that is not over-assigned: refused too.
    for removal, message in (("ten-marketing-essentials=ADMIN", "ADMIN does not hold"),
                             ("ten-cs=ADMIN", "not over-assigned")):
        result = run("licence", "activate", "--db", str(demo_path), "--remove", removal)
        assert result.exit_code == 2 and message in result.stderr
        assert digest(demo_path) == stamp

    result = run("licence", "activate", "--db", str(demo_path), "--remove",
                 "ten-marketing-essentials=henrikw", "--remove", "ten-marketing-essentials=IDAS")
    assert result.exit_code == 0, result.output
    assert "New licence activated." in result.stdout
    assert "Removed HENRIKW from ten-marketing-essentials" in result.stdout
    after = totals(demo_path)
    assert after["ten-marketing-essentials"] == (3, 3)
    assert after["ten-sales-premium"] == (24, 22)
    assert json_of("licence", "pending", "--db", str(demo_path)) == []
    [entry] = json_of("licence", "history", "--db", str(demo_path))
    assert entry["automatic"] is False
    assert entry["removed_holders"] == [
        {"licence": "ten-marketing-essentials", "user_id": "HENRIKW"},
        {"licence": "ten-marketing-essentials", "user_id": "IDAS"}]
    table = run("licence", "history", "--db", str(demo_path)).stdout
    assert "SUPEROFFICE v15" in table and "2 holders removed" in table


def test_activate_with_nothing_waiting_and_bad_removal_syntax(demo_path: Path):
    result = run("licence", "activate", "--db", str(demo_path))
    assert result.exit_code == 2 and "no licence waits for activation" in result.stderr
    result = run("licence", "activate", "--db", str(demo_path), "--remove", "nonsense")
    assert result.exit_code == 2 and "LICENCE=USERID" in result.stderr


def test_partner_licence_signed_by_its_vouched_key(demo_path: Path, tmp_path: Path):
    file = write_demo(demo_path, tmp_path / "docuflow.json", "--owner", "docuflow",
                      "--set", "dfa-user=20")
    result = run("licence", "load", str(file), "--db", str(demo_path))
    assert result.exit_code == 0, result.output
    store = Store.open(demo_path)
    try:
        user = next(lic for lic in store.licences("DOCUFLOW") if lic.name == "dfa-user")
        assert user.total == 20
        assert [a.owner for a in history(store)] == ["DOCUFLOW"]
    finally:
        store.close()


def test_two_waiting_licences_need_an_owner(demo_path: Path, tmp_path: Path):
    for owner in ("SUPEROFFICE", "ROUTEPLAN"):
        file = write_demo(demo_path, tmp_path / f"{owner}.json", "--owner", owner)
        assert run("licence", "load", str(file), "--db", str(demo_path)).exit_code == 0
    result = run("licence", "activate", "--db", str(demo_path))
    assert result.exit_code == 2 and "name one with --owner" in result.stderr
    assert [p["owner"] for p in json_of("licence", "pending", "--db", str(demo_path))] == [
        "SUPEROFFICE", "ROUTEPLAN"]


def test_demo_licence_to_stdout_and_bad_options(demo_path: Path):
    result = run("demo", "licence", "--db", str(demo_path))
    document = json.loads(result.stdout)
    assert document["format"] == "licscreen-licence"
    assert document["licence"]["licence_version"] == 15
    assert run("demo", "licence", "--db", str(demo_path), "--set", "x").exit_code == 2
    result = run("demo", "licence", "--db", str(demo_path), "--set", "no-such=3")
    assert result.exit_code == 2 and "no licence 'no-such'" in result.stderr


def test_trust_sets_and_guards_the_vendor_key(tmp_path: Path):
    path = tmp_path / "empty.db"
    create_store(path, demo=False).close()
    key = tmp_path / "vendor.pub"
    key.write_text(b64(raw_public_key(vendor_key())) + "\n")
    result = run("licence", "trust", str(key), "--db", str(path))
    assert result.exit_code == 0 and "Trusting vendor key" in result.stdout
    other = tmp_path / "other.pub"
    other.write_text("-----BEGIN PUBLIC KEY-----\n"
                     "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
                     "-----END PUBLIC KEY-----\n")
    stamp = digest(path)
    result = run("licence", "trust", str(other), "--db", str(path))
    assert result.exit_code == 2 and "--replace" in result.stderr
    assert digest(path) == stamp
    assert run("licence", "trust", str(other), "--db", str(path), "--replace").exit_code == 0
    store = Store.open(path)
    assert trust(store).vendor_key != raw_public_key(vendor_key())
    store.close()
    bad = tmp_path / "bad.pub"
    bad.write_text("not a key")
    assert run("licence", "trust", str(bad), "--db", str(path)).exit_code == 2


def test_the_demo_store_trusts_the_demo_vendor_key(demo_store: Store):
    trusted = trust(demo_store)
    assert trusted.is_demo and trusted.vendor_key == raw_public_key(vendor_key())
