"""What ``licscreen check`` concludes from a store's :class:`~licscreen.store.summary.Summary`.

Pure logic, no printing: conditions become findings (OK, WARNING, CRITICAL), the worst one is
the result, and :meth:`CheckResult.lines` writes it the way monitoring plugins do (Nagios,
Icinga). ``result``: the states, findings and lines; ``conditions``: the conditions checked
from the start; ``seats``: free seats, the forecast and the owners' dates; ``evaluate``: all
of them at once.
"""

from __future__ import annotations

from licscreen.checks.conditions import MirrorSync, Thresholds
from licscreen.checks.evaluate import evaluate, status_words
from licscreen.checks.result import (
    PLUGIN,
    CheckResult,
    Finding,
    Kind,
    Perf,
    State,
    number,
    text,
    unknown,
)
from licscreen.checks.seats import FreeLimit

__all__ = ["PLUGIN", "CheckResult", "Finding", "FreeLimit", "Kind", "MirrorSync", "Perf", "State",
           "Thresholds", "evaluate", "number", "status_words", "text", "unknown"]
