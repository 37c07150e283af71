"""Importing monthly usage from a CSV file: all of it in one transaction, or nothing.

The file has a header row naming the columns ``service,month,amount,users`` (in any order)
and one row per service and month: the amount used that month (storage: bytes in use at the
month's end; the others: how many) and the number of users that month. A row for a service
and month already in the store replaces it. The first bad row stops the import with an error
naming the file, its line and what is wrong, and nothing from the file is saved.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from licscreen.i18n import _
from licscreen.store.errors import DataFileError, StoreError
from licscreen.store.models import MonthlyUsage
from licscreen.store.store import Store

COLUMNS = ("service", "month", "amount", "users")
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


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


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise StoreError(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise StoreError(_("{path}: is a folder, not a CSV file").format(path=path)) from None
    except OSError as error:
        raise StoreError(_("{path}: cannot be read ({reason})").format(
            path=path, reason=error.strerror or error)) from None
    except UnicodeDecodeError:
        raise DataFileError(_("{path}: not UTF-8 text").format(path=path)) from None


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
    try:
        value = float(text)
    except ValueError:
        raise _Row(_("amount '{value}' is not a number").format(value=text)) from None
    if not math.isfinite(value):
        raise _Row(_("amount '{value}' is not a number").format(value=text))
    if value < 0:
        raise _Row(_("amount {value} is negative").format(value=text))
    if unit == "count" and not value.is_integer():
        raise _Row(_("amount {value} is not a whole number (the service counts)").format(
            value=text))
    return value


def _users(text: str) -> int:
    if not re.fullmatch(r"\d+", text):
        raise _Row(_("users '{value}' is not a whole number of 0 or more").format(value=text))
    return int(text)


def _records(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each record of the CSV text."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise DataFileError(_("{path}, line {line}: not valid CSV ({reason})").format(
                path=path, line=reader.line_num, reason=error)) from None
        yield reader.line_num, cells


def parse_usage(path: Path, text: str, units: dict[str, str]) -> list[tuple[int, MonthlyUsage]]:
    """Every row of the file as (line number, usage); ``units`` maps service key to unit."""
    columns: dict[str, int] | None = None
    rows: list[tuple[int, MonthlyUsage]] = []
    seen: dict[tuple[str, str], int] = {}
    for line, cells in _records(path, text):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines are allowed anywhere
        if columns is None:
            columns = _header(path, cells)
            continue
        try:
            if len(cells) != len(columns):
                raise _Row(_("expected {expected} fields, found {found}").format(
                    expected=len(columns), found=len(cells)))
            service, month, amount, users = (cells[columns[c]].strip() for c in COLUMNS)
            if service not in units:
                raise _Row(_("unknown service '{service}' (known: {known})").format(
                    service=service, known=", ".join(units) or _("none")))
            if not MONTH.fullmatch(month):
                raise _Row(_("month '{month}' is not YYYY-MM").format(month=month))
            if (service, month) in seen:
                raise _Row(_("{service} {month} is already on line {line}").format(
                    service=service, month=month, line=seen[service, month]))
            usage = MonthlyUsage(service, month, _amount(amount, units[service]), _users(users))
        except _Row as problem:
            raise DataFileError(_("{path}, line {line}: {problem}").format(
                path=path, line=line, problem=problem)) from None
        seen[service, month] = line
        rows.append((line, usage))
    if columns is None:
        raise DataFileError(_("{path}: empty (expected the header {columns})").format(
            path=path, columns=",".join(COLUMNS)))
    if not rows:
        raise DataFileError(_("{path}: no usage rows after the header").format(path=path))
    return rows


def import_usage(store: Store, path: Path, text: str | None = None) -> ImportResult:
    """Add or replace the file's usage rows in one transaction; nothing is saved on error.

    ``text``, when given, is the file's content (standard input); ``path`` then only names it.
    """
    if text is None:
        text = _read_text(path)
    with store.db.transaction() as conn:
        units = dict(conn.execute("SELECT key, unit FROM metered_service ORDER BY sort_order"))
        rows = parse_usage(path, text, units)
        replaced = 0  # a file has a few dozen rows: not worth sqlite-utils' import (0.1 s)
        for _line, usage in rows:
            exists = conn.execute(
                "SELECT 1 FROM monthly_usage WHERE service = ? AND month = ?",
                (usage.service, usage.month),
            ).fetchone()
            replaced += exists is not None
            conn.execute(
                """INSERT INTO monthly_usage (service, month, amount, users)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT (service, month)
                   DO UPDATE SET amount = excluded.amount, users = excluded.users""",
                (usage.service, usage.month, usage.amount, usage.users),
            )
    months = tuple(sorted({usage.month for _line, usage in rows}))
    return ImportResult(added=len(rows) - replaced, replaced=replaced, months=months)
