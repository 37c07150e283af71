"""One place for the errors of every worker.

Textual posts ``Worker.StateChanged`` to the widget or screen that started the worker and does
not bubble it, so each class that runs workers mixes this in: a failed worker is reported by
the app (one line, as a notification), never lost and never a traceback.
"""

from __future__ import annotations

from textual.worker import Worker, WorkerState


class ReportWorkerErrors:
    """Mixin for widgets and screens that run workers."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.app.report_worker_error(event.worker.error)  # type: ignore[attr-defined]
