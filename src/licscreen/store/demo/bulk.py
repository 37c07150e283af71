"""A large demo installation: years of system events and thousands of users, for scale tests.

The demo installation is loaded first; :func:`add_bulk` then adds users spread over the user
licences (the first user licence of the installation's owner gets at least 5,000 holders when
there are users enough) and events spread over the years before the demo's own, made from the
demo's events as templates. Everything is written in one transaction with plain
``executemany`` (with sqlite-utils' ``insert_all``, which the demo's own small tables use, a
store of 100,000 events took a third longer to build: 3.3 to 3.8 s against 2.4 to 2.8 s); the
events' indexes are dropped for the load and built again after it, and the text index is
filled once after it (``rebuild``) instead of row by row by its trigger, which is faster.
"""

from __future__ import annotations

import random
import sqlite3
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from licscreen.store.db import Database
from licscreen.store.history import dated
from licscreen.store.schema_events import EVENT_INDEXES, EVENT_TEXT_INSERT, FILL_EVENT_TEXT

BIG_LICENCE_HOLDERS = 5_000
YEARS = 6  # events reach this far back
FIRST_NAMES = ("Anne", "Bjørn", "Camilla", "Dag", "Eva", "Frode", "Guro", "Hans", "Ida", "Jon",
               "Kari", "Lars", "Maria", "Nils", "Ola", "Per", "Randi", "Siri", "Tor", "Unni")
LAST_NAMES = ("Berg", "Dahl", "Eide", "Hansen", "Haugen", "Johansen", "Larsen", "Lie", "Moen",
              "Nilsen", "Olsen", "Pettersen", "Solberg", "Strand", "Vik")
# Old events are over; how often each ending occurs.
ENDINGS = ("finished",) * 17 + ("failed", "cancelled")


def add_bulk(db: Database, folder: Path, *, events: int, users: int,
             now: datetime | None = None, seed: int = 7) -> None:
    """Grow the demo store in ``db`` to ``users`` users in all and ``events`` more events."""
    now = now or datetime.now(UTC)
    rand = random.Random(seed)
    with (folder / "events.toml").open("rb") as file:
        templates = tomllib.load(file).get("events", [])
    # The store is being built beside its place (create_store): a failure throws it away, so
    # the load may skip the write-ahead log and the per-row foreign key checks.
    with db.read() as conn:
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
    with db.transaction() as conn, dated(conn, now.astimezone(UTC).date(), bulk=True):
        _add_users(conn, rand, users, now)
        if events > 0 and templates:
            _add_events(conn, rand, templates, events, now)
    with db.read() as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")


def _add_users(conn: sqlite3.Connection, rand: random.Random, total: int,
               now: datetime) -> None:
    have = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM user").fetchone()
    extra = max(0, total - have[0])
    if not extra:
        return
    groups = [r[0] for r in conn.execute("SELECT id FROM user_group ORDER BY id")] or [None]
    first = have[1] + 1
    conn.executemany(
        "INSERT INTO user (id, user_id, full_name, group_id) VALUES (?, ?, ?, ?)",
        ((first + n, f"U{n + 1:06d}",
          f"{rand.choice(FIRST_NAMES)} {rand.choice(LAST_NAMES)}", rand.choice(groups))
         for n in range(extra)),
    )
    _add_logins(conn, first, extra, now)
    owner = conn.execute("SELECT owner FROM installation").fetchone()
    licences = [r[0] for r in conn.execute(
        """SELECT id FROM module_licence WHERE licence_type = 3 AND hidden = 0
           ORDER BY owner <> ?, sort_order, id""", (owner[0] if owner else "",))]
    if not licences:
        return
    big, others = licences[0], licences[1:] or licences[:1]
    share = max(0.25, min(1.0, BIG_LICENCE_HOLDERS / extra + 0.01))
    links = []
    for n in range(extra):
        user = first + n
        if rand.random() < share:
            links.append((big, user))
        links.append((rand.choice(others), user))
    conn.executemany(
        "INSERT OR IGNORE INTO licence_user (licence_id, user_id, valid_from) "
        "VALUES (?, ?, '2021-01-04')", links)
    # Room for every holder, so the large store is not over-allocated.
    conn.execute(
        """UPDATE module_licence SET total = max(total, (SELECT count(*) FROM licence_user
           WHERE licence_id = module_licence.id) + 10) WHERE licence_type = 3""")


def _add_logins(conn: sqlite3.Connection, first: int, count: int, now: datetime) -> None:
    """The users' last logins and states, from a generator of their own (the users and
    their licences stay what they were before the users had these): most logged in within
    the last month, some long ago, one in twenty never; one in fifty retired, and as many
    who may not log in."""
    rand = random.Random(first)
    newest = int(now.timestamp())

    def states() -> Iterator[tuple[Any, ...]]:
        for n in range(count):
            roll, fate = rand.random(), rand.random()
            ago = rand.random() * (30 if roll < 0.75 else 400) * 86_400
            last = None if roll > 0.95 else newest - int(ago)
            yield last, int(fate < 0.02), int(fate >= 0.04), first + n

    conn.executemany("UPDATE user SET last_login = datetime(?, 'unixepoch'), retired = ?, "
                     "can_log_in = ? WHERE id = ?", states())


def _add_events(conn: sqlite3.Connection, rand: random.Random, templates: list[dict[str, Any]],
                count: int, now: datetime) -> None:
    users = [r[0] for r in conn.execute("SELECT id FROM user ORDER BY id")]
    groups = [r[0] for r in conn.execute("SELECT id FROM user_group ORDER BY id")] or [0]
    oldest = conn.execute("SELECT min(registered) FROM system_event").fetchone()[0]
    end = (datetime.fromisoformat(oldest).replace(tzinfo=UTC) if oldest else now) \
        - timedelta(hours=1)
    start = end - timedelta(days=365 * YEARS)
    step = (end - start).total_seconds() / count
    first = int(start.timestamp())
    kinds = [(t.get("key", "Event"), t.get("name", "Event"), t.get("scope", "system"),
              t.get("message", ""), t.get("description", "")) for t in templates]
    scopes = {"system": 1, "database": 2, "group": 3, "user": 4}

    # Kind by kind, so the unique (event_key, ...) index grows at its ends.
    def rows() -> Iterator[tuple[Any, ...]]:
        for kind, (key, name, scope, message, description) in enumerate(kinds):
            yield from kind_rows(range(kind, count, len(kinds)), key, name, scope, message,
                                 description)

    def kind_rows(numbers: range, key: str, name: str, scope: str, message: str,
                  description: str) -> Iterator[tuple[Any, ...]]:
        code = scopes.get(scope, 1)
        random_, choice = rand.random, rand.choice
        for n in numbers:
            owner = choice(groups) if code == 3 else choice(users) if code == 4 else 0
            registered = first + int(n * step)
            ended = registered + 120 + int(random_() * 36_000)
            by = choice(users) if random_() < 0.7 else None
            yield (code, owner, f"{key}#{n + 1:07d}", name, choice(ENDINGS), message,
                   description if n % 20 == 0 else "", ended, registered, by, ended, by)

    for index in EVENT_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {index}")
    conn.execute("DROP TRIGGER IF EXISTS system_event_text_insert")
    conn.executemany(
        """INSERT INTO system_event (scope, owner_id, event_key, name, status, message,
           description, eta, registered, registered_by, updated, updated_by, update_count)
           VALUES (?, ?, ?, ?, ?, ?, ?, datetime(?, 'unixepoch'), datetime(?, 'unixepoch'), ?,
                   datetime(?, 'unixepoch'), ?, 1)""", rows())
    for index, columns in EVENT_INDEXES.items():
        conn.execute(f"CREATE INDEX {index} ON {columns}")
    for statement in FILL_EVENT_TEXT:  # the text index filled once, not row by row
        conn.execute(statement)
    conn.execute(EVENT_TEXT_INSERT)
