"""The System messages in any order (store/events/order.py): every page read by keyset, forward
and back, is the page a plain ORDER BY gives; an event's row is found in that order; and the
first page of each order is read from an index (schema V_SORT)."""

from __future__ import annotations

import sqlite3

import pytest

from licscreen.store import Store, create_store
from licscreen.store.events import (
    SORT_NAMES,
    EventFilter,
    EventOrder,
    EventPager,
    event_count,
    position,
    rows_before,
    sort_key_of,
)
from licscreen.store.schema import MIGRATIONS
from licscreen.store.schema_events import SORT_INDEXES, V_SORT
from tests.kit.clock import FROZEN

ORDERS = [EventOrder(name, descending) for name in SORT_NAMES for descending in (False, True)]


@pytest.fixture(scope="module")
def bulk_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("order") / "bulk.db"
    create_store(path, demo=True, now=FROZEN, bulk=(1_200, 40)).close()
    store = Store.open(path)
    yield store
    store.close()


def reference(store: Store, where: EventFilter) -> list[int]:
    """The IDs in the order asked, by a plain ORDER BY over every row of the filter."""
    from licscreen.store.events import plan_for

    planned = plan_for(store, where)
    with store.db.read() as conn:
        return [r[0] for r in conn.execute(
            f"SELECT e.id FROM system_event e WHERE {planned.sql} {where.order.sql()}",
            planned.params)]


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: ("-" if o.descending else "") + o.column)
@pytest.mark.parametrize("text", ["", "import", "!import"])
def test_keyset_pages_in_any_order_match_a_plain_order_by(bulk_store, order, text):
    where = EventFilter(text=text, order=order)
    expected = reference(bulk_store, where)
    assert len(expected) == event_count(bulk_store, where) > 0
    pager = EventPager(bulk_store, where, len(expected))
    forward = [e.id for offset in range(0, len(expected), 97) for e in pager.page(offset, 97)]
    assert forward == expected
    backward = EventPager(bulk_store, where, len(expected))  # the last pages from the other end
    last = backward.page(len(expected) - 50, 50)
    before = backward.page(len(expected) - 100, 50)
    assert [e.id for e in before + last] == expected[-100:]


@pytest.mark.parametrize("order", ORDERS[:6], ids=str)
def test_an_events_row_is_found_in_the_order_shown(bulk_store, order):
    where = EventFilter(order=order)
    expected = reference(bulk_store, where)
    for index in (0, 1, 333, len(expected) - 1):
        event_id = expected[index]
        assert position(bulk_store, where, event_id) == index
        key = sort_key_of(bulk_store, event_id, order)
        assert key is not None and rows_before(bulk_store, where, key) == index


def test_the_first_page_of_every_order_but_activated_by_is_read_from_an_index(bulk_store):
    with bulk_store.db.read() as conn:
        for order in ORDERS:
            plan = " ".join(r[3] for r in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT e.id FROM system_event e {order.sql()} LIMIT 100"))
            if order.column == "activated_by":
                assert "TEMP B-TREE" in plan  # named in docs/scale.md with its figure
            else:
                assert "TEMP B-TREE" not in plan, (order, plan)


def test_the_sort_migration_adds_one_index_per_sortable_column(tmp_path):
    index = MIGRATIONS.index(next(m for m in MIGRATIONS if getattr(m, "__closure__", None)
                                  and m.__closure__[0].cell_contents is V_SORT))
    conn = sqlite3.connect(tmp_path / "old.db")
    for migrate in MIGRATIONS[:index]:
        migrate(conn)
    before = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    MIGRATIONS[index](conn)
    after = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert after - before == set(SORT_INDEXES)
