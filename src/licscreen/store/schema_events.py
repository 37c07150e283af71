"""Migrations 3 and 8, the indexes of ``system_event``: the trigram text index and the
indexes a filter reads (V3), one index per column the list sorts by (V_SORT); and what a bulk
load drops and builds again (EVENT_INDEXES, the text index's trigger and its filling). Apart
from schema.py for its length; schema.py lists them in MIGRATIONS."""

from __future__ import annotations

# Version 3: the System messages filter at scale (issue 7). A trigram index over the events'
# texts finds the candidates for a filter of three characters or more (the filter's LIKE
# conditions still decide: the index only narrows), and indexes on who registered an event and
# whom it applies to find the events of the users and groups a filter names. The index holds no
# text of its own (external content, ``detail=none``: rowids only) and triggers keep it in step
# with every write, ours or another program's. See docs/scale.md.
EVENT_TEXT = "name, event_key, message, description"
# Every index of system_event (version 1's and these), by name: a bulk load drops them and
# builds them again after it (store/demo/bulk.py).
EVENT_INDEXES = {
    "system_event_by_registered": "system_event (registered DESC, id DESC)",
    "system_event_by_registered_by": "system_event (registered_by)",
    "system_event_by_owner": "system_event (owner_id, scope)",
    **{f"system_event_by_{name}": f"system_event ({column})" for name, column in (
        ("name", "name COLLATE NOCASE"), ("status", "status"),
        ("message", "message COLLATE NOCASE"),
        ("eta", "coalesce(eta, '9999')"), ("scope", "scope"))},
}
EVENT_TEXT_INSERT = f"""
    CREATE TRIGGER system_event_text_insert AFTER INSERT ON system_event BEGIN
        INSERT INTO event_text (rowid, {EVENT_TEXT})
        VALUES (new.id, new.name, new.event_key, new.message, new.description);
    END
"""
# Filling the index at once: it gathers 64 MiB in memory before it writes a segment (FTS5's
# 'hashsize', 1 MiB by default, which writes kept), so fewer, larger segments: 15 s -> 9 s for
# a million events.
FILL_EVENT_TEXT = [
    "INSERT INTO event_text (event_text, rank) VALUES ('hashsize', 67108864)",
    "INSERT INTO event_text (event_text) VALUES ('rebuild')",
    "INSERT INTO event_text (event_text, rank) VALUES ('hashsize', 1048576)",
]
V3 = [
    f"""
    CREATE VIRTUAL TABLE event_text USING fts5 (
        {EVENT_TEXT}, content = 'system_event', content_rowid = 'id',
        tokenize = 'trigram', detail = none, columnsize = 0
    )
    """,
    EVENT_TEXT_INSERT,
    f"""
    CREATE TRIGGER system_event_text_delete AFTER DELETE ON system_event BEGIN
        INSERT INTO event_text (event_text, rowid, {EVENT_TEXT})
        VALUES ('delete', old.id, old.name, old.event_key, old.message, old.description);
    END
    """,
    f"""
    CREATE TRIGGER system_event_text_update
    AFTER UPDATE OF id, {EVENT_TEXT} ON system_event BEGIN
        INSERT INTO event_text (event_text, rowid, {EVENT_TEXT})
        VALUES ('delete', old.id, old.name, old.event_key, old.message, old.description);
        INSERT INTO event_text (rowid, {EVENT_TEXT})
        VALUES (new.id, new.name, new.event_key, new.message, new.description);
    END
    """,
    *FILL_EVENT_TEXT,  # the events already there
    *(f"CREATE INDEX {name} ON {EVENT_INDEXES[name]}"
      for name in ("system_event_by_registered_by", "system_event_by_owner")),
]


# Version 8: sorting the System messages by any column (issue 17): an index per column the list
# sorts by (store/events/order.py), so that the first page in any order is read from an index;
# 'Activated by' is the user's ID, a lookup per event, and has none (docs/scale.md).
SORT_INDEXES = ["system_event_by_name", "system_event_by_status", "system_event_by_message",
                "system_event_by_eta", "system_event_by_scope"]
V_SORT = [f"CREATE INDEX {name} ON {EVENT_INDEXES[name]}" for name in SORT_INDEXES]
