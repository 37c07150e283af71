"""The System messages list: its columns and a source that pages events from the store."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import datetime

from rich.text import Text

from licscreen.format import badge, fmt_time, fmt_until, safe
from licscreen.i18n import _
from licscreen.store.models import EventScope, EventStatus, Level, SystemEvent
from licscreen.store.queries import Store
from licscreen.tui.levels import accent_style, level_style
from licscreen.tui.paged_table import Column, Row

EVENT_COLUMNS = [
    Column(_("Operation"), width=16),
    Column(_("Status"), width=9),
    Column(_("Message"), min_width=12),
    Column(_("Activated"), width=12, drop_order=1),
    Column(_("Activated by"), width=12),
    Column(_("Ends"), width=13),
    Column(_("Type"), width=9, drop_order=2),
]

STATUS_LABELS = {
    EventStatus.ACTIVE: _("Active"),
    EventStatus.RUNNING: _("Running"),
    EventStatus.FINISHED: _("Finished"),
    EventStatus.FAILED: _("Failed"),
    EventStatus.CANCELLED: _("Cancelled"),
}
SCOPE_LABELS = {
    EventScope.SYSTEM: _("System"),
    EventScope.DATABASE: _("Database"),
    EventScope.GROUP: _("Group"),
    EventScope.USER: _("User"),
}


def scope_label(event: SystemEvent) -> str:
    label = SCOPE_LABELS[event.scope]
    if event.scope in (EventScope.GROUP, EventScope.USER) and event.owner_name:
        return f"{label}: {event.owner_name}"
    return label


def status_text(event: SystemEvent, now: datetime, app) -> Text:
    style = {
        EventStatus.RUNNING: accent_style(app),
        EventStatus.ACTIVE: app.current_theme.success or "",
        EventStatus.FINISHED: "dim",
        EventStatus.FAILED: level_style(app, Level.ERROR),
        EventStatus.CANCELLED: "dim italic",
    }[event.status]
    return Text(STATUS_LABELS[event.status], style=style)


def event_row(event: SystemEvent, now: datetime, app) -> Row:
    if event.activated_by:
        by = badge(event.activated_by, event.activated_by_name)
        by.append(" ")
        by.append_text(safe(event.activated_by, one_line=True))
    else:
        by = Text(_("system"), style="dim")
    ends = Text("")
    if event.ends is not None:
        if event.status.is_over:
            ends = Text(fmt_time(event.ends, now), style="dim")
        else:
            overdue = event.is_overdue(now)
            ends = Text(fmt_until(event.ends, now),
                        style=level_style(app, Level.WARNING) if overdue else "")
    return Row(
        event.id,
        (
            safe(event.name, one_line=True),
            status_text(event, now, app),
            safe(event.message, one_line=True),
            Text(fmt_time(event.activated, now)),
            by,
            ends,
            Text(scope_label(event)),
        ),
    )


class EventSource:
    """System events, newest first, read a page at a time."""

    def __init__(self, store: Store, now: Callable[[], datetime], app) -> None:
        self.store = store
        self.now = now
        self.app = app
        self._count = store.event_count()

    def count(self) -> int:
        return self._count

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        now = self.now()
        return [event_row(e, now, self.app) for e in self.store.events(offset, limit)]

    def index_of(self, key: Hashable) -> int | None:
        return self.store.event_position(key) if isinstance(key, int) else None
