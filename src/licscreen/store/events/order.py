"""The orders the System messages list can be read in: newest first (its own), or by any of its
columns, either way.

Text sorts without regard to case (``COLLATE NOCASE``, as the in-memory lists do). Each
column is a SQL expression over ``system_event e`` that is never NULL (row values compare
with it: ``(expr, e.id) < (?, ?)`` is the keyset of :class:`~.pages.EventPager`), and the same
value worked out from an event already read (:meth:`EventOrder.key_of`), where a page ends.
Schema V_SORT gives each an index but ``activated_by`` (the user's ID, a lookup per event:
docs/scale.md names its figure), so that the first page in any order is read from an index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from licscreen.store.models import SystemEvent
from licscreen.store.sql import to_db_time

NO_END = "9999"  # an event without an end sorts after every end

# name -> (SQL over system_event e, the same of an event read)
COLUMNS: dict[str, tuple[str, Callable[[SystemEvent], Any]]] = {
    "activated": ("e.registered", lambda e: to_db_time(e.activated)),
    "name": ("e.name COLLATE NOCASE", lambda e: e.name),
    "status": ("e.status", lambda e: e.status.value),
    "message": ("e.message COLLATE NOCASE", lambda e: e.message),
    "activated_by": ("coalesce((SELECT u.user_id FROM user u WHERE u.id = e.registered_by), '')",
                     lambda e: e.activated_by or ""),
    "ends": (f"coalesce(e.eta, '{NO_END}')",
             lambda e: to_db_time(e.ends) if e.ends is not None else NO_END),
    "scope": ("e.scope", lambda e: int(e.scope)),
    "id": ("e.id", lambda e: e.id),
}
SORT_NAMES = list(COLUMNS)


@dataclass(frozen=True, slots=True)
class EventOrder:
    """By ``column`` (a name of :data:`COLUMNS`), descending or not; the default, newest first,
    is the order of the index ``system_event_by_registered``."""

    column: str = "activated"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.column not in COLUMNS:
            raise ValueError(f"no event column {self.column!r}")

    @property
    def expression(self) -> str:
        return COLUMNS[self.column][0]

    def key_of(self, event: SystemEvent) -> tuple[Any, int]:
        """Where ``event`` sorts: (its column's value, its ID)."""
        return COLUMNS[self.column][1](event), event.id

    def sql(self, *, reverse: bool = False) -> str:
        """ORDER BY for this order (``reverse``: the other way, for the last pages)."""
        way = "DESC" if self.descending != reverse else "ASC"
        if self.column == "id":
            return f"ORDER BY e.id {way}"
        return f"ORDER BY {self.expression} {way}, e.id {way}"

    def after(self, *, reverse: bool = False, inclusive: bool = False) -> str:
        """The condition for the rows after a key in this order: parameters ``?, ?, ?`` (the
        key's value, then the key). The range on the value alone lets SQLite seek in the index
        (it does not for a row value over an expression or a collation)."""
        later = "<" if self.descending != reverse else ">"
        return (f"{self.expression} {later}= ? AND "
                f"({self.expression}, e.id) {later}{'=' if inclusive else ''} (?, ?)")

    def before(self) -> str:
        """The condition for the rows before a key in this order."""
        return self.after(reverse=True)


def key_params(key: tuple[Any, int]) -> tuple[Any, Any, int]:
    """The parameters of :meth:`EventOrder.after` for ``key``."""
    return key[0], key[0], key[1]


NEWEST_FIRST = EventOrder()
