"""What each list was sorted and filtered by, per store: a small JSON file in the user state
folder (platformdirs), read at start and written when a list's view changes.

The file is the app's, not the store's: a read-only store keeps its views too. A damaged file
(not JSON, not the shape below, too large) is ignored with a notice and written afresh on the
next change, never a crash; a write goes to a temporary file renamed over the old one, so a
crash mid-write leaves the old file whole.

Shape: ``{"version": 1, "stores": {"/abs/store.db": {"licences": {"sort": "-free",
"filter": "sales"}}}}``; ``sort`` as ``--sort`` takes it (:mod:`licscreen.present.listing`).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licscreen.i18n import _
from licscreen.paths import APP_NAME

STATE_ENV = "LICSCREEN_STATE"  # the state file's path (tests; a user who wants it elsewhere)
STATE_FILENAME = "lists.json"
VERSION = 1
MAX_BYTES = 1_000_000  # a state file larger than this is not ours
MAX_TEXT = 500  # a filter longer than this is not kept
STORES_KEPT = 50  # the stores whose views are kept (the last used)


def state_path() -> Path:
    env = os.environ.get(STATE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False) / STATE_FILENAME


def store_key(path: Path) -> str:
    """How a store is named in the file: its absolute path."""
    return str(path.expanduser().absolute())


@dataclass
class ListStates:
    """The views of every list of every store; ``notice``: why the file was not read."""

    path: Path
    stores: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    notice: str | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> ListStates:
        path = path or state_path()
        try:
            with path.open("rb") as file:
                data = file.read(MAX_BYTES + 1)
        except FileNotFoundError:
            return cls(path)
        except OSError as error:
            return cls(path, notice=_("The list views were not read: {reason}").format(
                reason=error.strerror or error))
        stores = _parse(data)
        if stores is None:
            return cls(path, notice=_("The saved list views ({path}) are damaged and were "
                                      "ignored.").format(path=path.name))
        return cls(path, stores)

    def get(self, store: str, name: str) -> tuple[str, str] | None:
        """(sort, filter) kept for the list ``name`` of ``store``, if any."""
        view = self.stores.get(store, {}).get(name)
        return (view.get("sort", ""), view.get("filter", "")) if view else None

    def put(self, store: str, name: str, sort: str, text: str) -> bool:
        """Keep a list's view and write the file; False when it could not be written."""
        lists = self.stores.pop(store, {})  # put back last: the most recent store last
        if sort or text:
            lists[name] = {"sort": sort, "filter": text[:MAX_TEXT]}
        else:
            lists.pop(name, None)
        if lists:
            self.stores[store] = lists
        while len(self.stores) > STORES_KEPT:
            self.stores.pop(next(iter(self.stores)))
        return self._write()

    def _write(self) -> bool:
        text = json.dumps({"version": VERSION, "stores": self.stores}, indent=1, sort_keys=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=".lists-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as file:
                    file.write(text)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return False
        self.notice = None
        return True


def _parse(data: bytes) -> dict[str, dict[str, dict[str, str]]] | None:
    """The stores of a state file, or None when it is not one."""
    if len(data) > MAX_BYTES:
        return None
    try:
        document: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        return None
    stores = document.get("stores")
    if not isinstance(stores, dict):
        return None
    parsed: dict[str, dict[str, dict[str, str]]] = {}
    for store, lists in stores.items():
        if not isinstance(lists, dict):
            return None
        kept: dict[str, dict[str, str]] = {}
        for name, view in lists.items():
            if not (isinstance(view, dict) and all(
                    isinstance(view.get(k, ""), str) for k in ("sort", "filter"))):
                return None
            kept[name] = {"sort": view.get("sort", ""), "filter": view.get("filter", "")}
        parsed[store] = kept
    return parsed
