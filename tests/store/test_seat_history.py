"""Seat history: the triggers keep each licence's day whoever writes (tests/kit's plain sqlite3
connection stands for another program), the reads fill the days in, the demo tells its
stories."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from licscreen.store import Store, create_store, licence_history, usage_history
from licscreen.store.history import dated
from licscreen.store.schema import MIGRATIONS, SCHEMA_VERSION, V_HISTORY
from licscreen.store.schema_events import SORT_INDEXES
from tests.kit.clock import FROZEN

TODAY = FROZEN.date()


def other_program(path: Path) -> sqlite3.Connection:
    """A connection as any program would open the store: no code of ours, foreign keys on."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def today_row(conn: sqlite3.Connection, name: str) -> tuple[int, int] | None:
    row = conn.execute(
        """SELECT h.in_use, h.total FROM licence_usage_day h JOIN module_licence l
           ON l.id = h.licence_id WHERE l.name = ? AND h.day = date('now')""", (name,)).fetchone()
    return None if row is None else (row[0], row[1])


def holders(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute("""SELECT count(*) FROM licence_user WHERE licence_id =
                           (SELECT id FROM module_licence WHERE name = ?)""", (name,)).fetchone()[0]


def lid(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute("SELECT id FROM module_licence WHERE name = ?", (name,)).fetchone()[0]


def test_another_programs_writes_are_counted_each_way(demo_path: Path):
    conn = other_program(demo_path)
    ws = lid(conn, "ten-exchange-sync")
    free = conn.execute("SELECT id FROM user WHERE id NOT IN (SELECT user_id FROM licence_user "
                        "WHERE licence_id = ?) LIMIT 3", (ws,)).fetchall()
    for (user,) in free:
        conn.execute("INSERT INTO licence_user (licence_id, user_id) VALUES (?, ?)", (ws, user))
    assert today_row(conn, "ten-exchange-sync") == (21, 25)
    conn.execute("DELETE FROM licence_user WHERE licence_id = ? AND user_id = ?", (ws, free[0][0]))
    assert today_row(conn, "ten-exchange-sync") == (20, 25)
    conn.execute("UPDATE module_licence SET total = 30 WHERE id = ?", (ws,))
    assert today_row(conn, "ten-exchange-sync") == (holders(conn, "ten-exchange-sync"), 30)


@pytest.mark.parametrize("verb", ["INSERT OR REPLACE", "INSERT OR IGNORE", "REPLACE"])
def test_a_link_written_over_itself_is_not_counted_twice(demo_path: Path, verb: str):
    conn = other_program(demo_path)
    cs = lid(conn, "ten-cs")
    user = conn.execute("SELECT user_id FROM licence_user WHERE licence_id = ?", (cs,)).fetchone()
    conn.execute("INSERT INTO licence_user (licence_id, user_id) SELECT ?, id FROM user WHERE id "
                 "NOT IN (SELECT user_id FROM licence_user WHERE licence_id = ?) LIMIT 1",
                 (cs, cs))  # today's row exists now: it is moved by one from here on
    conn.execute(f"{verb} INTO licence_user (licence_id, user_id, comment) VALUES (?, ?, 'x')",
                 (cs, user[0]))
    assert today_row(conn, "ten-cs") == (9, 8)
    conn.execute("INSERT INTO licence_user (licence_id, user_id) SELECT ?, id FROM user WHERE id "
                 "NOT IN (SELECT user_id FROM licence_user WHERE licence_id = ?) LIMIT 1",
                 (cs, cs))
    assert today_row(conn, "ten-cs") == (10, 8) == (holders(conn, "ten-cs"), 8)


def test_a_link_moved_to_another_licence_counts_for_both(demo_path: Path):
    conn = other_program(demo_path)
    cs, quote = lid(conn, "ten-cs"), lid(conn, "ten-quote")
    conn.execute("UPDATE licence_user SET licence_id = ? WHERE licence_id = ? AND user_id = "
                 "(SELECT min(user_id) FROM licence_user WHERE licence_id = ?)", (quote, cs, cs))
    assert today_row(conn, "ten-cs") == (7, 8)
    assert today_row(conn, "ten-quote") == (1, 1)


def test_a_licence_deleted_takes_its_history_along(demo_path: Path):
    conn = other_program(demo_path)
    cs = lid(conn, "ten-cs")
    conn.execute("DELETE FROM module_licence WHERE id = ?", (cs,))
    assert conn.execute("SELECT count(*) FROM licence_usage_day WHERE licence_id = ?",
                        (cs,)).fetchone() == (0,)
    conn.execute("INSERT INTO module_licence (owner, name, description, licence_type, total) "
                 "VALUES ('SUPEROFFICE', 'new-one', 'New', 3, 4)")
    assert today_row(conn, "new-one") == (0, 4)  # its history starts the day it comes


def test_our_writers_date_their_changes_by_their_clock(demo_path: Path):
    store = Store.open(demo_path)
    try:
        with store.db.transaction() as conn, dated(conn, date(2030, 1, 2)):
            conn.execute("DELETE FROM licence_user WHERE licence_id = ?", (lid(conn, "ten-cs"),))
        assert store.db.fetch_all(
            "SELECT day, in_use FROM licence_usage_day WHERE licence_id = ? AND day > ?",
            (lid(conn, "ten-cs"), TODAY.isoformat())) == [("2030-01-02", 0)]
        assert store.db.fetch_value("SELECT count(*) FROM usage_clock") == 0
    finally:
        store.close()


def test_a_store_of_the_version_before_gets_history_from_today(tmp_path: Path):
    path = tmp_path / "old.db"
    create_store(path, demo=True, now=FROZEN).close()
    index = next(i for i, migrate in enumerate(MIGRATIONS)  # the version before V_HISTORY's
                 if migrate.__closure__ and migrate.__closure__[0].cell_contents is V_HISTORY)
    conn = sqlite3.connect(path, isolation_level=None)
    for name in [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%history%'")]:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE usage_clock")
    for name in SORT_INDEXES:  # the migrations after V_HISTORY's undone too
        conn.execute(f"DROP INDEX {name}")
    conn.execute("CREATE TABLE h AS SELECT licence_id, day, in_use, total FROM licence_usage_day")
    conn.execute("DROP TABLE licence_usage_day")
    conn.execute("""CREATE TABLE licence_usage_day (licence_id INTEGER NOT NULL REFERENCES
        module_licence(id) ON DELETE CASCADE, day TEXT NOT NULL, in_use INTEGER NOT NULL,
        total INTEGER NOT NULL, PRIMARY KEY (licence_id, day)) WITHOUT ROWID""")
    conn.execute(f"PRAGMA user_version = {index}")
    conn.close()
    store = Store.open(path)
    try:
        assert store.db.fetch_value("PRAGMA user_version") == SCHEMA_VERSION
        assert store.db.fetch_all(
            """SELECT l.name FROM module_licence l WHERE NOT EXISTS (SELECT 1 FROM
               licence_usage_day h WHERE h.licence_id = l.id AND h.day = date('now')
               AND h.in_use = (SELECT count(*) FROM licence_user WHERE licence_id = l.id))""") \
            == []
    finally:
        store.close()


def test_days_without_a_row_carry_the_last_ones_figures(demo_store: Store):
    cs = demo_store.db.fetch_value("SELECT id FROM module_licence WHERE name = 'ten-cs'")
    days = licence_history(demo_store, cs, TODAY - timedelta(days=200), TODAY)
    assert len(days) == 201 and [d.day for d in days[:2]] == [TODAY - timedelta(days=200),
                                                              TODAY - timedelta(days=199)]
    by_day = {d.day: (d.in_use, d.total) for d in days}
    assert by_day[TODAY - timedelta(days=161)] == (6, 6)  # before the activation
    assert by_day[TODAY - timedelta(days=160)] == (6, 8)  # raised by it
    assert by_day[TODAY - timedelta(days=90)] == (8, 8) == by_day[TODAY]
    later = licence_history(demo_store, cs, TODAY - timedelta(days=900), TODAY)
    assert later[0].day == TODAY - timedelta(days=365)  # the history starts a year back
    assert usage_history(demo_store, [cs, 99999], TODAY, TODAY).keys() == {cs}


def test_the_demo_history_ends_on_todays_figures(demo_store: Store):
    wrong = demo_store.db.fetch_all(
        """SELECT l.name FROM module_licence l JOIN licence_usage_day h ON h.licence_id = l.id
           WHERE h.day = ? AND (h.in_use <> (SELECT count(*) FROM licence_user
           WHERE licence_id = l.id) OR h.total <> l.total)""", (TODAY.isoformat(),))
    assert wrong == []
    assert demo_store.db.fetch_value("SELECT min(day) FROM licence_usage_day") == \
        (TODAY - timedelta(days=365)).isoformat()


def test_a_large_demo_keeps_its_history_in_step(tmp_path: Path):
    path = tmp_path / "large.db"
    create_store(path, demo=True, now=FROZEN, bulk=(0, 400)).close()
    conn = sqlite3.connect(path)
    assert conn.execute(
        """SELECT count(*) FROM module_licence l JOIN licence_usage_day h ON h.licence_id = l.id
           AND h.day = ? WHERE h.in_use <> (SELECT count(*) FROM licence_user
           WHERE licence_id = l.id) OR h.total <> l.total""", (TODAY.isoformat(),)).fetchone() \
        == (0,)
    assert conn.execute("SELECT count(*) FROM licence_usage_day WHERE day > ?",
                        (TODAY.isoformat(),)).fetchone() == (0,)
    conn.close()


def test_the_real_clock_dates_a_write_in_utc(demo_path: Path):
    conn = other_program(demo_path)
    conn.execute("DELETE FROM licence_user WHERE licence_id = ?", (lid(conn, "ten-cs"),))
    day = conn.execute("SELECT max(day) FROM licence_usage_day").fetchone()[0]
    assert day == datetime.now(UTC).date().isoformat()


def test_a_sync_and_the_triggers_agree_on_the_day_and_the_counts(tmp_path: Path):
    from tests.kit.cli import NOW, run
    from tests.kit.superoffice import build_superoffice, so_sql, so_url

    so, db = build_superoffice(tmp_path / "so.db"), tmp_path / "mirror.db"

    def counts_agree() -> list[tuple[str, int, int]]:
        conn = sqlite3.connect(db)
        rows = conn.execute(
            """SELECT h.day, h.in_use, (SELECT count(*) FROM licence_user WHERE licence_id =
               h.licence_id) FROM licence_usage_day h""").fetchall()
        conn.close()
        return rows

    assert run("sync", "--from-db", so_url(so), "--db", str(db), *NOW).exit_code == 0
    first = counts_agree()  # a new mirror: loaded in bulk, the day counted after
    assert {day for day, _a, _b in first} == {TODAY.isoformat()}
    assert all(in_use == held for _day, in_use, held in first)
    so_sql(so, "DELETE FROM LicenseAssocLink WHERE moduleLicenseId = 101 AND assocId = 12")
    later = ("--now", (FROZEN + timedelta(days=1)).isoformat())
    assert run("sync", "--from-db", so_url(so), "--db", str(db), *later).exit_code == 0
    second = [row for row in counts_agree() if row[0] > TODAY.isoformat()]
    assert second and {day for day, _a, _b in second} == {(TODAY + timedelta(1)).isoformat()}
    assert all(in_use == held for _day, in_use, held in second)  # the triggers' row, kept


@pytest.mark.parametrize(("story", "fragment"), [
    ('licence = "SUPEROFFICE/nope"\nin_use = [[10, 1]]', "unknown licence 'SUPEROFFICE/nope'"),
    ('licence = "SUPEROFFICE/ten-cs"\nin_use = [[10, "x"]]', "[days before, figure]"),
    ('licence = "SUPEROFFICE/ten-cs"\nin_use = [10, 1]', "[days before, figure]"),
])
def test_a_bad_demo_history_names_its_file_and_entry(tmp_path: Path, story: str, fragment: str):
    import shutil

    from licscreen.paths import demo_data_dir
    from licscreen.store import DataFileError
    from licscreen.store.db import create_database
    from licscreen.store.demo.loader import load_installation

    folder = tmp_path / "demo"
    shutil.copytree(demo_data_dir(), folder)
    (folder / "history.toml").write_text(f"[[licences]]\n{story}\n", encoding="utf-8")
    db = create_database(tmp_path / "new.db")
    try:
        with pytest.raises(DataFileError) as refused:
            load_installation(db, folder, FROZEN)
        assert str(refused.value).startswith(f"{folder / 'history.toml'}:licences[0]: ")
        assert fragment in str(refused.value)
        assert db.fetch_value("SELECT count(*) FROM owner") == 0  # one transaction: nothing
    finally:
        db.close()


def test_a_bulk_load_that_fails_leaves_the_store_and_its_triggers(demo_path: Path):
    from tests.kit.faults import dump_hash

    before = dump_hash(demo_path)
    store = Store.open(demo_path)
    try:
        with pytest.raises(sqlite3.IntegrityError), store.db.transaction() as conn, \
                dated(conn, date(2030, 1, 2), bulk=True):
            conn.execute("DELETE FROM licence_user")
            conn.execute("INSERT INTO licence_user (licence_id, user_id) VALUES (1, 99999)")
    finally:
        store.close()
    assert dump_hash(demo_path) == before
    conn = other_program(demo_path)
    conn.execute("DELETE FROM licence_user WHERE licence_id = ?", (lid(conn, "ten-cs"),))
    assert today_row(conn, "ten-cs") == (0, 8)  # the triggers are there
