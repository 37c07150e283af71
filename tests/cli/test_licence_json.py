"""The JSON of ``licscreen licence``: every field documented in docs/json-formats.md, with its
type, and nothing else."""

from __future__ import annotations

from pathlib import Path

from tests.kit import cli
from tests.kit.cli import NOW, documented_fields, is_a, run
from tests.kit.licence import LICENCE_JSON_FIELDS


def json_of(*args: str, now: bool = True):
    """``licscreen ARGS --json``, at the frozen moment unless ``now`` is False."""
    return cli.json_of(*args, *(NOW if now else ()))


def check(value: dict, section: str) -> None:
    fields = LICENCE_JSON_FIELDS[section]
    assert set(value) == set(fields), section
    for name, kind in fields.items():
        assert is_a(value[name], kind), (section, name, value[name])


def check_changes(changes: dict) -> None:
    check(changes, "licence changes")
    for module in changes["modules"]:
        check(module, "licence changes.modules[]")


def check_activation(activation: dict) -> None:
    check(activation, "licence activation")
    check_changes(activation["changes"])
    for removed in activation["removed_holders"]:
        check(removed, "licence activation.removed_holders[]")


def test_the_documentation_lists_every_licence_field(demo_path: Path):
    documented = documented_fields()
    assert {name: documented.get(name) for name in LICENCE_JSON_FIELDS} == LICENCE_JSON_FIELDS


def test_load_pending_activate_and_history_write_the_documented_fields(demo_path, tmp_path):
    db = ["--db", str(demo_path)]
    file = tmp_path / "new.json"
    assert run("demo", "licence", *db, "--out", str(file), *NOW).exit_code == 0
    loaded = json_of("licence", "load", str(file), *db)
    check(loaded, "licence load")
    check_changes(loaded["changes"])
    assert loaded["activated"] is False and loaded["changes"]["over_assigned"] == 1

    [pending] = json_of("licence", "pending", *db, now=False)
    check(pending, "licence pending[]")
    check_changes(pending["changes"])
    assert pending["issued"] == "2026-11-28T09:00:00Z" and pending["loaded_by"] == "ADMIN"

    activated = json_of("licence", "activate", *db, "--remove", "ten-marketing-essentials=IDAS",
                        "--remove", "ten-marketing-essentials=VILDEA")
    check_activation(activated)
    assert activated["removed_holders"][0] == {"licence": "ten-marketing-essentials",
                                               "user_id": "IDAS"}
    [entry] = json_of("licence", "history", *db, now=False)
    assert entry == activated

    file2 = tmp_path / "docuflow.json"
    run("demo", "licence", *db, "--owner", "DOCUFLOW", "--out", str(file2), *NOW)
    loaded = json_of("licence", "load", str(file2), *db)
    assert loaded["activated"] is True
    check_activation(loaded["activation"])
    assert loaded["activation"]["changes"]["old_expires"] is None
