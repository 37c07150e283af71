"""The lists' figures of benchmarks/scale.py (issue 17): sorting, exporting, and what the sort
indexes cost. Imported by scale.py; each function measures one thing on a store built there.

- sorted first page: the System messages in each column's order, either way, read as the list's
  loading worker reads them (``EventSource``), set and painted (≤ 100 ms each);
- holders sorted: the licence with the most holders in each holder column's order, either way,
  read as the detail's worker reads it and painted (≤ 100 ms each);
- users sorted: the first page of the users sorted by each column, read as a paged list reads
  it (the users list comes with issue 15; ≤ 100 ms each);
- export: every event to CSV as the app's ``w`` writes it, in the process's memory (≤ +50 MB);
- the sort indexes: their size, and the seconds they add to building the store.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import time
from pathlib import Path
from typing import Any

from licscreen.present.listing import ListView


def _paint(table: Any) -> None:
    for y in range(table.size.height):
        table.render_line(y)


def sorted_first_pages(pilot: Any, table: Any) -> dict[str, float]:
    """Each order's first page of the System messages, as the loading worker reads it for a
    list opened in that order (the view kept from the last run), set and painted; and, under
    'kept ' + the order, with the cursor's event (the newest) found in the new order, as a sort
    key pressed on the list does (off the UI thread: the list shown meanwhile is the old)."""
    from licscreen.store.events import SORT_NAMES, EventFilter, EventOrder
    from licscreen.tui.events.rows import EventSource

    app = pilot.app
    out: dict[str, float] = {}
    newest = EventSource(app.store, app.now, app, EventFilter()).keep
    for name in SORT_NAMES:
        for descending in (False, True):
            where = EventFilter(order=EventOrder(name, descending))
            order = ("-" if descending else "") + name
            start = time.perf_counter()
            source = EventSource(app.store, app.now, app, where)
            table.set_source(source, keep=source.keep)
            _paint(table)
            out[order] = (time.perf_counter() - start) * 1000
            start = time.perf_counter()
            EventSource(app.store, app.now, app, where, keep=newest, thorough=False)
            out["kept " + order] = (time.perf_counter() - start) * 1000
    return out


def sorted_holders(pilot: Any, table: Any, licence_id: int) -> dict[str, float]:
    """The biggest licence's holders in each column's order, read and painted."""
    from licscreen.tui.licences.detail import HolderSource
    from licscreen.tui.licences.list_view import HOLDER_SORT

    store = pilot.app.store
    out: dict[str, float] = {}
    for name in HOLDER_SORT:
        for descending in (False, True):
            start = time.perf_counter()
            source = HolderSource(store, licence_id, view=ListView(name, descending))
            table.set_source(source)
            _paint(table)
            out[("-" if descending else "") + str(name)] = (time.perf_counter() - start) * 1000
    return out


def sorted_users(store: Any) -> dict[str, float]:
    """The first page of every user sorted by each column, as a paged users list reads it
    (issue 15 brings the list; the store sorts, as it does the holders)."""
    columns = {"user_id": "u.user_id", "full_name": "u.full_name", "group": "g.name"}
    out: dict[str, float] = {}
    for name, column in columns.items():
        for descending in (False, True):
            way = "DESC" if descending else "ASC"
            start = time.perf_counter()
            with store.db.read() as conn:
                conn.execute(f"""SELECT u.id, u.user_id, u.full_name, g.name FROM user u
                                 LEFT JOIN user_group g ON g.id = u.group_id
                                 ORDER BY {column} IS NULL, {column} COLLATE NOCASE {way},
                                 u.id {way} LIMIT 100""").fetchall()
            out[("-" if descending else "") + name] = (time.perf_counter() - start) * 1000
    out["users"] = float(store.db.fetch_value("SELECT count(*) FROM user"))
    return out


def export_events(path: Path) -> dict[str, float]:
    """Every event to CSV as ``w`` on the System messages writes it; the memory it adds."""
    from datetime import UTC, datetime

    from licscreen.present.export import write_rows
    from licscreen.store import Store
    from licscreen.store.events import EventFilter
    from licscreen.tui.events.list_view import events_export

    store = Store.open(path, read_only=True)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    source = events_export(store, EventFilter(), lambda: datetime.now(UTC))
    steps: list[int] = []
    start = time.perf_counter()
    total = source.count()
    with open(os.devnull, "w", encoding="utf-8") as file:  # the disk's speed is not ours
        written = write_rows(file, source.fields, source.rows(), as_json=False,
                             progress=steps.append, every=10_000)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store.close()
    return {"export rows": float(written), "export of": float(total or 0),
            "export s": seconds, "export memory MB": after - before,
            "export progress steps": float(len(steps))}


def sort_index_cost(path: Path) -> dict[str, float]:
    """The V_SORT indexes: their size (the pages dropping them frees) and the seconds building
    them again takes, on the large store (left as it was)."""
    from licscreen.store.schema_events import EVENT_INDEXES, SORT_INDEXES

    conn = sqlite3.connect(path, isolation_level=None)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    size = os.path.getsize(path)
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    for name in SORT_INDEXES:
        conn.execute(f"DROP INDEX {name}")
    freed = conn.execute("PRAGMA freelist_count").fetchone()[0] - free
    start = time.perf_counter()
    for name in SORT_INDEXES:
        conn.execute(f"CREATE INDEX {name} ON {EVENT_INDEXES[name]}")
    seconds = time.perf_counter() - start
    conn.close()
    return {"sort indexes MB": freed * page / 2**20, "store MB": size / 2**20,
            "sort indexes build s": seconds}
