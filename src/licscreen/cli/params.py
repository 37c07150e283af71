"""Numbers from the command line: ASCII digits only, each in its range, or a one-line error.

click's ``int`` and ``IntRange`` take whatever Python's ``int()`` takes: ``'١٢'`` (Arabic-Indic
digits), ``' 12 '``, ``'1_000'``, ``'+12'``, and numbers of any size, which then overflow SQLite
or ``timedelta`` with a traceback. :class:`Count` takes ``0``-``9`` only, at most its maximum.
"""

from __future__ import annotations

import re
from typing import IO, Any

import click

from licscreen.cli.common import EXIT_BAD_INPUT
from licscreen.i18n import _

SQLITE_MAX_INT = 2**63 - 1  # an SQLite INTEGER (a row ID among them)
MAX_DAYS = 36_500  # about 100 years: --warn-days, --crit-days, --failed-days
_DIGITS = re.compile(r"[0-9]{1,30}")


def parse_count(text: str, low: int, high: int) -> int | None:
    """``text`` as a whole number from ``low`` to ``high`` (ASCII digits only), else None."""
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


class NumberOutOfRange(click.BadParameter):
    """A number refused: one line on stderr, exit code 2, no usage block (the commands that
    turn usage errors into their own lines, ``events`` and ``check``, still can)."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"licscreen: {self.format_message()}", err=True)


class Count(click.IntRange):
    """A whole number of ASCII digits from ``low`` to ``high`` (an IntRange, so that --help
    shows the range as before)."""

    def __init__(self, low: int = 0, high: int = SQLITE_MAX_INT) -> None:
        super().__init__(min=low, max=high)
        self.low, self.high = low, high

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number: int | None = value if self.low <= value <= self.high else None
        else:
            number = parse_count(str(value), self.low, self.high)
        if number is None:
            raise NumberOutOfRange(_("'{value}' is not a whole number from {low} to {high}")
                                   .format(value=value, low=self.low, high=self.high),
                                   ctx=ctx, param=param)
        return number

    def __repr__(self) -> str:
        return f"Count({self.low}, {self.high})"


_DURATION = re.compile(r"([0-9]{1,12})([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86_400}
MAX_DURATION_S = MAX_DAYS * 86_400


def parse_duration(text: str, low: int = 1, high: int = MAX_DURATION_S) -> int | None:
    """``90s``, ``30m``, ``1h``, ``2d`` as seconds from ``low`` to ``high`` (ASCII digits and
    one unit, nothing else), else None."""
    match = _DURATION.fullmatch(text)
    if match is None:
        return None
    seconds = int(match[1]) * _UNIT_SECONDS[match[2]]
    return seconds if low <= seconds <= high else None


class Duration(click.ParamType[int]):
    """A duration such as ``90s``, ``30m``, ``1h`` or ``2d``, as whole seconds in a range."""

    name = "duration"

    def __init__(self, low: int = 1, high: int = MAX_DURATION_S) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            seconds: int | None = value if self.low <= value <= self.high else None
        else:
            seconds = parse_duration(str(value), self.low, self.high)
        if seconds is None:
            raise NumberOutOfRange(_(
                "'{value}' is not a duration such as 90s, 30m, 1h or 2d (from {low} s to "
                "{days} days)").format(value=value, low=self.low, days=self.high // 86_400),
                ctx=ctx, param=param)
        return seconds


_SEATS = re.compile(r"([0-9]{1,7})(%?)")
MAX_SEATS = 1_000_000


class SeatLimit(click.ParamType[tuple[int, bool]]):
    """Free seats: a number (``3``) or a share of the total (``10%``): (value, is a share)."""

    name = "seats"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> tuple[int, bool]:
        if isinstance(value, tuple):
            return value
        match = _SEATS.fullmatch(str(value))
        if match is not None:
            number, percent = int(match[1]), bool(match[2])
            if number <= (100 if percent else MAX_SEATS):
                return number, percent
        raise NumberOutOfRange(_(
            "'{value}' is not a number of seats from 0 to {most} or a share from 0% to "
            "100%").format(value=value, most=MAX_SEATS), ctx=ctx, param=param)
