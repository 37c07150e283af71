"""Which store a command acts on: the --db on the command line, in any position, wins over
LICSCREEN_DB, which wins over the default; the variable never turns a command to another store.

Every command of the command line is tried (enumerated from the click group, so a new command
is tried too, once it has its arguments in ``ARGS``), with --db before the command
(``licscreen --db B CMD``), after it (``licscreen CMD --db B``) and on its group where the
group has one (``licscreen usage --db B import``), while LICSCREEN_DB names another store A.
The command must do exactly what it does on B when the variable is not set, and leave A as it
was: byte-identical, or not there at all.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from licscreen.licence.fileformat import b64
from licscreen.licence.signing import raw_public_key
from licscreen.paths import DB_ENV
from licscreen.store import create_store
from tests.kit.cli import NOW, assert_one_line_error, commands, run, takes
from tests.kit.clock import FROZEN
from tests.kit.installations import write_config
from tests.kit.licence import demo_file, digest, vendor_key
from tests.kit.superoffice import build_superoffice, so_url


@dataclass(frozen=True)
class Files:
    licence: Path  # a newer SUPEROFFICE licence for the template store
    key: Path  # the demo vendor's public key
    csv: Path  # a month of usage
    event: str  # the id of an administrator's event in the template store
    so: Path  # a SuperOffice database (tests/kit/superoffice.py)


# What each command is given besides --db and --now; a new command fails
# test_every_command_is_tried until it is here.
ARGS: dict[str, Callable[[Files], list[str]]] = {
    "licscreen init": lambda f: ["--empty", "--force"],
    "licscreen status": lambda f: ["--json"],
    "licscreen licences": lambda f: [],
    "licscreen holders": lambda f: ["rp-planner"],
    "licscreen check": lambda f: [],
    "licscreen usage": lambda f: ["--json"],
    "licscreen usage import": lambda f: [str(f.csv)],
    "licscreen licence load": lambda f: [str(f.licence)],
    "licscreen licence pending": lambda f: ["--json"],
    "licscreen licence activate": lambda f: [  # the waiting licence's over-assigned holders
        "--remove", "ten-marketing-essentials=HENRIKW",
        "--remove", "ten-marketing-essentials=IDAS"],
    "licscreen licence history": lambda f: ["--json"],
    "licscreen licence trust": lambda f: [str(f.key)],
    "licscreen demo licence": lambda f: ["--no-lower"],
    "licscreen events list": lambda f: ["--json"],
    "licscreen events add": lambda f: ["--type", "no-travel", "--message", "Hello",
                                       "--by", "toreh"],
    "licscreen events update": lambda f: [f.event, "--message", "Changed", "--by", "toreh"],
    "licscreen events delete": lambda f: [f.event],
    "licscreen sync": lambda f: ["--from-db", so_url(f.so), "--force"],
    "licscreen assign": lambda f: ["windows", "SOFIEK"],
    "licscreen unassign": lambda f: ["windows", "ANNEH"],
    "licscreen reassign": lambda f: ["NORAL", "--from", "ten-sales-premium", "--to",
                                     "ten-sales-essentials"],
    "licscreen reclaim": lambda f: ["--apply"],
    "licscreen audit": lambda f: ["--json"],
    "licscreen audit verify": lambda f: [],
    "licscreen trend": lambda f: ["ten-cs", "--json"],
}

COMMANDS = commands()
# ``serve`` runs until stopped: tests/web/test_serve_cli.py checks which store it serves.
SERVING = {"licscreen serve"}
STORE_COMMANDS = sorted(path for path, (command, _ctx) in COMMANDS.items()
                        if takes(command, "db") and path != "licscreen" and path not in SERVING)


def positions(path: str) -> list[int]:
    """Where --db may go on the command line of ``path``: after each of its words whose
    command has the option (0: the main group, ``licscreen --db B ...``)."""
    _command, ctx = COMMANDS[path]
    chain = []
    while ctx is not None:
        chain.append(ctx)
        ctx = ctx.parent
    chain.reverse()
    return [depth for depth, level in enumerate(chain) if takes(level.command, "db")]


def argv(path: str, depth: int, db: Path, files: Files) -> list[str]:
    """The command line of ``path`` with ``--db db`` after its word number ``depth``."""
    command, _ctx = COMMANDS[path]
    words = path.split()[1:]
    line = [*words[:depth], "--db", str(db), *words[depth:], *ARGS[path](files)]
    return [*line, *NOW] if takes(command, "now") else line


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Files]:
    """A demo store with a licence waiting for activation and an administrator's event, and the
    files the commands read."""
    folder = tmp_path_factory.mktemp("which-store")
    store = folder / "template.db"
    create_store(store, demo=True, now=FROZEN).close()
    waiting = folder / "waiting.json"
    waiting.write_bytes(demo_file(store))  # one total below its use: it waits
    assert run("licence", "load", str(waiting), "--db", str(store), *NOW).exit_code == 0
    added = run("events", "add", "--type", "no-login", "--message", "Upgrade", "--json",
                "--db", str(store), *NOW)
    assert added.exit_code == 0, added.output
    licence = folder / "partner.json"
    licence.write_bytes(demo_file(store, owner="ROUTEPLAN", lower=False))
    key = folder / "vendor.pub"
    key.write_text(b64(raw_public_key(vendor_key())) + "\n")
    csv = folder / "usage.csv"
    csv.write_text("service,month,amount,users\nmailings,2026-11,61000,41\n")
    so = build_superoffice(folder / "superoffice.db")
    return store, Files(licence, key, csv, str(json.loads(added.stdout)["id"]), so)


def fresh(template_store: Path, path: Path) -> Path:
    """A copy of the template store at ``path`` (the same path for every run it is compared
    over, so that what a command says about it is the same)."""
    for suffix in ("", "-wal", "-shm"):
        target = path.with_name(path.name + suffix)
        target.unlink(missing_ok=True)
        source = template_store.with_name(template_store.name + suffix)
        if source.exists():
            shutil.copy(source, target)
    return path


def outcome(args: list[str], env: dict[str, str | None]) -> tuple[int, str, str]:
    result = run(*args, env=env)
    return result.exit_code, result.stdout, result.stderr


# The commands that act on no store: ``installations`` reads the config file and opens each
# installation's store, read-only, itself.
NO_STORE = {"licscreen installations"}


def test_every_command_is_tried():
    """Every command that takes --db has its arguments here (and every leaf command takes it,
    but those that act on no store)."""
    assert set(ARGS) == set(STORE_COMMANDS)
    leaves = {path for path, (command, _ctx) in COMMANDS.items()
              if not hasattr(command, "commands")}
    assert leaves - NO_STORE - SERVING <= set(STORE_COMMANDS)
    assert not any(takes(COMMANDS[path][0], "db") for path in NO_STORE)


@pytest.mark.parametrize("path", STORE_COMMANDS)
def test_an_installation_names_the_store_of_every_command(path: str,
                                                          template: tuple[Path, Files],
                                                          tmp_path: Path):
    """``licscreen --installation NAME CMD`` does what ``licscreen --db ITS-STORE CMD`` does,
    whatever LICSCREEN_DB says; with a --db on the command line too, at any place, it is one
    line and nothing is written."""
    store, files = template
    b = tmp_path / "b.db"
    env = write_config(tmp_path, {"prod": {"store": str(b), "from-db": so_url(files.so)}})
    with_db = argv(path, 0, b, files)
    fresh(store, b)
    expected = outcome(with_db, {DB_ENV: None})
    expected_b = digest(b) if b.exists() else None
    fresh(store, b)
    named = ["--installation", "prod", *with_db[2:]]
    assert outcome(named, {**env, DB_ENV: str(tmp_path / "a.db")}) == expected
    assert (digest(b) if b.exists() else None) == expected_b
    assert not (tmp_path / "a.db").exists()
    for depth in positions(path):
        fresh(store, b)
        before = digest(b)
        both = ["--installation", "prod", *argv(path, depth, b, files)]
        result = run(*both, env={**env, DB_ENV: None})
        if path == "licscreen check":  # its bad option is UNKNOWN, on stdout (docs/cli.md)
            assert result.exit_code == 3 and "--installation and --db" in result.stdout
        else:
            assert_one_line_error(result, "--installation and --db")
        assert digest(b) == before


CASES = [(path, depth) for path in STORE_COMMANDS for depth in positions(path)]


@pytest.mark.parametrize("other", ["missing", "a store"])
@pytest.mark.parametrize(("path", "depth"), CASES,
                         ids=[f"{p.removeprefix('licscreen ')}-at-{d}" for p, d in CASES])
def test_the_command_line_wins_over_the_variable(path: str, depth: int, other: str,
                                                 template: tuple[Path, Files], tmp_path: Path):
    store, files = template
    b = tmp_path / "b.db"
    a = tmp_path / "a.db"
    if other == "a store":
        create_store(a, demo=False).close()
    before = digest(a) if a.exists() else None
    args = argv(path, depth, b, files)

    fresh(store, b)
    expected = outcome(args, {DB_ENV: None})
    expected_b = digest(b) if b.exists() else None
    assert expected[0] == 0 or path == "licscreen check", expected  # it did its work on B
    fresh(store, b)
    got = outcome(args, {DB_ENV: str(a)})

    assert got == expected  # what it does on B, as if the variable were not set
    assert (digest(b) if b.exists() else None) == expected_b
    assert (digest(a) if a.exists() else None) == before  # A untouched, or never made
    assert str(a) not in got[1] + got[2]


@pytest.mark.parametrize("path", STORE_COMMANDS)
def test_the_variable_wins_over_the_default(path: str, template: tuple[Path, Files],
                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Without --db the variable's store is used, and the default's is never made."""
    store, files = template
    home = tmp_path / "home"
    monkeypatch.setattr("licscreen.paths.default_db_path", lambda: home / "licscreen.db")
    b = tmp_path / "b.db"
    with_option = argv(path, positions(path)[-1], b, files)
    fresh(store, b)
    expected = outcome(with_option, {DB_ENV: None})
    expected_b = digest(b) if b.exists() else None
    fresh(store, b)
    without = [word for word in with_option if word not in ("--db", str(b))]
    assert outcome(without, {DB_ENV: str(b)}) == expected
    assert (digest(b) if b.exists() else None) == expected_b
    assert not home.exists()


def test_the_option_nearest_the_command_wins(template: tuple[Path, Files], tmp_path: Path):
    store, _files = template
    a, b = fresh(store, tmp_path / "a.db"), fresh(store, tmp_path / "b.db")
    result = run("--db", str(a), "status", "--json", "--db", str(b), *NOW,
                 env={DB_ENV: str(tmp_path / "c.db")})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["store"] == str(b)


@pytest.mark.usefixtures("terminal")
def test_the_app_opens_the_store_the_command_line_names(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch):
    """``licscreen --db B`` opens B (the app is started on it), whatever LICSCREEN_DB says."""
    opened: list[Path] = []
    monkeypatch.setattr("licscreen.cli.run_app", opened.append)
    monkeypatch.setattr("licscreen.paths.default_db_path", lambda: tmp_path / "default.db")
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert run("--db", str(b), env={DB_ENV: str(a)}).exit_code == 0
    assert run(env={DB_ENV: str(a)}).exit_code == 0
    assert run(env={DB_ENV: None}).exit_code == 0
    assert opened == [b, a, tmp_path / "default.db"]


@pytest.mark.parametrize("force", [False, True])
def test_init_says_which_store_it_made(force: bool, tmp_path: Path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    if force:
        create_store(a, demo=False).close()
        create_store(b, demo=False).close()
    before = digest(a) if force else None
    result = run("--db", str(b), "init", "--empty", *(["--force"] if force else []),
                 env={DB_ENV: str(a)})
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Created empty store at {b}"
    assert (digest(a) if a.exists() else None) == before


WRITES = ["licscreen usage import", "licscreen licence load", "licscreen licence trust",
          "licscreen events add", "licscreen events update", "licscreen events delete",
          "licscreen sync", "licscreen assign", "licscreen unassign", "licscreen reassign",
          "licscreen reclaim"]


@pytest.mark.parametrize("path", WRITES)
def test_a_write_names_the_store_it_wrote(path: str, template: tuple[Path, Files],
                                          tmp_path: Path):
    store, files = template
    b = fresh(store, tmp_path / "b.db")
    result = run(*argv(path, 0, b, files), env={DB_ENV: str(tmp_path / "a.db")})
    assert result.exit_code == 0, result.output
    assert f"(store: {b})" in result.stdout


def test_an_error_names_the_store(tmp_path: Path):
    missing = tmp_path / "missing.db"
    result = run("status", "--db", str(missing), env={DB_ENV: str(tmp_path / "a.db")})
    assert result.exit_code == 2 and str(missing) in result.stderr
