"""What each command imports, in a fresh process, as the ``licscreen`` script runs it.

``--version`` and ``--help`` load neither the store nor Rich nor Textual; the commands for
scripts and monitoring systems (``--json``, ``--csv``, ``check``) load no Rich; tables for people
load Rich; only the app loads Textual. Scripts, monitors and shell completion start fast.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from licscreen import __version__

LOADED = """
import json, sys
from licscreen.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass  # check's exit code is its state
print(json.dumps(sorted(sys.modules)))
"""


def loaded(*args: str) -> set[str]:
    """The modules ``licscreen ARGS`` has imported when it is done."""
    done = subprocess.run([sys.executable, "-c", LOADED, *args], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def packages(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


def ours(modules: set[str], package: str) -> set[str]:
    return {name for name in modules if name == package or name.startswith(f"{package}.")}


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["--lang", "nb", "--help"],
                                  ["events", "--help"]])
def test_version_and_help_load_neither_the_store_nor_rich_nor_textual(args: list[str]):
    modules = loaded(*args)
    assert not packages(modules) & {"rich", "textual"}
    assert not ours(modules, "licscreen.store")


def test_version_loads_no_command():
    assert not ours(loaded("--version"), "licscreen.cli.commands")


def test_a_command_loads_its_own_module_only(demo_path: Path):
    commands = ours(loaded("check", "--db", str(demo_path)), "licscreen.cli.commands")
    assert commands == {"licscreen.cli.commands", "licscreen.cli.commands.check"}


@pytest.mark.parametrize(
    ("args", "rich"),
    [(["status", "--json"], False), (["check"], False), (["events", "list", "--json"], False),
     (["licences", "--csv"], False), (["holders", "ten-cs", "--json"], False),
     (["usage", "--json"], False), (["licence", "history", "--json"], False),
     (["licence", "history", "--csv"], False),
     (["status"], True), (["licences"], True), (["holders", "ten-cs"], True),
     (["events", "list"], True), (["licence", "history"], True)],
)
def test_commands_load_no_textual_and_rich_only_for_tables(demo_path: Path, args: list[str],
                                                           rich: bool):
    top = packages(loaded(*args, "--db", str(demo_path)))
    assert "textual" not in top
    assert ("rich" in top) is rich


def test_init_loads_no_textual(tmp_path: Path):
    assert "textual" not in packages(loaded("init", "--empty", "--db", str(tmp_path / "x.db")))


def test_python_dash_m_runs_the_command_line():
    done = subprocess.run([sys.executable, "-m", "licscreen", "--version"], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == f"licscreen, version {__version__}"
