"""``licscreen`` with no command, started without a terminal, refuses in one line (exit 2)
instead of spinning forever writing escape codes: cron, ``ssh host licscreen`` without -t,
input from /dev/null, output to a file or a pipe.

Run as a user runs it, in a process of its own; a regression hangs, so every run has a time
limit and a hang fails the test.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

import licscreen

SOURCE = str(Path(licscreen.__file__).resolve().parents[1])
LIMIT = 30  # seconds: a refusal takes well under one; the app without a terminal never ends


@contextmanager
def stream(kind: str, *, reading: bool) -> Iterator[int]:
    """A file descriptor for the child's stdin (``reading``) or stdout: /dev/null, a pipe or a
    pseudo-terminal."""
    if kind == "null":
        fd = os.open(os.devnull, os.O_RDONLY if reading else os.O_WRONLY)
        try:
            yield fd
        finally:
            os.close(fd)
    elif kind == "pipe":
        read, write = os.pipe()
        try:
            yield read if reading else write  # the child's end; the test never writes or reads
        finally:
            os.close(read)
            os.close(write)
    else:
        parent, child = pty.openpty()
        try:
            yield child
        finally:
            os.close(parent)
            os.close(child)


@pytest.mark.parametrize(("stdin", "stdout"), [
    ("null", "pipe"),  # cron, or `licscreen < /dev/null | less`
    ("pipe", "pipe"),  # ssh host licscreen, without -t
    ("tty", "pipe"),  # licscreen > out.txt
    ("null", "tty"),  # a terminal to draw on, none to read keys from
])
def test_the_app_refuses_without_a_terminal(stdin: str, stdout: str, tmp_path: Path):
    store = tmp_path / "first-start.db"
    err = tmp_path / "stderr.txt"
    env = {**os.environ, "PYTHONPATH": SOURCE, "LICSCREEN_LANG": "en"}
    with ExitStack() as stack, err.open("wb") as err_file:
        child_in = stack.enter_context(stream(stdin, reading=True))
        child_out = stack.enter_context(stream(stdout, reading=False))
        done = subprocess.run([sys.executable, "-m", "licscreen", "--db", str(store)],
                              stdin=child_in, stdout=child_out, stderr=err_file, env=env,
                              timeout=LIMIT, check=False)
    lines = err.read_text(encoding="utf-8").splitlines()
    assert done.returncode == 2, lines
    assert len(lines) == 1 and lines[0].startswith("licscreen: no terminal"), lines
    assert "licscreen status" in lines[0] and "licscreen --help" in lines[0]
    assert not store.exists()  # refused before the first start's demo store is made


def test_the_refusal_is_in_the_language_chosen(tmp_path: Path):
    done = subprocess.run([sys.executable, "-m", "licscreen", "--lang", "nb",
                           "--db", str(tmp_path / "x.db")],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": SOURCE}, timeout=LIMIT, check=False)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("licscreen: ingen terminal"), done.stderr


def test_the_headless_commands_need_no_terminal(tmp_path: Path):
    store = tmp_path / "x.db"
    env = {**os.environ, "PYTHONPATH": SOURCE}
    for args in (["init", "--empty"], ["status", "--json"]):
        done = subprocess.run([sys.executable, "-m", "licscreen", *args, "--db", str(store)],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              env=env, timeout=LIMIT, check=False)
        assert done.returncode == 0, done.stderr
