"""How every list is sorted and filtered, in the app and on the command line alike.

A list names its columns (the names ``--sort`` takes: ``in_use``, ``full_name``…). A
:class:`ListView` is what a user asked of it: a column to sort by (``-name``: descending) and a
filter text. The filter's syntax is one everywhere: the text matches a row when any shown column
contains it, ignoring case; ``!text`` keeps the rows that do *not* contain it.

No Textual and no Rich: the app's lists (``tui/widgets/list_view_state.py``), the command line
(``cli/listing.py``) and the state file (``paths.py``) share this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from licscreen.i18n import _

T = TypeVar("T")


class UnknownColumn(ValueError):
    """A sort names a column the list does not have; the message lists those it has."""

    def __init__(self, name: str, names: Sequence[str]) -> None:
        super().__init__(_("unknown column '{name}' (columns: {names})").format(
            name=name, names=", ".join(names)))
        self.name = name
        self.names = list(names)


@dataclass(frozen=True, slots=True)
class ListView:
    """What is asked of a list: ``sort`` a column's name (None: the list's own order),
    ``descending``, and ``filter`` (the text typed after ``/``)."""

    sort: str | None = None
    descending: bool = False
    filter: str = ""

    @property
    def sort_spec(self) -> str:
        """As ``--sort`` takes it: ``name``, ``-name``, or '' for the list's own order."""
        if self.sort is None:
            return ""
        return ("-" if self.descending else "") + self.sort

    @property
    def text_filter(self) -> TextFilter:
        return TextFilter.parse(self.filter)

    def sorted_by(self, name: str | None, descending: bool = False) -> ListView:
        return ListView(name, descending if name is not None else False, self.filter)

    def filtered(self, text: str) -> ListView:
        return ListView(self.sort, self.descending, text)


def parse_sort(spec: str | None, names: Sequence[str]) -> tuple[str | None, bool]:
    """``--sort``'s value as (column, descending): ``free``, ``-free``; an unknown column raises
    :class:`UnknownColumn` naming the ones there are. '' or None: the list's own order."""
    text = (spec or "").strip()
    if not text:
        return None, False
    descending = text.startswith("-")
    name = text.lstrip("-+").strip().lower().replace("-", "_")
    if name not in names:
        raise UnknownColumn(text, names)
    return name, descending


def view_of(sort: str | None, filter_text: str | None, names: Sequence[str]) -> ListView:
    """A :class:`ListView` from ``--sort`` and ``--filter`` (raises :class:`UnknownColumn`)."""
    column, descending = parse_sort(sort, names)
    return ListView(column, descending, filter_text or "")


@dataclass(frozen=True, slots=True)
class TextFilter:
    """``needle`` to look for in any column, ignoring case; ``exclude``: rows without it."""

    needle: str = ""
    exclude: bool = False

    @classmethod
    def parse(cls, text: str) -> TextFilter:
        text = text.strip()
        if text.startswith("!"):
            return cls(text[1:].strip().casefold(), True)
        return cls(text.casefold(), False)

    @property
    def active(self) -> bool:
        return bool(self.needle)

    def matches(self, texts: Iterable[str]) -> bool:
        if not self.needle:
            return True
        found = any(self.needle in text.casefold() for text in texts)
        return found != self.exclude


def comparable(value: Any) -> Any:
    """A value that sorts as people expect: text without regard to case; None is handled by
    :func:`sort_items` (always last)."""
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, bool):
        return int(value)
    return value


def sort_items(items: Iterable[T], key: Callable[[T], Any], *, descending: bool = False,
               group: Callable[[T], Any] | None = None) -> list[T]:
    """``items`` by ``key`` (stable; rows without a value last either way); within ``group``
    when given (the licences: system ones, then user ones, each group sorted)."""
    present: list[tuple[Any, T]] = []
    missing: list[T] = []
    for item in items:
        value = key(item)
        if value is None:
            missing.append(item)
        else:
            present.append((comparable(value), item))
    present.sort(key=lambda pair: pair[0], reverse=descending)
    ordered = [item for _value, item in present] + missing
    if group is not None:
        ordered.sort(key=group)  # stable: each group keeps the order above
    return ordered


def apply_view(items: Iterable[T], view: ListView, *, texts: Callable[[T], Iterable[str]],
               keys: Mapping[str, Callable[[T], Any]],
               group: Callable[[T], Any] | None = None) -> list[T]:
    """The items ``view`` shows: those its filter lets through (``texts``: what each row shows),
    sorted by its column (``keys``: each column's value), else in their own order."""
    wanted = view.text_filter
    kept = [item for item in items if wanted.matches(texts(item))] if wanted.active else list(
        items)
    if view.sort is None or view.sort not in keys:
        return sorted(kept, key=group) if group is not None else kept
    return sort_items(kept, keys[view.sort], descending=view.descending, group=group)


def as_text(value: Any) -> str:
    """A value as a filter sees it: '' for none, ISO for dates, the text of anything else."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ""  # a flag's column matches nothing typed
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat()) if callable(isoformat) else str(value)
