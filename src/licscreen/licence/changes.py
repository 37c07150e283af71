"""What a new licence changes, compared with the licence in force and the holders of today.

A module licence *changes* when it is new, gone, its total differs or it gains or loses its
counter. A changed licence is *over-assigned* when its new total is below the number of users
who would still hold it: such a licence blocks activation until enough holders are removed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from licscreen.licence.content import LicenceContent
from licscreen.store.models import Licence, Owner


@dataclass(frozen=True, slots=True)
class ModuleChange:
    name: str
    description: str
    hidden: bool
    old_total: int | None  # None: new in this licence
    new_total: int | None  # None: no longer in the licence
    old_unrestricted: bool
    new_unrestricted: bool
    in_use: int  # holders once the chosen removals are made
    licence_id: int | None = None  # the store's row; None for a new module

    @property
    def kind(self) -> str:
        """added, removed, raised, lowered or counter (gains or loses its counter)."""
        if self.old_total is None:
            return "added"
        if self.new_total is None:
            return "removed"
        if self.old_unrestricted != self.new_unrestricted:
            return "counter"
        return "raised" if self.new_total > self.old_total else "lowered"

    @property
    def free_after(self) -> int | None:
        """Free once the licence is active; None when it has no counter."""
        if self.new_unrestricted and self.new_total is not None:
            return None
        return (self.new_total or 0) - self.in_use

    @property
    def over_assigned(self) -> bool:
        free = self.free_after
        return free is not None and free < 0

    @property
    def must_remove(self) -> int:
        free = self.free_after
        return -free if free is not None and free < 0 else 0

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "hidden": self.hidden,
                "kind": self.kind, "old_total": self.old_total, "new_total": self.new_total,
                "old_unrestricted": self.old_unrestricted,
                "new_unrestricted": self.new_unrestricted, "in_use": self.in_use,
                "free_after": self.free_after}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ModuleChange:
        return cls(data["name"], data["description"], data["hidden"], data["old_total"],
                   data["new_total"], data["old_unrestricted"], data["new_unrestricted"],
                   data["in_use"])


@dataclass(frozen=True, slots=True)
class LicenceChanges:
    owner: str
    description: str
    old_version: int | None  # None: an owner new to this installation
    new_version: int
    old_expires: date | None
    new_expires: date | None
    modules: tuple[ModuleChange, ...]  # only the licences that change

    @property
    def over_assigned(self) -> tuple[ModuleChange, ...]:
        return tuple(m for m in self.modules if m.over_assigned)

    def module(self, name: str) -> ModuleChange | None:
        return next((m for m in self.modules if m.name == name), None)

    def as_json(self) -> dict[str, Any]:
        return {
            "owner": self.owner, "description": self.description,
            "old_version": self.old_version, "new_version": self.new_version,
            "old_expires": self.old_expires.isoformat() if self.old_expires else None,
            "new_expires": self.new_expires.isoformat() if self.new_expires else None,
            "modules": [m.as_json() for m in self.modules],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LicenceChanges:
        def day(value: str | None) -> date | None:
            return date.fromisoformat(value) if value else None

        return cls(data["owner"], data["description"], data["old_version"],
                   data["new_version"], day(data["old_expires"]), day(data["new_expires"]),
                   tuple(ModuleChange.from_json(m) for m in data["modules"]))


def compare(owner: Owner | None, current: Iterable[Licence], content: LicenceContent,
            removals: Iterable[str] = ()) -> LicenceChanges:
    """The changes ``content`` makes to ``owner``'s licences ``current`` (hidden ones too).

    ``removals`` names a licence once for each holder that will be removed from it.
    """
    removed = Counter(removals)
    existing = {lic.name: lic for lic in current}
    modules: list[ModuleChange] = []
    for new in content.modules:
        old = existing.get(new.name)
        in_use = (old.in_use - removed[new.name]) if old else 0
        if old is None:
            modules.append(ModuleChange(new.name, new.description, new.hidden, None, new.total,
                                        False, new.unrestricted, in_use))
        elif old.total != new.total or old.unrestricted != new.unrestricted:
            modules.append(ModuleChange(new.name, new.description, new.hidden, old.total,
                                        new.total, old.unrestricted, new.unrestricted, in_use,
                                        old.id))
    names = {m.name for m in content.modules}
    for old in existing.values():
        if old.name not in names:
            modules.append(ModuleChange(old.name, old.description, old.hidden, old.total, None,
                                        old.unrestricted, False, old.in_use - removed[old.name],
                                        old.id))
    return LicenceChanges(
        owner=content.owner,
        description=content.description,
        old_version=owner.licence_version if owner else None,
        new_version=content.licence_version,
        old_expires=owner.expires if owner else None,
        new_expires=content.expires,
        modules=tuple(modules),
    )
