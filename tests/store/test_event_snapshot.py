"""What the live list's reads rest on: the rows ahead of a sort key (its event there or gone),
a page read from a key, and reads that agree while another connection writes."""

from __future__ import annotations

import sqlite3

import pytest

from licscreen.store import Store
from licscreen.store.events import (
    EventFilter,
    EventPager,
    event_count,
    events,
    open_reader,
    position,
    read_snapshot,
    rows_before,
    sort_key_of,
)

FILTERS = [EventFilter(), EventFilter("re"), EventFilter(show_finished=False)]


@pytest.mark.parametrize("where", FILTERS, ids=["all", "text", "open"])
def test_rows_before_a_key_whether_its_event_is_there_or_gone(demo_store: Store,
                                                              where: EventFilter):
    listed = events(demo_store, where, 0, 1000)
    assert len(listed) >= 3
    for index, event in enumerate(listed):
        key = sort_key_of(demo_store, event.id)
        assert rows_before(demo_store, where, key) == index == position(demo_store, where,
                                                                          event.id)
    middle = listed[len(listed) // 2]
    key = sort_key_of(demo_store, middle.id)
    with demo_store.db.transaction() as conn:
        conn.execute("DELETE FROM system_event WHERE id = ?", (middle.id,))
    after = events(demo_store, where, 0, 1000)
    index = rows_before(demo_store, where, key)
    assert after[index] == listed[len(listed) // 2 + 1]  # the one that took its place
    assert sort_key_of(demo_store, middle.id) is None


@pytest.mark.parametrize("where", FILTERS, ids=["all", "text", "open"])
def test_a_page_read_from_a_key_is_the_page_read_by_offset(demo_store: Store,
                                                          where: EventFilter):
    listed = events(demo_store, where, 0, 1000)
    for offset in range(0, len(listed), 4):
        for index in range(offset, min(offset + 4, len(listed))):
            pager = EventPager(demo_store, where, len(listed))
            key = sort_key_of(demo_store, listed[index].id)
            assert pager.page_at(offset, 4, index, key) == listed[offset:offset + 4]
            assert pager.page(offset + 4, 4) == listed[offset + 4:offset + 8]  # on from there


def test_reads_in_a_snapshot_agree_while_another_connection_writes(demo_path):
    store = Store.open(demo_path)
    reader = open_reader(store)
    try:
        assert reader is not store and reader.read_only
        before = event_count(reader, EventFilter())
        other = sqlite3.connect(demo_path, isolation_level=None)
        with read_snapshot(reader):
            first = events(reader, EventFilter(), 0, 1000)
            other.execute("DELETE FROM system_event WHERE id = ?", (first[0].id,))
            assert events(reader, EventFilter(), 0, 1000) == first  # the same state
            assert event_count(reader, EventFilter()) == before
        other.close()
        assert event_count(reader, EventFilter()) == before - 1  # the next one sees it
        with pytest.raises(sqlite3.OperationalError), reader.db.read() as conn:
            conn.execute("DELETE FROM system_event")  # it is read-only
    finally:
        reader.close()
        store.close()
