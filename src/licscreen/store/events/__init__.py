"""System events: what an administrator types for one, the System messages list's reads, and
the writes. The public API of ``licscreen.store`` for events: outside the store, import them
from here, never from the modules below.

- ``input``: fields parsed and checked (:func:`parse_new`, :func:`parse_changes`);
- ``queries``: filters, their plans over the indexes, pages and counts;
- ``pages``: pages by keyset, an event's row, counts kept per store and made apart;
- ``snapshot``: a list's own connection, and reads that agree (one read transaction);
- ``writes``: add, update, delete and cancel, each one transaction.
"""

from __future__ import annotations

from licscreen.store.events.input import (
    ADMIN_TYPES,
    BY,
    DESCRIPTION,
    ENDS,
    FORM,
    KEEP,
    MESSAGE,
    MESSAGE_MAX,
    OWNER,
    SCOPE,
    TYPE,
    AdminType,
    Errors,
    EventChanges,
    Fields,
    InvalidEvent,
    NewEvent,
    ScopeRef,
    admin_type,
    describe_scope,
    format_when,
    parse_changes,
    parse_new,
    parse_scope,
    parse_type,
    parse_when,
)
from licscreen.store.events.order import NEWEST_FIRST, SORT_NAMES, EventOrder
from licscreen.store.events.pages import (
    EventPager,
    cached_count,
    count_apart,
    every_page,
    interruptible,
    known_count,
    position,
    remember_count,
    rows_before,
    sort_key,
    sort_key_of,
    store_version,
)
from licscreen.store.events.queries import (
    EventFilter,
    EventWords,
    Group,
    Plan,
    count_planned,
    event_count,
    events,
    groups,
    plan_for,
    search_events,
    users,
)
from licscreen.store.events.snapshot import open_reader, read_snapshot
from licscreen.store.events.writes import (
    EventConflict,
    EventNotFound,
    EventRefused,
    add_event,
    cancel_event,
    cancel_refusal,
    delete_event,
    edit_refusal,
    is_admin_event,
    update_event,
)

__all__ = [
    "ADMIN_TYPES", "BY", "DESCRIPTION", "ENDS", "FORM", "KEEP", "MESSAGE", "MESSAGE_MAX",
    "NEWEST_FIRST", "OWNER", "SCOPE", "SORT_NAMES", "TYPE", "AdminType", "Errors", "EventChanges",
    "EventConflict", "EventFilter", "EventNotFound", "EventOrder", "EventPager", "EventRefused",
    "EventWords", "Fields", "Group", "InvalidEvent", "NewEvent", "Plan", "ScopeRef", "add_event",
    "admin_type", "cached_count", "cancel_event", "cancel_refusal", "count_apart", "count_planned",
    "delete_event", "describe_scope", "edit_refusal", "event_count", "events", "every_page",
    "format_when",
    "groups", "interruptible", "is_admin_event", "known_count", "open_reader", "parse_changes",
    "parse_new", "parse_scope", "parse_type", "parse_when", "plan_for", "position",
    "read_snapshot", "remember_count", "rows_before", "search_events", "sort_key", "sort_key_of",
    "store_version", "update_event", "users",
]
