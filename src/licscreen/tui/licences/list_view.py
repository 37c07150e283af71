"""The licence list and the holders list as a view shows them: sorted by any column, filtered
(:mod:`licscreen.present.listing`), and what ``w`` exports of them (the CLI's fields)."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from typing import Any

from licscreen.present.export import HOLDER_FIELDS, LICENCE_FIELDS, holder_row, licence_row
from licscreen.present.listing import ListView, apply_view
from licscreen.present.time import fmt_date
from licscreen.store import Store
from licscreen.store.models import Holder, Licence
from licscreen.tui.widgets.export import ExportSource

# The columns of the licence table and of the holders table, as --sort names them.
LICENCE_SORT: list[str | None] = ["description", "in_use", "free", "total"]
HOLDER_SORT: list[str | None] = ["user_id", "full_name", "valid_from", "valid_to"]


def _counter(lic: Licence, value: int) -> int | None:
    return None if lic.unrestricted else value


LICENCE_KEYS = {
    "description": lambda lic: lic.description,
    "in_use": lambda lic: _counter(lic, lic.in_use),
    "free": lambda lic: _counter(lic, lic.free),
    "total": lambda lic: _counter(lic, lic.total),
}


def licence_texts(lic: Licence) -> list[str]:
    """What the row shows, as a filter reads it."""
    if lic.unrestricted:
        return [lic.description, "∞"]
    return [lic.description, str(lic.in_use), str(lic.free), str(lic.total)]


def shown_licences(licences: Sequence[Licence], view: ListView) -> list[Licence]:
    """The licences ``view`` shows, as the list shows them: system ones, then user ones."""
    return apply_view(licences, view, texts=licence_texts, keys=LICENCE_KEYS,
                      group=lambda lic: not lic.type.is_system)


def holder_texts(holder: Holder) -> list[str]:
    return [holder.user_id, holder.full_name, fmt_date(holder.valid_from),
            fmt_date(holder.valid_to)]


def shown_holders(store: Store, licence_id: int, view: ListView) -> list[Holder]:
    """Every holder of a licence as ``view`` shows them: sorted by the store, in one read,
    then filtered (a few thousand at most; benchmarks/scale.py)."""
    order = (view.sort, view.descending) if view.sort is not None else None
    every = store.holders(licence_id, 0, max(1, store.holder_count(licence_id)), order)
    return apply_view(every, view.sorted_by(None), texts=holder_texts, keys={})


class HolderView:
    """A licence's holders sorted or filtered, in memory, for the holders table."""

    def __init__(self, holders: list[Holder], total: int) -> None:
        self.holders = holders
        self.total = total
        self._index = {holder.user_id: i for i, holder in enumerate(holders)}

    def count(self) -> int:
        return len(self.holders)

    def page(self, offset: int, limit: int) -> list[Holder]:
        return self.holders[offset:offset + limit]

    def index_of(self, key: Hashable) -> int | None:
        return self._index.get(key) if isinstance(key, str) else None


def licences_export(licences: Sequence[Licence]) -> ExportSource:
    """The licences shown, as ``licscreen licences --json/--csv`` gives them."""

    def rows() -> Iterator[dict[str, Any]]:
        return (licence_row(lic) for lic in licences)

    return ExportSource(LICENCE_FIELDS, rows, lambda: len(licences))


def holders_export(store: Store, licence: Licence, view: ListView) -> ExportSource:
    """A licence's holders as the view shows them, as ``licscreen holders`` gives them (read
    in the writing thread)."""
    shown: list[Holder] = []

    def count() -> int:
        shown[:] = shown_holders(store, licence.id, view)
        return len(shown)

    def rows() -> Iterator[dict[str, Any]]:  # read by count(), which the export asks first
        return (holder_row(licence, h) for h in shown or shown_holders(store, licence.id, view))

    return ExportSource(HOLDER_FIELDS, rows, count)
