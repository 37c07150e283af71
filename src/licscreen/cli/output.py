"""What the headless commands share: --json/--csv/--now, and writing JSON, CSV and tables.

Kept light: Rich is imported only when a table is printed for a person, so ``--json`` and
``--csv`` start about as fast as Python itself.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import click

from licscreen.cli.common import CliError
from licscreen.i18n import N_, _
from licscreen.present.export import FORMULA_STARTS as FORMULA_STARTS
from licscreen.present.export import csv_cell as csv_cell
from licscreen.present.export import csv_line as csv_line
from licscreen.present.export import iso as iso

if TYPE_CHECKING:  # Rich and the store load when they are used, not with the command line
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from licscreen.store import Store

F = TypeVar("F", bound=Callable[..., Any])


def parse_now(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime:
    """The hidden --now: an ISO moment (UTC unless it says otherwise), for tests."""
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            _("not an ISO date and time: {value}").format(value=value)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


now_option = click.option(
    "--now", callback=parse_now, hidden=True,
    help="Pretend it is this ISO moment (for tests).",
)


def output_options(csv: bool = True) -> Callable[[F], F]:
    """--json (and --csv): the forms for scripts; a table for people otherwise."""

    def decorate(command: F) -> F:
        if csv:
            command = click.option("--csv", "as_csv", is_flag=True,
                                   help=N_("Write CSV with a header row."))(command)
        return click.option("--json", "as_json", is_flag=True,
                            help=N_("Write JSON (see docs/json-formats.md)."))(command)

    return decorate


def output_form(as_json: bool, as_csv: bool = False) -> str:
    if as_json and as_csv:
        raise CliError(_("--json and --csv cannot be used together"))
    return "json" if as_json else "csv" if as_csv else "table"


@contextmanager
def reading(store: Store) -> Iterator[None]:
    """Reads of ``store``; an SQLite error becomes a one-line error, and the store is closed."""
    try:
        yield
    except sqlite3.Error as error:
        raise CliError(_("{path}: cannot read the store ({reason})").format(
            path=store.path, reason=error)) from None
    finally:
        store.close()


def write_json(data: object) -> None:
    """Indented, keys sorted, ASCII only (any other character as an escape): safe anywhere.

    Strict JSON: a NaN or an infinity (which no JSON parser must accept) is a one-line error,
    never written."""
    click.echo(_strict_dumps(data))


def write_json_array(pages: Iterable[Iterable[object]]) -> None:
    """What ``write_json`` writes for the items of ``pages`` in one list, written a page at a
    time: a long list is never held whole."""
    opened = False
    for page in pages:
        parts = []
        for item in page:
            text = (_flat_dumps(item) or _strict_dumps(item)).replace("\n", "\n  ")
            parts.append(("," if opened else "[") + "\n  " + text)
            opened = True
        click.echo("".join(parts), nl=False)
    click.echo("\n]" if opened else "[]")


def _flat_dumps(data: object) -> str | None:
    """What ``_strict_dumps`` writes for an object of plain values, at a fraction of its cost
    (json's indenting encoder is pure Python): a long list of days is written quickly. None
    for anything else, or a figure out of range (``_strict_dumps`` then says so)."""
    if not isinstance(data, dict) or not data:
        return None
    from json.encoder import encode_basestring_ascii as quoted

    fields = []
    for key in sorted(data):
        value = data[key]
        if not isinstance(key, str):
            return None
        if isinstance(value, str):
            text = quoted(value)
        elif value is None or isinstance(value, bool):
            text = "null" if value is None else "true" if value else "false"
        elif isinstance(value, int):
            text = int.__repr__(value)
        elif isinstance(value, float) and math.isfinite(value):
            text = float.__repr__(value)
        else:
            return None
        fields.append(f"  {quoted(key)}: {text}")
    return "{\n" + ",\n".join(fields) + "\n}"


def _strict_dumps(data: object) -> str:
    import json

    try:
        return json.dumps(data, indent=2, sort_keys=True, allow_nan=False)
    except ValueError:  # only from allow_nan: the figures' limits keep this from happening
        raise CliError(_("a figure is not a finite number: the store holds a value out of "
                         "range")) from None


def write_csv(fields: list[str], rows: Iterable[dict[str, Any]]) -> None:
    """A header row, then one row per dict; text without control characters or formulas."""
    lines = [csv_line(fields)]
    lines.extend(csv_line(row[field] for field in fields) for row in rows)
    click.echo("".join(lines), nl=False)


def console() -> Console:
    """A Rich console on stdout: colour only on a terminal, and never with NO_COLOR."""
    from rich.console import Console

    return Console(highlight=False, emoji=False, markup=False)


def table(*columns: str, title: Text | str | None = None, right: Iterable[str] = (),
          no_wrap: Iterable[str] = ()) -> Table:
    """A plain Rich table for people; headers are ours, cells must be Text from ``safe``.

    Columns named in ``right`` are right-aligned, those in ``no_wrap`` kept on one line.
    """
    from rich import box
    from rich.table import Table

    right, no_wrap = set(right), set(no_wrap)
    grid = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    for column in columns:
        grid.add_column(column, justify="right" if column in right else "left",
                        no_wrap=column in no_wrap)
    return grid
