"""A path typed in the app, completed from the file system as a shell's Tab would (the licence
file to load, the file a list is exported to).

File names are shown as :func:`licscreen.present.text.clean` shows text, control and invisible
characters as signs (``␛``, ``<U+202E>``): the completion, the suggestion and the list offer
names as shown, and :func:`resolve` finds the file a shown path stands for.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester

from licscreen.present.text import clean


def path_matches(value: str, preferred: tuple[str, ...] = ()) -> list[str]:
    """What ``value`` may go on to: entries of its folder starting with its last part, folders
    ending in '/', hidden ones only when asked for; folders first, then files ending in one of
    ``preferred``, then the others."""
    expanded = os.path.expanduser(value)
    folder, _sep, start = expanded.rpartition(os.sep)
    base = Path(folder or ("/" if expanded.startswith(os.sep) else "."))
    try:
        entries = list(os.scandir(base))
    except OSError:
        return []
    found = []
    for entry in entries:
        name = clean(entry.name, one_line=True)
        if not name.startswith(start) or (name.startswith(".") and not start):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        rank = 0 if is_dir else 1 if preferred and entry.name.endswith(preferred) else 2
        found.append((rank, name + (os.sep if is_dir else "")))
    prefix = value[: len(value) - len(start)]
    return [prefix + name for _rank, name in sorted(found)]


def resolve(shown: str) -> Path:
    """The path a path as shown stands for: each part as it is, or else the one entry of its
    folder shown so (a name with controls is typed and completed with their signs)."""
    path = Path(os.path.expanduser(shown))
    if path.exists():
        return path
    real = Path(path.anchor)  # '.' for a relative path
    for part in path.parts[1:] if path.anchor else path.parts:
        if not (real / part).exists():
            try:
                named = [e.name for e in os.scandir(real)
                         if clean(e.name, one_line=True) == part]
            except OSError:
                named = []
            if len(named) == 1:
                part = named[0]
        real = real / part
    return real


def complete_path(value: str, preferred: tuple[str, ...] = ()) -> str | None:
    """The longest completion all matches share, when it adds anything."""
    found = path_matches(value, preferred)
    if not found:
        return None
    first, last = min(found), max(found)  # a prefix of letters typed, not of path parts
    same = next((n for n, (a, b) in enumerate(zip(first, last, strict=False)) if a != b),
                min(len(first), len(last)))
    common = first[:same]
    return common if len(common) > len(value) else None


class PathSuggester(Suggester):
    """Suggests the rest of a path from the file system, as a shell's Tab would."""

    def __init__(self, preferred: tuple[str, ...] = ()) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.preferred = preferred

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        found = path_matches(value, self.preferred)
        return found[0] if found and found[0] != value else None
