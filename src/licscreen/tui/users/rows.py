"""The Users tab's rows: its columns, a user as a row, and the users read a page at a time."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from datetime import datetime
from typing import Any

from rich.text import Text

from licscreen.i18n import N_
from licscreen.present.export import USER_FIELDS, user_json
from licscreen.present.filter_words import NO_PLAN, users_shown
from licscreen.present.labels import user_state_label
from licscreen.present.listing import ListView
from licscreen.present.time import fmt_ago
from licscreen.render.text import safe
from licscreen.store import (
    Store,
    UserFilter,
    UserRow,
    UserState,
    count_users,
    sorted_user_ids,
    user_filter,
    user_position,
    users_by_id,
    users_page,
)
from licscreen.tui.widgets.export import ExportSource
from licscreen.tui.widgets.paged_table import PAGE_SIZE
from licscreen.tui.widgets.table_model import Column, Row

STATE_STYLES = {UserState.RETIRED: "dim", UserState.CANNOT_LOG_IN: "bold",
                UserState.WAITING: "italic"}


# The columns as --sort names them (store/users.py sorts by each).
USER_SORT: list[str | None] = ["user_id", "full_name", "group", "plan", "licences", "last_login",
                               "state"]


def user_order(view: ListView) -> tuple[str, bool] | None:
    return (view.sort, view.descending) if view.sort is not None else None


def user_columns() -> list[Column]:
    return [
        Column(N_("User ID"), width=9),
        Column(N_("Full name"), min_width=12),
        Column(N_("Group"), width=8, drop_order=3),
        Column(N_("Plan"), min_width=10, drop_order=2),
        Column(N_("Licences"), width=8, justify="right", drop_order=4),
        Column(N_("Last login"), width=12, drop_order=1),
        Column(N_("State"), width=13),
    ]


def user_cells(user: UserRow, now: datetime) -> tuple[Text, ...]:
    return (safe(user.user_id, one_line=True), safe(user.full_name, one_line=True),
            safe(user.group or "", one_line=True), safe(user.plan or NO_PLAN, one_line=True),
            Text(str(user.licences)), Text(fmt_ago(user.last_login, now)),
            Text(user_state_label(user.state.value), style=STATE_STYLES.get(user.state, "")))


class UserSource:
    """The users ``view`` shows (its filter and sort; by user ID when none): made in a worker
    with the count, the first page and the page where ``keep`` (a user ID) is, so that showing
    them reads nothing more; pages scrolled to later are read then. Sorted by a column or
    filtered, the user IDs shown are read at once, in order (a sort and a filter look at every
    user anyway: once, not again for the count, the position and each page), the pages by ID."""

    def __init__(self, store: Store, now: Callable[[], datetime], view: ListView | None = None,
                 keep: Hashable | None = None) -> None:
        self.store, self.now = store, now
        self.view = view or ListView()
        self.text, self.order = self.view.filter, user_order(self.view)
        self.total = count_users(store)
        self._ids: dict[str, int] | None = None
        self._sorted: list[str] = []
        if self.order is not None or self.text:  # the users shown, by ID: one read of them
            match = shown_filter(store, self.text, now())
            self._sorted = sorted_user_ids(store, match, self.order)
            self._ids = {user_id: n for n, user_id in enumerate(self._sorted)}
            self._count = len(self._sorted)
        else:
            self._count = self.total
        self._pages: dict[int, list[UserRow]] = {0: self._read(0, PAGE_SIZE)}
        self.keep_index = self.index_of(keep) if keep is not None else None
        if self.keep_index is not None:
            start = self.keep_index // PAGE_SIZE * PAGE_SIZE
            self._pages.setdefault(start, self._read(start, PAGE_SIZE))

    def _read(self, offset: int, limit: int) -> list[UserRow]:
        if self._ids is not None:
            return users_by_id(self.store, self._sorted[offset:offset + limit])
        return users_page(self.store, "", offset, limit)  # every user, by ID

    def count(self) -> int:
        return self._count

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        users = self._pages.get(offset) if limit == PAGE_SIZE else None
        if users is None:
            users = self._read(offset, limit)
            if limit == PAGE_SIZE:
                self._pages[offset] = users
        now = self.now()
        return [Row(u.user_id, user_cells(u, now)) for u in users]

    def index_of(self, key: Hashable) -> int | None:
        if not isinstance(key, str):
            return None
        if self._ids is not None:
            return self._ids.get(key)
        for start, users in self._pages.items():
            for n, user in enumerate(users):
                if user.user_id == key:
                    return start + n
        return user_position(self.store, key)


def shown_filter(store: Store, text: str, now: datetime) -> UserFilter | str:
    """The filter ``text`` over every column as the tab shows them at ``now``."""
    return user_filter(store, text, users_shown(now)) if text.strip() else ""


def users_export(store: Store, view: ListView, now: Callable[[], datetime]) -> ExportSource:
    """The users as ``view`` shows them, a thousand at a time (read in the writing thread)."""
    order = user_order(view) or ("user_id", False)
    shown: list[str] = []

    def count() -> int:
        shown[:] = sorted_user_ids(store, shown_filter(store, view.filter, now()), order)
        return len(shown)

    def rows() -> Iterator[dict[str, Any]]:  # read by count(), which the export asks first
        ids = shown or sorted_user_ids(store, shown_filter(store, view.filter, now()), order)
        for start in range(0, len(ids), 500):
            yield from (user_json(user) for user in users_by_id(store, ids[start:start + 500]))

    return ExportSource(USER_FIELDS, rows, count)
