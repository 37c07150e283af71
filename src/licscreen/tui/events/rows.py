"""The System messages list: its columns and a source that pages events from the store."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import App

from licscreen.i18n import N_, _
from licscreen.i18n.l10n import moment_width
from licscreen.present.labels import event_name, status_label
from licscreen.present.labels import scope_label as scope_word
from licscreen.present.time import fmt_time, fmt_until
from licscreen.render.text import badge, safe
from licscreen.store import EventScope, EventStatus, Level, Store, SystemEvent
from licscreen.store.events import (
    EventFilter,
    EventPager,
    cached_count,
    event_count,
    known_count,
    plan_for,
    position,
    remember_count,
    store_version,
)
from licscreen.tui.widgets.levels import accent_style, level_style
from licscreen.tui.widgets.paged_table import CACHED_PAGES, PAGE_SIZE
from licscreen.tui.widgets.table_model import Column, Row


def event_columns() -> list[Column]:
    """The list's columns; the moments' widths are those of the language in use."""
    return [
        Column(N_("Operation"), width=16),
        Column(N_("Status"), width=9),
        Column(N_("Message"), min_width=12),
        Column(N_("Activated"), width=moment_width(), drop_order=1),  # 12 in English
        Column(N_("Activated by"), width=12),
        Column(N_("Ends"), width=max(13, moment_width())),
        Column(N_("Type"), width=9, drop_order=2),
    ]



def scope_label(event: SystemEvent) -> str:
    label = scope_word(event.scope, capitalised=True)
    if event.scope in (EventScope.GROUP, EventScope.USER) and event.owner_name:
        return f"{label}: {event.owner_name}"
    return label


def status_text(event: SystemEvent, now: datetime, app: App[Any]) -> Text:
    style = {
        EventStatus.RUNNING: accent_style(app),
        EventStatus.ACTIVE: app.current_theme.success or "",
        EventStatus.FINISHED: "dim",
        EventStatus.FAILED: level_style(app, Level.ERROR),
        EventStatus.CANCELLED: "dim italic",
    }[event.status]
    return Text(status_label(event.status), style=style)


def event_row(event: SystemEvent, now: datetime, app: App[Any]) -> Row:
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
            safe(scope_label(event), one_line=True),
        ),
    )


class EventSource:
    """System events, newest first, read a page at a time; ``where`` filters them.

    The events of the pages read are kept, so that the rows can be drawn again as the clock
    moves ("in 12 min" becomes "in 11 min") without reading the store again.

    Made in the list's loading worker: it reads the first page at once. When counting the
    filter's events is slow (a filter with many candidates or a short text: up to a second at a
    million events), ``exact`` is False and :meth:`count` is only the rows known so far until
    :meth:`set_count` gives the true one (counted in the background, ``count_apart``).
    ``keep`` is the event the cursor should stay on: the one asked for when its row is known,
    else the first row. ``thorough``: find the asked-for event's row however deep it is (a
    reload of the same filter); otherwise only among the rows read (a keystroke in the filter).
    """

    def __init__(self, store: Store, now: Callable[[], datetime], app: App[Any],
                 where: EventFilter | None = None, *, keep: Hashable | None = None,
                 thorough: bool = True) -> None:
        self.store = store
        self.now = now
        self.app = app
        self.where = where or EventFilter()
        self.plan = plan_for(store, self.where)
        self.version = store_version(store)
        self.total = cached_count(store, EventFilter(), event_count, self.version)
        count = known_count(store, self.where, self.version) if self.where.active else self.total
        if count is None and self.plan.cheap:
            count = cached_count(store, self.where, lambda s, w: event_count(s, w, self.plan),
                                 self.version)
        self.exact = count is not None
        self._count = count if count is not None else PAGE_SIZE
        self._pager = EventPager(store, self.where, self._count, self.plan, exact=self.exact)
        self._pages: OrderedDict[tuple[int, int], list[SystemEvent]] = OrderedDict()
        self._known: dict[Hashable, int | None] = {}  # event ID -> its row, found ahead
        first = self._page(0, PAGE_SIZE)
        if not self.exact:
            self._count = len(first)
            if len(first) < PAGE_SIZE:
                self.set_count(len(first))
        self.keep = self._find(keep, thorough) if keep is not None else None
        if self.keep is None and first:
            self.keep = first[0].id

    def _find(self, key: Hashable, thorough: bool) -> Hashable | None:
        index = self._read_index(key)
        deep = thorough or (self.exact and self.plan.cheap)
        if index is None and isinstance(key, int) and deep:
            index = position(self.store, self.where, key, self.plan)
            if index is not None and not self.exact:
                self._count = self._pager.total = max(self._count, index + 1)
            self._known[key] = index
            return key
        return key if index is not None else None

    def set_count(self, count: int) -> None:
        """The true count, once made: the list reaches its last row."""
        self._count = self._pager.total = count
        self.exact = self._pager.exact = True
        remember_count(self.store, self.where, self.version, count)

    def count(self) -> int:
        return self._count

    def _page(self, offset: int, limit: int) -> list[SystemEvent]:
        page = self._pages.get((offset, limit))
        if page is None:
            page = self._pager.page(offset, limit)
            self._pages[(offset, limit)] = page
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        return page

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        now = self.now()
        return [event_row(e, now, self.app) for e in self._page(offset, limit)]

    def _read_index(self, key: Hashable) -> int | None:
        for (offset, _limit), page in self._pages.items():
            for n, event in enumerate(page):
                if event.id == key:
                    return offset + n
        return None

    def index_of(self, key: Hashable) -> int | None:
        if not isinstance(key, int) or self._count == 0:
            return None
        if key in self._known:
            return self._known[key]
        index = self._read_index(key)
        if index is None:
            index = position(self.store, self.where, key, self.plan)  # counted through the index
            if index is not None and index >= self._count:
                return None  # beyond the rows known while the count is being made
        return index
