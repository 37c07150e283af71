"""The System messages list: its columns and a source that pages events from the store."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime
from typing import Any, overload

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
    read_snapshot,
    remember_count,
    rows_before,
    sort_key,
    sort_key_of,
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


class LazyRows(Sequence[Row]):
    """A page's rows, each made when first drawn: a reload shows a screenful of a page, and
    making all hundred rows of it would cost the key pressed meanwhile some 20 ms."""

    def __init__(self, events: Sequence[SystemEvent], now: datetime, app: App[Any]) -> None:
        self._events = events
        self._now = now
        self._app = app
        self._made: dict[int, Row] = {}

    def __len__(self) -> int:
        return len(self._events)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | Sequence[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._events)
        row = self._made.get(index)
        if row is None:
            row = self._made[index] = event_row(self._events[index], self._now, self._app)
        return row


class EventSource:
    """System events, newest first, read a page at a time; ``where`` filters them.

    The events of the pages read are kept, so that the rows can be drawn again as the clock
    moves ("in 12 min" becomes "in 11 min") without reading the store again.

    Made in the list's loading worker, in one read transaction (``read_snapshot``) on
    ``reader`` (the list's own connection; the app's by default): the count, the first page,
    the row of the event the cursor is to stay on and the rows ``around`` it (a screenful), so
    that they agree however fast others write, and showing the list reads nothing more. Pages
    scrolled to later are read through ``store``, the app's connection.

    When counting the filter's events is slow (a filter with many candidates or a short text:
    up to a second at a million events), ``exact`` is False and :meth:`count` is only the rows
    known so far until :meth:`set_count` gives the true one (counted in the background,
    ``count_apart``). ``keep`` is the event the cursor should stay on; ``anchor`` where it was
    (its sort key), so that when it is gone the cursor goes to the row that took its place
    (the next older; the previous when it was the last). :attr:`keep` is then that row's
    event, else the first row's. ``thorough``: find the asked-for event's row however deep it
    is (a reload of the same filter); otherwise only among the rows read (a keystroke in the
    filter).
    """

    def __init__(self, store: Store, now: Callable[[], datetime], app: App[Any],
                 where: EventFilter | None = None, *, keep: Hashable | None = None,
                 thorough: bool = True, anchor: tuple[Any, int] | None = None,
                 reader: Store | None = None, around: int = 0) -> None:
        self.store = store
        self.reader = reader or store
        self.now = now
        self.app = app
        self.where = where or EventFilter()
        self.asked = keep
        self._pages: OrderedDict[tuple[int, int], list[SystemEvent]] = OrderedDict()
        self._known: dict[Hashable, int | None] = {}  # event ID -> its row, found ahead
        with read_snapshot(self.reader):
            first = self._read_first()
            self.keep = self._find(keep, anchor, thorough, around) if keep is not None else None
        self._pager.store = store  # later pages: through the app's connection
        if self.keep is None and first:
            self.keep = first[0].id

    def _read_first(self) -> list[SystemEvent]:
        reader = self.reader
        self.plan = plan_for(reader, self.where)
        self.version = store_version(reader)
        self.total = cached_count(reader, EventFilter(), event_count, self.version)
        count = known_count(reader, self.where, self.version) if self.where.active else self.total
        if count is None and self.plan.cheap:
            count = cached_count(reader, self.where, lambda s, w: event_count(s, w, self.plan),
                                 self.version)
        self.exact = count is not None
        self._count = count if count is not None else PAGE_SIZE
        self._pager = EventPager(reader, self.where, self._count, self.plan, exact=self.exact)
        first = self._page(0, PAGE_SIZE)
        if not self.exact:
            self._count = len(first)
            if len(first) < PAGE_SIZE:
                self.set_count(len(first))
        return first

    def _find(self, key: Hashable, anchor: tuple[Any, int] | None, thorough: bool,
              around: int) -> Hashable | None:
        """The event the cursor goes to: ``key``'s, or the one that took its place."""
        if self._count == 0:
            return None
        index = self._read_index(key)
        deep = thorough or (self.exact and self.plan.cheap)
        if index is None:
            if not (deep and isinstance(key, int)):
                return None
            # where it is now, else where it was
            sort = sort_key_of(self.reader, key, self.where.order) or anchor
            if sort is None:
                return None
            before = rows_before(self.reader, self.where, sort, self.plan)
            index = min(before, self._count - 1) if self.exact else before
            if index >= PAGE_SIZE:
                self._page_at(index, before, sort)
        index = min(index, self._count - 1)  # it was the last: the one before it
        if self._event_at(index) is None:
            index -= 1
        self._read_around(index, around)
        event = self._event_at(index)
        if event is None:
            return None
        self._known[event.id] = index
        return event.id

    def _page_at(self, index: int, before: int, sort: tuple[Any, int]) -> None:
        """Read the page of row ``index`` from the sort key ``sort``, which ``before`` rows
        come ahead of."""
        offset = index - index % PAGE_SIZE
        limit = PAGE_SIZE if not self.exact else min(PAGE_SIZE, self._count - offset)
        page = self._pager.page_at(offset, limit, before, sort)
        self._keep_page(offset, page)
        if not self.exact:
            self._count = self._pager.total = max(self._count, offset + len(page))

    def _read_around(self, index: int, around: int) -> None:
        """The pages ``around`` rows either side of ``index`` touch, from its page outward."""
        if around <= 0:
            return
        page = index - index % PAGE_SIZE
        last = min(index + around, self._count - 1)
        for offset in range(page + PAGE_SIZE, last - last % PAGE_SIZE + 1, PAGE_SIZE):
            self._page(offset, PAGE_SIZE)
        for offset in range(page - PAGE_SIZE, max(0, index - around) - 1, -PAGE_SIZE):
            self._page(offset, PAGE_SIZE)

    def _event_at(self, index: int) -> SystemEvent | None:
        page = self._pages.get((index - index % PAGE_SIZE, PAGE_SIZE)) if index >= 0 else None
        return page[index % PAGE_SIZE] if page and index % PAGE_SIZE < len(page) else None

    def set_count(self, count: int) -> None:
        """The true count, once made: the list reaches its last row."""
        self._count = self._pager.total = count
        self.exact = self._pager.exact = True
        remember_count(self.reader, self.where, self.version, count)

    def count(self) -> int:
        return self._count

    def _keep_page(self, offset: int, page: list[SystemEvent], limit: int = PAGE_SIZE
                   ) -> list[SystemEvent]:
        self._pages[(offset, limit)] = page
        if len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    def _page(self, offset: int, limit: int) -> list[SystemEvent]:
        page = self._pages.get((offset, limit))
        if page is None:
            page = self._keep_page(offset, self._pager.page(offset, limit), limit)
        else:
            self._pages.move_to_end((offset, limit))
        return page

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        return LazyRows(self._page(offset, limit), self.now(), self.app)

    def _read_index(self, key: Hashable) -> int | None:
        for (offset, _limit), page in self._pages.items():
            for n, event in enumerate(page):
                if event.id == key:
                    return offset + n
        return None

    def read_index(self, key: Hashable) -> int | None:
        """``key``'s row among the rows read, without reading the store."""
        if key in self._known:
            return self._known[key]
        return self._read_index(key)

    def sort_key(self, key: Hashable) -> tuple[Any, int] | None:
        """Where ``key``'s event sorts, if its row has been read."""
        for page in self._pages.values():
            for event in page:
                if event.id == key:
                    return sort_key(event, self.where.order)
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
