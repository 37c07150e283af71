"""The Users tab's rows: its columns, a user as a row, and the users read a page at a time."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import datetime

from rich.text import Text

from licscreen.i18n import N_
from licscreen.present.labels import user_state_label
from licscreen.present.time import fmt_ago
from licscreen.render.text import safe
from licscreen.store import Store, UserRow, UserState, count_users, user_position, users_page
from licscreen.tui.widgets.paged_table import PAGE_SIZE
from licscreen.tui.widgets.table_model import Column, Row

STATE_STYLES = {UserState.RETIRED: "dim", UserState.CANNOT_LOG_IN: "bold",
                UserState.WAITING: "italic"}


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
            safe(user.group or "", one_line=True), safe(user.plan or "—", one_line=True),
            Text(str(user.licences)), Text(fmt_ago(user.last_login, now)),
            Text(user_state_label(user.state.value), style=STATE_STYLES.get(user.state, "")))


class UserSource:
    """The users ``text`` filters, by user ID: made in a worker with the count, the first page
    and the page where ``keep`` (a user ID) is, so that showing them reads nothing more; pages
    scrolled to later are read then."""

    def __init__(self, store: Store, now: Callable[[], datetime], text: str = "",
                 keep: Hashable | None = None) -> None:
        self.store, self.now, self.text = store, now, text
        self.total = count_users(store)
        self._count = count_users(store, text) if text else self.total
        self._pages: dict[int, list[UserRow]] = {0: users_page(store, text, 0, PAGE_SIZE)}
        self.keep_index = user_position(store, str(keep), text) if keep is not None else None
        if self.keep_index is not None:
            start = self.keep_index // PAGE_SIZE * PAGE_SIZE
            self._pages.setdefault(start, users_page(store, text, start, PAGE_SIZE))

    def count(self) -> int:
        return self._count

    def rows(self, offset: int, limit: int) -> Sequence[Row]:
        users = self._pages.get(offset) if limit == PAGE_SIZE else None
        if users is None:
            users = users_page(self.store, self.text, offset, limit)
            if limit == PAGE_SIZE:
                self._pages[offset] = users
        now = self.now()
        return [Row(u.user_id, user_cells(u, now)) for u in users]

    def index_of(self, key: Hashable) -> int | None:
        if key is None:
            return None
        for start, users in self._pages.items():
            for n, user in enumerate(users):
                if user.user_id == key:
                    return start + n
        return user_position(self.store, str(key), self.text)
