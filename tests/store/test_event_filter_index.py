"""The System messages filter through its indexes: exactly what the LIKE filter lets through.

``like_condition()`` says what the filter means (eight ``LIKE '%text%'``); ``plan()`` finds
the same rows through the trigram index and the user and group indexes. Both are compared here
for texts the index cannot serve (1–2 characters), non-ASCII case, LIKE's own characters, users,
groups and description-only text, with few candidates and with many; and the index is followed
through writes of ours and of another program's, and through the migration from version 2.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from licscreen.store import Store, create_store
from licscreen.store.events import queries as event_queries
from licscreen.store.events.pages import EventPager, count_apart, position
from licscreen.store.events.queries import (
    LIKE,
    OVER,
    EventFilter,
    count_planned,
    events,
    plan_for,
)
from licscreen.store.schema import MIGRATIONS, SCHEMA_VERSION
from licscreen.store.sql import EVENT_ORDER, EVENT_QUERY, like_pattern
from tests.kit.clock import FROZEN

# (key, name, message, description): texts the demo does not have, to be found and not found.
ODD_EVENTS = [
    ("Odd1", "Øvelse", "Kontroll av æøå-tegn", ""),
    ("Odd2", "øvelse", "liten ø, stor Æ", ""),
    ("Odd3", "Percent", "100% done", ""),
    ("Odd4", "Underscore", "file_name.csv read", ""),
    ("Odd5", "Backslash", "C:\\temp\\import", ""),
    ("Odd6", "Quote", 'said "hi" there', ""),
    ("Odd7", "Hidden", "nothing here", "only the description says zebrafinch"),
    ("Odd8", "Accents", "café crème", "ÉCOLE"),
]
TEXTS = [
    "a", "re", "Ø", "ø", "æ", "Æ", "øv", "Øvelse", "ØVELSE", "øvelse", "æøå", "ÆØÅ", "%",
    "100%", "0%", "_", "P_rcent", "file_name", "\\", "C:\\temp", "\\im", '"', '"hi"', "zebrafinch",
    "ZEBRA", "rebuild", "REBUILD", "Free-text", "ADMIN", "admin", "U0000", "U000012", "Ødegård",
    "Even Ø", "Hansen", "IT", "Salg", "Ledelse", "edels", "#00001", "café", "CAFÉ", "école",
    "zzz", "  rebuild  ", "e", "ø ",
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("filter") / "filter.db"
    create_store(path, demo=True, now=FROZEN, bulk=(1_500, 120)).close()
    other = sqlite3.connect(path)  # another program writes: the triggers index it
    with other:
        other.executemany(
            "INSERT INTO system_event (scope, event_key, name, status, message, description,"
            " registered) VALUES (1, ?, ?, 'finished', ?, ?, '2024-01-02 03:04:05')", ODD_EVENTS)
    other.close()
    return path


@pytest.fixture
def store(store_path: Path):
    with closing(Store.open(store_path)) as opened:
        yield opened


@pytest.fixture
def fresh(tmp_path: Path):
    """A demo store of its own to write to, and its path."""
    path = tmp_path / "fresh.db"
    with closing(create_store(path, demo=True, now=FROZEN)) as opened:
        yield path, opened


def like_condition(where: EventFilter) -> tuple[str, tuple]:
    """An SQL condition over ``EVENT_QUERY``'s aliases, and its parameters: what the filter
    means. ``plan()`` finds the same rows by index."""
    clauses, params = [], []
    text = where.text.strip()
    if text:
        columns = ("e.name", "e.event_key", "e.message", "e.description", "ru.user_id",
                   "ru.full_name", "ou.user_id", "g.name")
        clauses.append("(" + " OR ".join(LIKE.format(c) for c in columns) + ")")
        params += [like_pattern(text)] * len(columns)
    if not where.show_finished:
        clauses.append(f"e.status NOT IN {OVER}")
    return (" AND ".join(clauses) or "1"), tuple(params)


def like_ids(store: Store, where: EventFilter) -> list[int]:
    """What the filter meant before the index: the LIKE conditions over the joined query."""
    sql, params = like_condition(where)
    with store.db.read() as conn:
        return [r[0] for r in conn.execute(f"{EVENT_QUERY} WHERE {sql} {EVENT_ORDER}", params)]


@pytest.fixture(params=["few", "many"])
def candidates(request, monkeypatch):
    """Both ways a plan reads: from few candidates, and scanning by time."""
    monkeypatch.setattr(event_queries, "FEW", 10**9 if request.param == "few" else -1)
    return request.param


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("show_finished", [True, False])
def test_the_filter_lets_through_exactly_what_like_does(store: Store, text: str,
                                                         show_finished: bool, candidates: str):
    where = EventFilter(text, show_finished=show_finished)
    want = like_ids(store, where)
    planned = plan_for(store, where)
    assert planned.few == (candidates == "few" and len(text.strip()) >= 3)
    assert [e.id for e in events(store, where, 0, 100_000, planned)] == want
    with store.db.read() as conn:
        assert count_planned(conn, planned) == len(want)
    assert count_apart(store, planned, lambda: False) == len(want)


@pytest.mark.parametrize("text", [t.strip() for t in TEXTS])
def test_the_palettes_event_search_finds_what_like_does(store: Store, text: str,
                                                        candidates: str):
    """Operation, key or message only (not the description, not users), newest first."""
    sql = " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in ("e.name", "e.event_key", "e.message"))
    with store.db.read() as conn:
        want = [r[0] for r in conn.execute(f"{EVENT_QUERY} WHERE {sql} {EVENT_ORDER} LIMIT 50",
                                           (like_pattern(text),) * 3)]
    assert [e.id for e in event_queries.search_events(store, text, 50)] == want


def test_the_texts_tested_find_something_and_tell_case_apart(store: Store):
    assert like_ids(store, EventFilter("ø")) != like_ids(store, EventFilter("Ø"))
    assert like_ids(store, EventFilter("rebuild")) == like_ids(store, EventFilter("REBUILD"))
    for text in ("Ø", "æ", "100%", "file_name", "C:\\temp", "zebrafinch", "Ødegård", "Salg",
                 "U000012", "Hansen", '"hi"', "café"):
        assert like_ids(store, EventFilter(text)), text
    assert like_ids(store, EventFilter("0%")) == like_ids(store, EventFilter("100%"))
    assert like_ids(store, EventFilter("P_rcent")) == []  # "_" is "_", not any character


@pytest.mark.parametrize("text", ["rebuild", "re", "Hansen", "øvelse"])
@pytest.mark.parametrize("near", [10, 10**9])
def test_pages_and_rows_through_the_plan(store: Store, text: str, candidates: str, near: int,
                                         monkeypatch):
    from licscreen.store.events import pages as event_pages

    monkeypatch.setattr(event_pages, "NEAR", near)  # rows counted by a scan, or by candidates
    where = EventFilter(text)
    want = like_ids(store, where)
    pager = EventPager(store, where, len(want))
    assert [e.id for offset in range(0, len(want), 50) for e in pager.page(offset, 50)] == want
    for index in [*range(0, len(want), 29), len(want) - 1]:
        assert position(store, where, want[index]) == index


def test_a_count_is_given_up_when_cancelled(store: Store):
    planned = plan_for(store, EventFilter("zq"))  # a scan of every event, and none match
    assert count_apart(store, planned, lambda: True) is None
    asked = []
    assert count_apart(store, planned, lambda: bool(asked.append(1))) == 0
    assert asked  # it was asked while counting, not only before


def test_a_cancelled_reader_gives_up_and_no_other_thread_does(store: Store):
    import threading

    from licscreen.store.events.pages import interruptible

    where = EventFilter("zq")  # two characters, no match: a scan of every event
    with interruptible(store, lambda: True):
        with pytest.raises(sqlite3.OperationalError):
            events(store, where, 0, 100)
        elsewhere: list = []  # the list reading pages on the UI thread meanwhile
        thread = threading.Thread(target=lambda: elsewhere.append(events(store, where, 0, 100)))
        thread.start()
        thread.join()
        assert elsewhere == [[]]
    assert events(store, where, 0, 100) == []


def index_is_whole(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:  # raises when the index and the events differ
        conn.execute("INSERT INTO event_text (event_text, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def found(store: Store, text: str) -> list[int]:
    where = EventFilter(text)
    want = like_ids(store, where)
    assert [e.id for e in events(store, where, 0, 100_000)] == want
    return want


def test_the_index_follows_our_writes(fresh):
    from licscreen.store.events import (
        ADMIN_TYPES,
        EventChanges,
        NewEvent,
        ScopeRef,
        add_event,
        delete_event,
        update_event,
    )
    from licscreen.store.models import EventScope

    path, store = fresh
    new = NewEvent(ADMIN_TYPES[0], ScopeRef(EventScope.SYSTEM), "Vedlikehold av tjener",
                   description="Kvelden går med")
    event_id = add_event(store, new, by="ADMIN", now=FROZEN)
    assert found(store, "vedlikehold") == [event_id]
    assert found(store, "Kvelden") == [event_id]
    update_event(store, event_id, EventChanges(message="Oppgradering"), by="ADMIN", now=FROZEN)
    assert found(store, "vedlikehold") == []
    assert found(store, "oppgrad") == [event_id]
    index_is_whole(path)
    delete_event(store, event_id)
    assert found(store, "oppgrad") == []
    index_is_whole(path)


def test_the_index_follows_another_programs_writes(fresh):
    path, store = fresh
    with closing(sqlite3.connect(path)) as other:
        with other:
            other.execute("INSERT INTO system_event (id, scope, event_key, name, status, message,"
                          " registered) VALUES (9001, 1, 'X1', 'Skriver', 'active', 'papirstopp',"
                          " '2026-11-28 08:00:00')")
        assert found(store, "papirstopp") == [9001]
        with other:
            other.execute("UPDATE system_event SET message = 'blekk tomt', id = 9002"
                          " WHERE id = 9001")
        assert found(store, "papirstopp") == []
        assert found(store, "blekk") == [9002]
        with other:
            other.execute("UPDATE system_event SET status = 'finished' WHERE id = 9002")
            other.execute("UPDATE user SET full_name = 'Zacharias Quist' WHERE user_id = 'ADMIN'")
        assert found(store, "Quist")  # the events ADMIN registered, by the new name
        with other:
            other.execute("DELETE FROM system_event WHERE id = 9002")
    assert found(store, "blekk") == []
    index_is_whole(path)


def test_a_version_2_store_is_migrated_and_its_events_found(tmp_path: Path):
    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for migration in MIGRATIONS[:2]:
        migration(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO owner (name, description, company_name, serial_number)"
                 " VALUES ('SUPEROFFICE', 'SuperOffice', 'Firma', '1234')")
    conn.execute("INSERT INTO user_group (id, name) VALUES (5, 'Økonomi')")
    conn.execute("INSERT INTO user (id, user_id, full_name, group_id) VALUES (7, 'KARI', 'Kari"
                 " Nordmann', 5)")
    conn.executemany(
        "INSERT INTO system_event (scope, owner_id, event_key, name, status, message,"
        " description, registered, registered_by) VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?)",
        [(1, 0, "A", "Sikkerhetskopi", "Natt til fredag", "", "2026-11-01 01:00:00", 7),
         (3, 5, "B", "Melding", "Til gruppen", "Årsoppgjør", "2026-11-02 01:00:00", None),
         (4, 7, "C", "Melding", "Til Kari", "", "2026-11-03 01:00:00", None)])
    conn.close()
    store = Store.open(path)
    try:
        with store.db.read() as db:
            assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 3
        assert len(found(store, "sikkerhet")) == 1
        assert len(found(store, "årsoppgjør")) == 0  # LIKE folds ASCII only, as before
        assert len(found(store, "Årsoppgjør")) == 1
        assert len(found(store, "økonomi")) == 0
        assert len(found(store, "Økonomi")) == 1  # the group the event applies to
        assert len(found(store, "nordmann")) == 1  # registered by Kari Nordmann
        assert len(found(store, "KARI")) == 2  # that, and the one that applies to KARI
        index_is_whole(path)
    finally:
        store.close()
