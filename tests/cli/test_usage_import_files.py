"""``usage import`` of what is not a plain, modest CSV file, and faults while it writes.

A FIFO, a device or a folder is refused before it is opened (opening a FIFO blocks); an
endless or huge input (standard input included) is stopped at a line or size limit, never
read whole; a file of many thousands of rows is streamed with the all-or-nothing rule kept
(the first bad row, in the file's order, is named and nothing is saved); a full disk or an I/O
error is one line naming the cause, exit code 2, the store intact.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from licscreen.store import Store
from licscreen.store import usage_import as importer
from tests.kit.cli import assert_one_line_error, run
from tests.kit.strict import dump_hash

HEADER = "service,month,amount,users\n"
SERVICES = ("storage", "mailings", "customer-centre-logins", "chat-sessions",
            "form-submissions")


def rows(count: int) -> Iterator[str]:
    """``count`` distinct rows: every service, month after month from 1970-01."""
    for n in range(count):
        service, month = SERVICES[n % 5], n // 5
        yield f"{service},{1970 + month // 12}-{month % 12 + 1:02d},{n},{n % 97}\n"


def refused(demo_path: Path, *args: str, stdin: str | None = None, **kwargs: str) -> str:
    before = dump_hash(demo_path)
    result = run("usage", "import", *args, "--db", str(demo_path), stdin=stdin)
    line = assert_one_line_error(result, *kwargs.values())
    assert dump_hash(demo_path) == before
    return line


# Not a regular file


def unblock_after(fifo: Path, seconds: float) -> None:
    """Should the import open the FIFO (and block), open its other end after ``seconds`` so
    the test fails instead of hanging."""

    def writer() -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(0.1)
        with suppress(OSError):  # nobody reading: the import did not open it
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    threading.Thread(target=writer, daemon=True).start()


@pytest.mark.parametrize("kind", ["fifo", "fifo through a link", "/dev/null", "/dev/zero",
                                  "folder"])
def test_what_is_not_a_regular_file_is_refused_before_it_is_opened(demo_path: Path,
                                                                   tmp_path: Path, kind):
    if kind.startswith("fifo"):
        path = tmp_path / "usage.csv"
        os.mkfifo(path)
        unblock_after(path, 10)
        if kind.endswith("link"):
            (tmp_path / "link.csv").symlink_to(path)
            path = tmp_path / "link.csv"
    elif kind == "folder":
        path = tmp_path
    else:
        path = Path(kind)
    what = "is a folder, not a CSV file" if kind == "folder" else "not a regular file"
    refused(demo_path, str(path), line=f"{path}: {what}")


def test_an_endless_line_on_standard_input_is_stopped(demo_path: Path):
    refused(demo_path, "-", stdin="\x00" * 200_000,
            line="<standard input>, line 1: longer than 10000 characters")
    refused(demo_path, "-", stdin=HEADER + "mailings,2026-11," + "9" * 50_000 + ",4\n",
            line="<standard input>, line 2: longer than 10000 characters")


def test_a_quoted_field_over_many_lines_is_stopped(demo_path: Path):
    refused(demo_path, "-", stdin=HEADER + 'mailings,"' + "x\n" * 100_000,
            line="<standard input>, line ", limit="not valid CSV")


@pytest.mark.parametrize("source", ["file", "standard input"])
def test_more_than_the_size_limit_is_refused(demo_path: Path, tmp_path: Path, monkeypatch,
                                             source):
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 1 << 20)
    text = HEADER + "".join(rows(60_000))  # some 1.7 MB
    if source == "file":
        path = tmp_path / "big.csv"
        path.write_text(text)
        refused(demo_path, str(path), line=f"{path}: larger than 1 MB")
    else:
        refused(demo_path, "-", stdin=text, line="<standard input>: larger than 1 MB")


# Streamed, all or nothing


def test_many_rows_are_streamed_and_counted(demo_path: Path, tmp_path: Path):
    path = tmp_path / "usage.csv"
    path.write_text(HEADER + "".join(rows(12_345)))
    result = run("usage", "import", str(path), "--db", str(demo_path))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Imported 12345 usage rows from {path} (1970-01 to 2175-09): "
                             f"12225 added, 120 replaced. (store: {demo_path})\n")  # the demo's
    # two years replaced
    store = Store.open(demo_path)
    try:
        assert len(store.usage("mailings")) == 2469
    finally:
        store.close()


@pytest.mark.parametrize(("tail", "message"), [
    ("mailings,2026-11,1,x\n", "line 12347: users 'x' is not a whole number of 0 or more"),
    ("storage,1970-01,5,5\n", "line 12347: storage 1970-01 is already on line 2"),
    ("storage,1970-01,5,5\nmailings,2026-11,1,x\n",
     "line 12347: storage 1970-01 is already on line 2"),
    ("mailings,2026-11,1,x\nstorage,1970-01,5,5\n",
     "line 12347: users 'x' is not a whole number of 0 or more"),
], ids=["bad row", "given twice", "twice, then bad", "bad, then twice"])
def test_the_first_problem_at_the_end_of_a_long_file_saves_nothing(demo_path: Path,
                                                                   tmp_path: Path, tail,
                                                                   message):
    path = tmp_path / "usage.csv"
    path.write_text(HEADER + "".join(rows(12_345)) + tail)
    refused(demo_path, str(path), line=f"{path}, {message}")


# Faults while writing


def capped_at_its_size(connect):
    """A real SQLITE_FULL: the store may not grow by a single page (SQLite undoes the
    statement, the transaction stays open)."""

    def capped(*args, **kwargs):
        conn = connect(*args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    return capped


def failing(reason: str, *, rolled_back: bool):
    """A disk that fails when usage is written into the store. ``rolled_back``: as SQLite does
    when the disk fills while it spills its cache, the transaction is gone when the error
    comes (a ROLLBACK then fails: "cannot rollback - no transaction is active")."""

    class FailingDisk(sqlite3.Connection):
        def execute(self, sql, *args):  # type: ignore[override]
            if sql.lstrip().startswith("INSERT INTO main.monthly_usage"):
                if rolled_back:
                    super().execute("ROLLBACK")
                raise sqlite3.OperationalError(reason)
            return super().execute(sql, *args)

    def wrap(connect):
        return lambda *args, **kwargs: connect(*args, factory=FailingDisk, **kwargs)

    return wrap


FAULTS = {
    "full disk": (capped_at_its_size, "the disk is full; nothing was saved"),
    "full disk, rolled back": (failing("database or disk is full", rolled_back=True),
                               "cannot write the store (database or disk is full)"),
    "I/O error": (failing("disk I/O error", rolled_back=False),
                  "cannot write the store (disk I/O error)"),
    "I/O error, rolled back": (failing("disk I/O error", rolled_back=True),
                               "cannot write the store (disk I/O error)"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_while_writing_is_one_line_naming_it(demo_path: Path, tmp_path: Path,
                                                     monkeypatch, fault):
    path = tmp_path / "usage.csv"
    path.write_text(HEADER + "".join(rows(5_000)))
    wrap, reason = FAULTS[fault]
    monkeypatch.setattr(sqlite3, "connect", wrap(sqlite3.connect))
    line = refused(demo_path, str(path), reason=reason)
    assert "rollback" not in line
    monkeypatch.undo()
    result = run("usage", "import", str(path), "--db", str(demo_path))  # and it works after
    assert result.exit_code == 0, result.output
