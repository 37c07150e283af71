"""The System messages list's view: its columns as ``--sort`` names them, the order a view asks
for, and what ``w`` exports (``licscreen events list --json``'s fields, read page by page)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from licscreen.present.export import EVENT_FIELDS, event_json
from licscreen.present.listing import ListView
from licscreen.store import Store
from licscreen.store.events import NEWEST_FIRST, EventFilter, EventOrder, event_count, every_page
from licscreen.tui.widgets.export import ExportSource

# The columns of event_columns(), as --sort names them (the JSON fields).
EVENT_SORT: list[str | None] = ["name", "status", "message", "activated", "activated_by", "ends",
                                "scope"]


def order_of(view: ListView) -> EventOrder:
    """The order a view asks for; none: newest first."""
    return NEWEST_FIRST if view.sort is None else EventOrder(view.sort, view.descending)


def events_export(store: Store, where: EventFilter, now: Callable[[], datetime]) -> ExportSource:
    """The events the list shows, in its order, as ``events list --json`` gives them; counted
    and read in the writing thread, a page at a time (a million in constant memory)."""
    def count() -> int:
        return event_count(store, where) if where.active else store.event_count()

    def rows() -> Iterator[dict[str, Any]]:
        moment = now()
        for page in every_page(store, where):
            yield from (event_json(event, moment) for event in page)

    return ExportSource(EVENT_FIELDS, rows, count)
