"""A licence file or key file given to the command line that is a FIFO, a device, an endless
device, a folder or too large is refused in one line naming it, before the store is opened:
never a hang, never gigabytes read, the store unchanged and none made.

Every option and argument of the command line that takes a file is tried (enumerated from the
click group: a new one fails test_every_file_the_command_line_takes_is_tried until it is
here), each run under a time limit so that a regression fails instead of hanging.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
import pytest

from licscreen.licence.files import MAX_KEY_BYTES, MAX_LICENCE_BYTES
from tests.kit.cli import assert_one_line_error, commands, run
from tests.kit.files import SPECIAL, dump_hash, release, special_path, within
from tests.kit.licence import digest

Args = Callable[[Path, Path], list[str]]

# (command, parameter) → (the file's size limit, or None for a file written; its command line
# with the file and the store).
FILES: dict[tuple[str, str], tuple[int | None, Args]] = {
    ("licscreen init", "vendor_key"): (
        MAX_KEY_BYTES, lambda f, db: ["init", "--db", str(db), "--vendor-key", str(f)]),
    ("licscreen licence load", "file"): (
        MAX_LICENCE_BYTES, lambda f, db: ["licence", "load", str(f), "--db", str(db)]),
    ("licscreen licence trust", "keyfile"): (
        MAX_KEY_BYTES, lambda f, db: ["licence", "trust", str(f), "--db", str(db)]),
    ("licscreen demo licence", "out"): (
        None, lambda f, db: ["demo", "licence", "--out", str(f), "--db", str(db)]),
}
# The usage CSV is read as a stream, by its own rules (store/usage_import.py, its own tests).
ELSEWHERE = {("licscreen usage import", "file")}


def test_every_file_the_command_line_takes_is_tried():
    taken = {(path, param.name) for path, (command, _ctx) in commands().items()
             for param in command.params
             if isinstance(param.type, click.Path) and param.name != "db"}
    assert taken == set(FILES) | ELSEWHERE


CASES = [(command, param, kind) for (command, param), (limit, _args) in FILES.items()
         for kind in SPECIAL if limit is not None or kind != "too large"]


@pytest.mark.parametrize(("command", "param", "kind"), CASES,
                         ids=[f"{c.removeprefix('licscreen ')}-{p}-{k}" for c, p, k in CASES])
def test_a_path_that_is_no_small_file_is_refused(command: str, param: str, kind: str,
                                                 demo_path: Path, tmp_path: Path):
    limit, args = FILES[(command, param)]
    path = special_path(kind, tmp_path, limit or 0)
    new = tmp_path / "new.db"
    store = new if command == "licscreen init" else demo_path
    before = (dump_hash(demo_path), digest(demo_path))
    try:
        with within(20):
            result = run(*args(path, store))
    finally:
        release(path)
    assert_one_line_error(result, str(path), SPECIAL[kind])
    assert not new.exists()  # init made nothing
    assert (dump_hash(demo_path), digest(demo_path)) == before
