"""Migration 7, seat history (issue 16): the triggers that keep each licence's in-use count
and total per day. Apart from schema.py for its length; schema.py lists it in MIGRATIONS."""

from __future__ import annotations

# Version 7: seat history (issue 16): each licence's in-use count and total per day, kept by
# triggers whoever changes the holders or a total (the app, the CLI, a sync, another program). A
# day's row is counted once (the day's first change) and moved by one per link after that, so a
# bulk load pays a few index lookups per link. A link inserted over an existing one (INSERT OR
# REPLACE / OR IGNORE) marks the day's row stale: its next change counts again. The day is UTC's,
# or the one a writer of ours with a clock of its own (a test, --now) puts in usage_clock for the
# length of its transaction (store/history.py: usage_day).
USAGE_DAY = "coalesce((SELECT day FROM usage_clock), date('now'))"


def _recount(licence: str) -> str:
    """Today's row of ``licence`` counted afresh (rare: a day's first change, a new total)."""
    return f"""
        INSERT INTO licence_usage_day (licence_id, day, in_use, total, stale)
        SELECT id, {USAGE_DAY}, (SELECT count(*) FROM licence_user WHERE licence_id = {licence}),
               total, 0
        FROM module_licence WHERE id = {licence}
        ON CONFLICT (licence_id, day) DO UPDATE
        SET in_use = excluded.in_use, total = excluded.total, stale = 0;"""


def _moved(licence: str, step: str) -> str:
    """Today's row of ``licence`` moved by ``step``; counted when there is none (the UPDATE
    changed nothing), or stale."""
    return f"""
        UPDATE licence_usage_day SET in_use = CASE WHEN stale
            THEN (SELECT count(*) FROM licence_user WHERE licence_id = {licence})
            ELSE in_use {step} END, stale = 0
        WHERE licence_id = {licence} AND day = {USAGE_DAY};
        INSERT INTO licence_usage_day (licence_id, day, in_use, total)
        SELECT id, {USAGE_DAY}, (SELECT count(*) FROM licence_user WHERE licence_id = {licence}),
               total
        FROM module_licence WHERE changes() = 0 AND id = {licence};"""


HISTORY_TRIGGERS = {
    "licence_user_history_conflict": f"""
        BEFORE INSERT ON licence_user WHEN EXISTS (SELECT 1 FROM licence_user
            WHERE licence_id = new.licence_id AND user_id = new.user_id)
        BEGIN
            UPDATE licence_usage_day SET stale = 1
            WHERE licence_id = new.licence_id AND day = {USAGE_DAY};
        END""",
    "licence_user_history_insert": f"""
        AFTER INSERT ON licence_user BEGIN {_moved("new.licence_id", "+ 1")} END""",
    "licence_user_history_delete": f"""
        AFTER DELETE ON licence_user BEGIN {_moved("old.licence_id", "- 1")} END""",
    "licence_user_history_move": f"""
        AFTER UPDATE OF licence_id ON licence_user WHEN old.licence_id <> new.licence_id
        BEGIN {_recount("old.licence_id")} {_recount("new.licence_id")} END""",
    "module_licence_history_insert": f"""
        AFTER INSERT ON module_licence BEGIN {_recount("new.id")} END""",
    "module_licence_history_total": f"""
        AFTER UPDATE OF total ON module_licence WHEN old.total IS NOT new.total
        BEGIN {_recount("new.id")} END""",
}
V_HISTORY = [
    "ALTER TABLE licence_usage_day ADD COLUMN stale INTEGER NOT NULL DEFAULT 0",
    "CREATE TABLE usage_clock (id INTEGER PRIMARY KEY CHECK (id = 1), day TEXT NOT NULL)",
    *(f"CREATE TRIGGER {name} {body}" for name, body in HISTORY_TRIGGERS.items()),
    # History starts today for the licences already there.
    f"""INSERT OR IGNORE INTO licence_usage_day (licence_id, day, in_use, total)
        SELECT id, {USAGE_DAY}, (SELECT count(*) FROM licence_user WHERE licence_id = id), total
        FROM module_licence""",
]
