"""Every ``--json`` output is strict JSON: read by a parser that refuses NaN and Infinity, on
the demo store and on a store whose figures are at the limits licscreen accepts (usage at its
largest amount and user count, a licence total at its largest, an event ending at the
horizon). A figure out of range that another tool wrote into the store is a one-line error,
never ``Infinity`` on standard output.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from licscreen.cli import main
from licscreen.licence.content import MAX_INT
from licscreen.store.models import MAX_USAGE_AMOUNT, MAX_USAGE_USERS
from tests.kit.cli import NOW, assert_one_line_error, run
from tests.kit.strict import set_column, strict_json
from tests.kit.superoffice import build_superoffice, so_url

SERVICES = ("storage", "mailings", "customer-centre-logins", "chat-sessions",
            "form-submissions")


@pytest.fixture(params=["demo", "extreme"])
def store(request, demo_template: Path, tmp_path: Path) -> tuple[Path, bool]:
    path = tmp_path / "store.db"
    shutil.copyfile(demo_template, path)
    extreme = request.param == "extreme"
    if extreme:
        usage = tmp_path / "extreme.csv"
        usage.write_text("service,month,amount,users\n" + "".join(
            f"{service},{month},{amount},{MAX_USAGE_USERS}\n"
            for service in SERVICES
            for month, amount in (("2026-09", 0), ("2026-10", 0), ("2026-11", MAX_USAGE_AMOUNT),
                                  ("2999-12", MAX_USAGE_AMOUNT))))
        result = run("usage", "import", str(usage), "--db", str(path))
        assert result.exit_code == 0, result.output
    return path, extreme


def json_runs(path: Path, extreme: bool, folder: Path,
              seen: dict[str, object]) -> Iterator[tuple[str, list[str]]]:
    """Every command that writes --json, in an order in which each has something to say:
    (its command path, its arguments); ``seen`` holds what each wrote, as it runs."""
    db = ("--db", str(path))
    yield "status", ["status", "--json", *db, *NOW]
    yield "licences", ["licences", "--json", *db]
    yield "holders", ["holders", "ten-sales-premium", "--json", *db]
    yield "usage", ["usage", "--json", "--months", "3", *db, *NOW]
    yield "usage", ["usage", "--json", "--month", "2999-12", *db, *NOW]
    ends = "+36500d" if extreme else "+2h"
    yield "events add", ["events", "add", "--type", "no-login", "--message", "m", "--ends", ends,
                         "--json", *db, *NOW]
    added = seen["events add"]
    assert isinstance(added, dict)
    yield "events update", ["events", "update", str(added["id"]), "--message", "m2", "--ends", ends,
                            "--json", *db, *NOW]
    yield "events list", ["events", "list", "--json", *db, *NOW]
    licence = folder / "licence.json"
    total = ["--set", f"ten-sales-premium={MAX_INT}"] if extreme else []
    made = run("demo", "licence", "--out", str(licence), *total, *db, *NOW)
    assert made.exit_code == 0, made.output
    yield "licence load", ["licence", "load", str(licence), "--json", *db, *NOW]
    yield "licence pending", ["licence", "pending", "--json", *db]
    yield "licence activate", ["licence", "activate", "--remove",
                               "ten-marketing-essentials=HENRIKW", "--remove",
                               "ten-marketing-essentials=IDAS", "--json", *db, *NOW]
    yield "licence history", ["licence", "history", "--json", *db]
    yield "trend", ["trend", "--json", "--days", "3", *db, *NOW]
    yield "holders", ["holders", "ten-sales-premium", "--json", *db]
    yield "status", ["status", "--json", *db, *NOW]
    yield "assign", ["assign", "windows", "SOFIEK", "--json", *db, *NOW]
    yield "unassign", ["unassign", "windows", "SOFIEK", "--json", *db, *NOW]
    yield "reassign", ["reassign", "NORAL", "--from", "ten-sales-premium", "--to",
                       "ten-sales-essentials", "--json", *db, *NOW]
    yield "reclaim", ["reclaim", "--json", *db, *NOW]
    yield "audit", ["audit", "--json", *db, *NOW]
    so = build_superoffice(folder / "superoffice.db")  # last: the store becomes a mirror
    yield "sync", ["sync", "--from-db", so_url(so), "--force", "--json", *db, *NOW]
    config = folder / "config.toml"  # LICSCREEN_CONFIG names it (the test sets it)
    config.write_text(f'[installations.prod]\nstore = "{path}"\nfrom-db = "{so_url(so)}"\n')
    yield "installations", ["installations", "--json", *NOW]


def commands_with_json(group: click.Group = main, prefix: str = "") -> set[str]:
    ctx = click.Context(group)
    found = set()
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        path = f"{prefix}{name}"
        if any("--json" in param.opts for param in command.params):
            found.add(path)
        if isinstance(command, click.Group):
            found |= commands_with_json(command, f"{path} ")
    return found


def test_every_json_output_is_strict_json(store: tuple[Path, bool], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch):
    path, extreme = store
    monkeypatch.setenv("LICSCREEN_CONFIG", str(tmp_path / "config.toml"))
    seen: dict[str, object] = {}
    for command, args in json_runs(path, extreme, tmp_path, seen):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        seen[command] = strict_json(result.stdout)
        assert seen[command] not in ([], None), args
    assert set(seen) == commands_with_json()  # a new --json command must be added here


def test_the_extreme_store_shows_its_extremes(store: tuple[Path, bool], tmp_path: Path):
    path, extreme = store
    if not extreme:
        return
    months = strict_json(run("usage", "--json", *NOW, "--db", str(path)).stdout)
    storage = months[0]["services"][0]
    assert storage["used"] == MAX_USAGE_AMOUNT and storage["users"] == MAX_USAGE_USERS
    assert storage["projected"] > MAX_USAGE_AMOUNT  # projected past the month's end: finite


@pytest.mark.parametrize("args", [
    ("usage", "--json", *NOW), ("status", "--json", *NOW)], ids=["usage", "status"])
def test_a_figure_out_of_range_in_the_store_is_one_line(demo_template: Path, tmp_path: Path, args):
    path = tmp_path / "store.db"
    shutil.copyfile(demo_template, path)
    set_column(path, "UPDATE monthly_usage SET amount = 1.79e308 WHERE month = '2026-11'")
    result = run(*args, "--db", str(path))
    assert_one_line_error(result, "not a finite number")
    assert "Infinity" not in result.output
