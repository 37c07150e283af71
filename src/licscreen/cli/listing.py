"""``--sort COLUMN`` (``-COLUMN`` descending) and ``--filter TEXT``: the app's list handling on the
command line (:mod:`licscreen.present.listing`). A list's columns are its JSON fields; an
unknown one is refused with the list of those there are (exit code 2)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from licscreen.cli.common import CliError
from licscreen.i18n import N_
from licscreen.present.listing import ListView, UnknownColumn, apply_view, as_text, view_of

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

SORT_HELP = N_("Sort by this column ('-COLUMN': descending); the columns are the JSON fields.")
FILTER_HELP = N_("Only the rows with TEXT in any column ('!TEXT': those without it).")


def list_options(command: F) -> F:
    """--sort and --filter, as ``sort`` and ``filter_text``."""
    command = click.option("--filter", "filter_text", metavar="TEXT", help=FILTER_HELP)(command)
    return click.option("--sort", "sort", metavar="COLUMN", help=SORT_HELP)(command)


def list_view(sort: str | None, filter_text: str | None, names: Sequence[str]) -> ListView:
    """The view asked for, or a one-line refusal naming the columns there are."""
    try:
        return view_of(sort, filter_text, names)
    except UnknownColumn as error:
        raise CliError(f"--sort: {error}") from None


def view_rows(pairs: Sequence[tuple[T, dict[str, Any]]], view: ListView,
              fields: Sequence[str]) -> list[tuple[T, dict[str, Any]]]:
    """(item, its JSON row) pairs as ``view`` shows them: filtered on every field, sorted by
    one (rows without a value last)."""
    keys = {name: (lambda pair, name=name: pair[1][name]) for name in fields}
    return apply_view(pairs, view, texts=lambda pair: [as_text(pair[1][f]) for f in fields],
                      keys=keys)
