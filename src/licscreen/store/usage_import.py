"""Importing monthly usage from a CSV file: all of it in one transaction, or nothing.

The file has a header row naming the columns ``service,month,amount,users`` (in any order)
and one row per service and month: the amount used that month (storage: bytes in use at the
month's end; the others: how many) and the number of users that month. A row for a service
and month already in the store replaces it. The first bad row stops the import with an error
naming the file, its line and what is wrong, and nothing from the file is saved.

The file is streamed, never held: its rows go, a batch at a time, into a temporary table of
the connection (SQLite's temporary database, not the store), which checks them for a service
and month given twice; only when the whole file is read and sound does one transaction of the
store merge them in. Memory stays flat however long the file (benchmarks/usage_import.py),
and the store is locked for the merge only, not while a slow pipe is read.

Only a regular file is read (a FIFO would block, a device such as ``/dev/zero`` never ends),
of at most :data:`MAX_FILE_BYTES`, in lines of at most :data:`MAX_LINE_CHARS`; standard input
is read with the same limits.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
import stat
from collections.abc import Generator, Iterator
from contextlib import closing, nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from licscreen.i18n import _
from licscreen.store.audit import Change, append_audit
from licscreen.store.errors import DataFileError, StoreError, StoreReadOnly
from licscreen.store.models import MAX_USAGE_AMOUNT, MAX_USAGE_USERS, USAGE_MONTH, MonthlyUsage
from licscreen.store.store import Store

COLUMNS = ("service", "month", "amount", "users")
MAX_FILE_BYTES = 1 << 30  # 1 GiB: some 25 million rows
MAX_LINE_CHARS = 10_000  # a row is some 40 characters
BATCH = 5_000  # rows staged at a time
_NUMBER = re.compile(r"(-?)(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_WHOLE = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    replaced: int
    months: tuple[str, ...]  # the months the file touched, oldest first

    @property
    def rows(self) -> int:
        return self.added + self.replaced


class _Row(Exception):
    """What is wrong with one row; the caller adds the file and line."""


def open_csv(path: Path) -> BinaryIO:
    """``path`` opened for reading, if it is a regular file of at most MAX_FILE_BYTES.

    Checked before it is opened (opening a FIFO blocks until someone writes to it), and again
    on what was opened, without blocking (the name may have changed in between)."""
    try:
        status = os.stat(path)
        _check_regular(path, status)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise StoreError(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise StoreError(_("{path}: is a folder, not a CSV file").format(path=path)) from None
    except OSError as error:
        raise StoreError(_("{path}: cannot be read ({reason})").format(
            path=path, reason=error.strerror or error)) from None
    file = os.fdopen(fd, "rb")
    try:
        _check_regular(path, os.fstat(fd))
        os.set_blocking(fd, True)
    except BaseException:
        file.close()
        raise
    return file


def _check_regular(path: Path, status: os.stat_result) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise StoreError(_("{path}: is a folder, not a CSV file").format(path=path))
    if not stat.S_ISREG(status.st_mode):
        raise StoreError(_("{path}: not a regular file (a pipe, a device or a socket); "
                           "give a CSV file, or '-' for standard input").format(path=path))
    if status.st_size > MAX_FILE_BYTES:
        raise DataFileError(_too_large(path))


def _too_large(path: Path) -> str:
    return _("{path}: larger than {size} MB: split it into several files").format(
        path=path, size=MAX_FILE_BYTES >> 20)


def _lines(path: Path, stream: BinaryIO) -> Generator[str, None, None]:
    """The text's lines (UTF-8, a byte order mark dropped), each at most MAX_LINE_CHARS and
    all of them at most MAX_FILE_BYTES: an endless stream is stopped, never accumulated."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    total, number = 0, 0
    try:
        while True:
            try:
                line = text.readline(MAX_LINE_CHARS + 1)
            except UnicodeDecodeError:
                raise DataFileError(_("{path}: not UTF-8 text").format(path=path)) from None
            if not line:
                return
            number += 1
            total += len(line)
            if len(line) > MAX_LINE_CHARS:
                raise DataFileError(_("{path}, line {line}: longer than {max} characters")
                                    .format(path=path, line=number, max=MAX_LINE_CHARS))
            if total > MAX_FILE_BYTES:
                raise DataFileError(_too_large(path))
            yield line
    finally:
        if not stream.closed:
            text.detach()  # the stream is its owner's to close (standard input stays open)


def _records(path: Path, stream: BinaryIO) -> Generator[tuple[int, list[str]], None, None]:
    """(line number, cells) for each record of the CSV text."""
    lines = _lines(path, stream)
    reader = csv.reader(lines)
    try:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise DataFileError(_("{path}, line {line}: not valid CSV ({reason})").format(
                    path=path, line=reader.line_num, reason=error)) from None
            yield reader.line_num, cells
    finally:
        lines.close()


def _header(path: Path, cells: list[str]) -> dict[str, int]:
    names = [cell.strip().lower() for cell in cells]
    unknown = [name for name in names if name not in COLUMNS]
    missing = [name for name in COLUMNS if name not in names]
    if unknown or missing or len(set(names)) != len(names):
        raise DataFileError(_(
            "{path}, line 1: the header must name the columns {columns} (found: {found})"
        ).format(path=path, columns=",".join(COLUMNS), found=",".join(names) or _("nothing")))
    return {name: names.index(name) for name in COLUMNS}


def _amount(text: str, unit: str) -> float:
    """A figure of ASCII digits (a fraction and an exponent allowed), 0 to MAX_USAGE_AMOUNT."""
    number = _NUMBER.fullmatch(text)
    if not number:
        raise _Row(_("amount '{value}' is not a number").format(value=text))
    value = float(text) + 0.0  # -0 is 0
    if number[1] and value < 0:
        raise _Row(_("amount {value} is negative").format(value=text))
    if value > MAX_USAGE_AMOUNT:
        raise _Row(_("amount {value} is more than {max}").format(
            value=text, max=MAX_USAGE_AMOUNT))
    if unit == "count" and not value.is_integer():
        raise _Row(_("amount {value} is not a whole number (the service counts)").format(
            value=text))
    return value


def _users(text: str) -> int:
    """A count of ASCII digits, 0 to MAX_USAGE_USERS."""
    if not _WHOLE.fullmatch(text):
        raise _Row(_("users '{value}' is not a whole number of 0 or more").format(value=text))
    if len(text) > 18 or int(text) > MAX_USAGE_USERS:
        raise _Row(_("users {value} is more than {max}").format(value=text, max=MAX_USAGE_USERS))
    return int(text)


def _usage(cells: list[str], columns: dict[str, int], units: dict[str, str]) -> MonthlyUsage:
    if len(cells) != len(columns):
        raise _Row(_("expected {expected} fields, found {found}").format(
            expected=len(columns), found=len(cells)))
    service, month, amount, users = (cells[columns[c]].strip() for c in COLUMNS)
    if service not in units:
        raise _Row(_("unknown service '{service}' (known: {known})").format(
            service=service, known=", ".join(units) or _("none")))
    if not USAGE_MONTH.fullmatch(month):
        raise _Row(_("month '{month}' is not YYYY-MM").format(month=month))
    return MonthlyUsage(service, month, _amount(amount, units[service]), _users(users))


STAGE = """CREATE TEMP TABLE usage_import (
    service TEXT NOT NULL, month TEXT NOT NULL, amount REAL NOT NULL, users INTEGER NOT NULL,
    line INTEGER NOT NULL, PRIMARY KEY (service, month)) WITHOUT ROWID"""


class _Stage:
    """The rows read so far, in the connection's temporary table ``usage_import``."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn, self.path = conn, path
        self.batch: list[tuple[str, str, float, int, int]] = []
        self.rows = 0

    def add(self, line: int, usage: MonthlyUsage) -> None:
        self.batch.append((usage.service, usage.month, usage.amount, usage.users, line))
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Stage the batch; the first row whose service and month came before is refused."""
        before = self.conn.total_changes
        self.conn.executemany("INSERT INTO usage_import VALUES (?, ?, ?, ?, ?)"
                              " ON CONFLICT DO NOTHING", self.batch)
        if self.conn.total_changes - before < len(self.batch):
            for service, month, _amount, _users, line in self.batch:
                first = self.conn.execute(
                    "SELECT line FROM usage_import WHERE service = ? AND month = ?",
                    (service, month)).fetchone()[0]
                if first != line:
                    raise DataFileError(_("{path}, line {line}: {problem}").format(
                        path=self.path, line=line, problem=_(
                            "{service} {month} is already on line {line}").format(
                            service=service, month=month, line=first)))
        self.rows += len(self.batch)
        self.batch.clear()


def _stage_file(stage: _Stage, stream: BinaryIO, units: dict[str, str]) -> None:
    """Every row of the file into ``stage``, or the first problem (in the file's order)."""
    with closing(_records(stage.path, stream)) as records:
        _stage_records(stage, records, units)


def _stage_records(stage: _Stage, records: Iterator[tuple[int, list[str]]],
                   units: dict[str, str]) -> None:
    path, columns = stage.path, None
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines are allowed anywhere
        if columns is None:
            columns = _header(path, cells)
            continue
        try:
            usage = _usage(cells, columns, units)
        except _Row as problem:
            stage.flush()  # a service and month given twice before this line comes first
            raise DataFileError(_("{path}, line {line}: {problem}").format(
                path=path, line=line, problem=problem)) from None
        stage.add(line, usage)
    stage.flush()
    if columns is None:
        raise DataFileError(_("{path}: empty (expected the header {columns})").format(
            path=path, columns=",".join(COLUMNS)))
    if not stage.rows:
        raise DataFileError(_("{path}: no usage rows after the header").format(path=path))


AUDITED_ROWS = 500  # an import of more rows is audited as its sum


def import_usage(store: Store, path: Path, stream: BinaryIO | None = None, *,
                 now: datetime | None = None) -> ImportResult:
    """Add or replace the file's usage rows in one transaction; nothing is saved on error.

    ``stream``, when given, is read instead of ``path`` (standard input), which then only
    names it; it is read with the same limits, and left open.
    """
    if store.db.read_only:
        raise StoreReadOnly(_("{path}: the store is read-only").format(path=store.path))
    with store.db.read() as conn:  # the staging writes only the temporary database
        units = dict(conn.execute("SELECT key, unit FROM metered_service ORDER BY sort_order"))
        conn.execute("DROP TABLE IF EXISTS temp.usage_import")
        conn.execute(STAGE)
        try:
            with open_csv(path) if stream is None else nullcontext(stream) as source:
                conn.execute("BEGIN")
                try:
                    _stage_file(_Stage(conn, path), source, units)
                finally:
                    conn.execute("COMMIT")  # the temporary table only: nothing to undo
            return _merge(store, now)
        finally:
            conn.execute("DROP TABLE IF EXISTS temp.usage_import")


def _merge(store: Store, now: datetime | None) -> ImportResult:
    """The staged rows into the store, in one transaction that checks the services again."""
    with store.db.transaction() as conn:
        gone = conn.execute("SELECT DISTINCT service FROM usage_import WHERE service NOT IN"
                            " (SELECT key FROM metered_service)").fetchone()
        if gone is not None:
            raise StoreError(_("the service '{service}' was removed while the file was read; "
                               "nothing was imported").format(service=gone[0]))
        total, replaced = conn.execute(
            "SELECT count(*), count(m.service) FROM usage_import AS i"
            " LEFT JOIN main.monthly_usage AS m USING (service, month)").fetchone()
        audited = [Change(f"usage {service} {month}", _audited_usage(old, old_users),
                          _audited_usage(amount, users))
                   for service, month, old, old_users, amount, users
                   in conn.execute("SELECT i.service, i.month, m.amount, m.users, i.amount,"
                                   " i.users FROM usage_import AS i LEFT JOIN"
                                   " main.monthly_usage AS m USING (service, month)"
                                   " ORDER BY i.service, i.month LIMIT ?", (AUDITED_ROWS + 1,))]
        conn.execute("""INSERT INTO main.monthly_usage (service, month, amount, users)
                        SELECT service, month, amount, users FROM usage_import WHERE true
                        ON CONFLICT (service, month)
                        DO UPDATE SET amount = excluded.amount, users = excluded.users""")
        months = tuple(row[0] for row in conn.execute(
            "SELECT DISTINCT month FROM usage_import ORDER BY month"))
        if len(audited) > AUDITED_ROWS:  # a long file: its sum, not every row
            audited = [Change("usage", None, f"{total - replaced} rows added, {replaced} replaced,"
                              f" months {months[0]} to {months[-1]}")]
        append_audit(conn, audited, now=now)
    return ImportResult(added=total - replaced, replaced=replaced, months=months)


def _audited_usage(amount: float | None, users: int | None) -> str | None:
    return None if amount is None else f"{amount:g} ({users} users)"
