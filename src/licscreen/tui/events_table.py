"""The System messages list: its columns and a source that pages events from the store."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime

from rich.text import Text

from licscreen.format import badge, fmt_time, fmt_until, safe
from licscreen.i18n import _
from licscreen.l10n import moment_width
from licscreen.labels import event_name
from licscreen.store.models import EventScope, EventStatus, Level, SystemEvent
from licscreen.store import event_queries
from licscreen.store.event_queries import EventFilter
from licscreen.store.event_pages import EventPager, cached_count, position
from licscreen.store.queries import Store
from licscreen.tui.levels import accent_style, level_style
from licscreen.tui.paged_table import CACHED_PAGES, Column, Row

EVENT_COLUMNS = [
    Column(_("Operation"), width=16),
    Column(_("Status"), width=9),
    Column(_("Message"), min_width=12),
    Column(_("Activated"), width=moment_width(), drop_order=1),  # 12 in English
    Column(_("Activated by"), width=12),
    Column(_("Ends"), width=max(13, moment_width())),
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
            safe(event_name(event.key, event.name), one_line=True),
            status_text(event, now, app),
            safe(event.message, one_line=True),
            Text(fmt_time(event.activated, now)),
            by,
            ends,
            Text(scope_label(event)),
        ),
    )


class EventSource:
    """System events, newest first, read a page at a time; ``where`` filters them.

    The events of the pages read are kept, so that the rows can be drawn again as the clock
    moves ("in 12 min" becomes "in 11 min") without reading the store again.
    """

    def __init__(self, store: Store, now: Callable[[], datetime], app,
                 where: EventFilter | None = None) -> None:
        self.store = store
        self.now = now
        self.app = app
        self.where = where or EventFilter()
        self._count = cached_count(store, self.where, event_queries.event_count)
        self.total = (cached_count(store, EventFilter(), event_queries.event_count)
                      if self.where.active else self._count)
        self._pager = EventPager(store, self.where, self._count)  # keyset paging
        self._pages: OrderedDict[tuple[int, int], list[SystemEvent]] = OrderedDict()

    def count(self) -> int:
        return self._count

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        page = self._pages.get((offset, limit))
        if page is None:
            page = self._pager.page(offset, limit)
            self._pages[(offset, limit)] = page
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        now = self.now()
        return [event_row(e, now, self.app) for e in page]

    def index_of(self, key: Hashable) -> int | None:
        if not isinstance(key, int):
            return None
        return position(self.store, self.where, key)  # counted through the index
