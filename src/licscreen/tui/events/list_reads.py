"""How the System messages list is read: in a worker, again as the store changes, and with the
cursor kept on its event however fast others write.

A change to the store (another process's commit, seen by the app's live refresh, or the app's
own write) reads the list again in a thread worker, off the message pump, on the list's own
connection (``open_reader``) and in one read transaction (``EventSource``). However fast the
changes come, one read runs and at most one more waits: every change that comes while a read
runs is answered by the one read after it (:meth:`ListReads.refresh_list`). A new filter gives
up the read under way (:meth:`ListReads.reload`).

The cursor is kept by its event's ID, never by its line: the read finds the event's row (and
the rows a screenful either side, so that showing them reads nothing on the UI thread), or,
when the event is gone, the row that took its place. A key pressed while a read runs moves the
cursor at once; when the read lands, the cursor stays where the key put it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Hashable
from dataclasses import dataclass

from textual import on, work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from licscreen.store import Store
from licscreen.store.events import EventFilter, count_apart, interruptible, open_reader
from licscreen.tui.context import app_of
from licscreen.tui.events.rows import EventSource
from licscreen.tui.live import StoreChange
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors


class ListReads(ReportWorkerErrors, Widget):
    """The reads of :class:`~licscreen.tui.events.messages.SystemMessages`' list."""

    where: EventFilter = EventFilter()

    @dataclass
    class Loaded(Message):
        events: EventSource

    @dataclass
    class Counted(Message):
        source: EventSource
        count: int

    _listed: EventSource | None = None  # the list shown
    _reading: Worker[None] | None = None  # the list's read under way
    _again = False  # the store changed while it was read: read it once more after
    _own_reader: Store | None = None

    @property
    def table(self) -> PagedTable:
        raise NotImplementedError

    def show_counts(self, source: EventSource) -> None:
        raise NotImplementedError

    def clear_filter(self) -> None:
        raise NotImplementedError

    @property
    def listed(self) -> EventSource | None:
        """The events the list shows (its filter, whether their count is known yet)."""
        return self._listed

    @property
    def reading(self) -> bool:
        """Is the list being read, or to be read again?"""
        return self._reading is not None or self._again

    def _store_changed(self, change: StoreChange) -> None:
        if change & (StoreChange.EVENTS | StoreChange.OTHER):
            self.refresh_list()

    def refresh_list(self) -> None:
        """Read the list again as the store changed: now, or after the read under way."""
        if self._reading is not None:
            self._again = True
        else:
            self.reload()

    def reload(self) -> None:
        """Read the list again now, keeping the cursor on its event (a read under way, of a
        filter no longer wanted, is given up)."""
        self.workers.cancel_group(self, "count")  # the count under way is out of date
        self._again = False
        table = self.table
        asked = table.selecting
        keep = asked if asked is not None else table.cursor_key
        listed = self._listed
        anchor = listed.sort_key(keep) if listed is not None and keep is not None else None
        # A reload of the filter shown (the store changed) finds the cursor's event however
        # deep; a new filter keeps it only when it is among the first rows read.
        thorough = asked is not None or (listed is not None and listed.where == self.where)
        around = max(table.size.height, 1)  # a screenful either side: drawing reads nothing
        self._reading = self.load_events(self.where, keep, thorough, anchor, around)

    _reader_lock = threading.Lock()

    def _reader(self) -> Store:
        """The list's own connection, opened by the first read (in its worker)."""
        with self._reader_lock:
            if self._own_reader is None:
                self._own_reader = open_reader(app_of(self).store)
            return self._own_reader

    def on_unmount(self) -> None:
        with self._reader_lock:
            own, store = self._own_reader, app_of(self).store
            self._own_reader = store  # a read still starting uses the app's
        if own is not None and own is not store:
            own.close()  # waits for a read under way, which gives up as its worker is cancelled

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_events(self, where: EventFilter, keep: Hashable | None, thorough: bool,
                    anchor: tuple[str, int] | None = None, around: int = 0) -> None:
        app = app_of(self)
        worker = get_current_worker()
        reader = self._reader()
        try:  # a scan of a million events gives way to the next keystroke's
            with interruptible(reader, lambda: worker.is_cancelled):
                events = EventSource(app.store, app.now, app, where, keep=keep,
                                     thorough=thorough, anchor=anchor, reader=reader,
                                     around=around)
        except sqlite3.OperationalError:
            if worker.is_cancelled:
                return
            raise
        if not worker.is_cancelled:
            self.post_message(self.Loaded(events))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        super().on_worker_state_changed(event)
        if event.worker is self._reading and event.worker.is_finished:
            self._reading = None
            if self._again:  # the store changed while it was read
                self.reload()

    @work(thread=True, exclusive=True, group="count", exit_on_error=False)
    def load_count(self, source: EventSource) -> None:
        """The filter's true count, on a connection of its own; given up when out of date."""
        worker = get_current_worker()
        count = count_apart(source.store, source.plan, lambda: worker.is_cancelled)
        if count is not None and not worker.is_cancelled:
            self.post_message(self.Counted(source, count))

    @on(Loaded)
    def _show_loaded(self, message: Loaded) -> None:
        message.stop()
        table = self.table
        source = message.events
        asked = table.selecting
        late = asked is not None and asked != source.asked  # asked for while it was read
        keep = source.keep
        if asked is None and table.cursor_key != source.asked:
            # A key moved the cursor while the rows were read: it stays where the key put it.
            keep = table.cursor_key
            if keep is not None and source.read_index(keep) is None:
                self._again = True  # beyond the rows read: the next read shows it
                return
        self._listed = source
        table.forget_selecting()  # the read has found it (or the next one will)
        table.set_source(source, keep=keep)
        self.show_counts(source)
        if not source.exact:
            self.load_count(source)
        if late:
            table.select_key(asked, wait=True)
            self._again = True
        elif asked is not None and table.cursor_key != asked and self.where.active:
            table.select_key(asked, wait=True)  # the filter hides the event asked for
            self.clear_filter()

    @on(Counted)
    def _show_count(self, message: Counted) -> None:
        message.stop()
        if message.source is not self._listed:
            return  # another list is shown by now
        message.source.set_count(message.count)
        self.table.set_source(message.source)  # the cursor keeps its event (on a page read)
        self.show_counts(message.source)
