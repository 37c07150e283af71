"""``licscreen sync --every SECONDS``: keep a mirror fresh in a loop.

One line per sync (its time and what changed, or with --json one JSON object per line); a
failed sync prints its one line on stderr and the loop goes on. Ctrl+C (SIGINT) or SIGTERM ends
it with exit code 0, between syncs or during one: a sync is one transaction, so one cut short
writes nothing.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from types import FrameType
from typing import Any

from licscreen.cli.common import CliError


class _Stop(BaseException):
    """SIGTERM: end the loop as Ctrl+C does."""


def _stop(_signum: int, _frame: FrameType | None) -> None:
    raise _Stop


def run_every(seconds: int, start: datetime, once: Callable[[datetime], tuple[Any, Any]],
              report: Callable[[Any, Any, datetime], None]) -> None:
    """``once`` every ``seconds`` until SIGINT or SIGTERM; ``report`` says what each did."""
    began = time.monotonic()
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        while True:
            moment = start + timedelta(seconds=time.monotonic() - began)
            try:
                snapshot, result = once(moment)
            except CliError as error:
                error.show()  # one line on stderr; the next sync may well succeed
            else:
                report(snapshot, result, moment)
            time.sleep(seconds)
    except (KeyboardInterrupt, _Stop):
        return
    finally:
        signal.signal(signal.SIGTERM, previous)
