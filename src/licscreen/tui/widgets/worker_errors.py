"""One place for the errors of every worker.

Textual posts ``Worker.StateChanged`` to the widget or screen that started the worker and does
not bubble it, so each class that runs workers mixes this in: a failed worker is reported by
the app (one line, as a notification), never lost and never a traceback.
"""

from __future__ import annotations

from typing import cast

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from licscreen.tui.context import app_of


class ReportWorkerErrors:
    """Mixin for widgets and screens that run workers."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            app_of(cast("DOMNode", self)).report_worker_error(event.worker.error)
