"""Giving and taking back licences (seats), by SuperOffice's rules.

- A licence with a counter is given only while it has a free seat (unrestricted ones always).
- A licence's visible prerequisite must be held already; the hidden licences it needs (a user
  plan's grants, a hidden prerequisite such as Standard CRM User) come with it, and go with it
  when nothing else the user keeps needs them. Hidden licences are never given or taken
  directly.
- A licence that another licence the user keeps requires is not taken back.
- A user holds at most one user plan of an owner (``reassign`` moves between them); a retired
  user is given nothing.

Each change is one transaction that plans the change inside it, from what the store holds at
that moment, so two writers racing for the last free seat cannot both get it. A refusal raises
a :class:`SeatRefused` (one line) and writes nothing. Every change appends an audit entry.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from licscreen.i18n import _
from licscreen.store.audit import Change, append_audit
from licscreen.store.mirror import refuse_in_mirror
from licscreen.store.seat_refusals import (
    AlreadyHeld,
    HiddenLicence,
    MissingPrerequisite,
    NoFreeSeat,
    NotHeld,
    OnePlanOnly,
    RetiredUser,
    SeatRefused,
    StillRequired,
    UnknownUser,
)
from licscreen.store.sql import to_db_time

if TYPE_CHECKING:
    from licscreen.store.store import Store

ASSIGN, UNASSIGN = "assign", "unassign"


@dataclass(frozen=True, slots=True)
class SeatChange:
    """One licence given to or taken from one user; ``brought``: a hidden licence that came
    or went with the one asked for."""

    action: str  # assign | unassign
    user_id: str
    full_name: str
    owner: str
    licence: str  # code name
    description: str
    brought: bool = False

    def audit(self) -> Change:
        subject = f"{self.user_id}: {self.owner}/{self.licence}"
        held, not_held = "held", "not held"
        if self.action == ASSIGN:
            return Change(subject, not_held, held)
        return Change(subject, held, not_held)


@dataclass(slots=True)
class _Lic:
    id: int
    owner: str
    name: str
    description: str
    hidden: bool
    plan: bool
    prerequisite: str | None
    total: int
    unrestricted: bool
    in_use: int
    grants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _User:
    id: int
    user_id: str
    full_name: str
    retired: bool


class Seats:
    """The licences and holdings a change is planned against, read in its transaction, and
    updated as the plan goes (so several users asking for the last seat get it once)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.licences: dict[int, _Lic] = {}
        self.by_name: dict[tuple[str, str], _Lic] = {}
        self.held: dict[int, set[int]] = {}  # user row ID -> licence IDs
        self.changes: list[SeatChange] = []
        self._needs: dict[int, list[_Lic]] = {}

    def licence(self, licence_id: int) -> _Lic:
        if licence_id not in self.licences:
            row = self.conn.execute("SELECT owner FROM module_licence WHERE id = ?",
                                    (licence_id,)).fetchone()
            if row is None:
                raise SeatRefused(_("no licence with ID {id}").format(id=licence_id))
            self._load_owner(row[0])
        return self.licences[licence_id]

    def _load_owner(self, owner: str) -> None:
        grants: dict[int, list[str]] = {}
        for plan, name in self.conn.execute(
                """SELECT pg.plan_id, g.name FROM plan_grant pg
                   JOIN module_licence g ON g.id = pg.granted_id WHERE g.owner = ?""", (owner,)):
            grants.setdefault(plan, []).append(name)
        for row in self.conn.execute(
                """SELECT l.id, l.owner, l.name, l.description, l.hidden, l.extra_flags & 1,
                          l.prerequisite, l.total, l.unrestricted,
                          (SELECT count(*) FROM licence_user lu WHERE lu.licence_id = l.id)
                   FROM module_licence l WHERE l.owner = ?""", (owner,)):
            lic = _Lic(row[0], row[1], row[2], row[3], bool(row[4]), bool(row[5]), row[6],
                       row[7], bool(row[8]), row[9], tuple(grants.get(row[0], ())))
            self.licences[lic.id] = lic
            self.by_name[(lic.owner, lic.name)] = lic

    def user(self, user_id: str) -> _User:
        row = self.conn.execute("SELECT id, user_id, full_name, retired FROM user "
                                "WHERE user_id = ?", (user_id.strip(),)).fetchone()
        if row is None:
            raise UnknownUser(_("no user '{user}' in the store").format(user=user_id))
        user = _User(row[0], row[1], row[2], bool(row[3]))
        if user.id not in self.held:
            self.held[user.id] = {r[0] for r in self.conn.execute(
                "SELECT licence_id FROM licence_user WHERE user_id = ?", (user.id,))}
        return user

    def _named(self, owner: str, name: str) -> _Lic | None:
        return self.by_name.get((owner, name))

    def needs(self, lic: _Lic) -> list[_Lic]:
        """The hidden licences ``lic`` brings: its grants, and a hidden prerequisite (with
        what that needs in turn)."""
        if lic.id not in self._needs:
            self._needs[lic.id] = self._find_needs(lic)
        return self._needs[lic.id]

    def _find_needs(self, lic: _Lic) -> list[_Lic]:
        found: list[_Lic] = []
        names = list(lic.grants) + ([lic.prerequisite] if lic.prerequisite else [])
        for name in names:
            other = self._named(lic.owner, name)
            if other is None or other in found:
                continue
            if other.hidden or name in lic.grants:
                found.append(other)
                found += [n for n in self.needs(other) if n not in found]
        return found

    def _needed(self, kept: Iterable[_Lic]) -> set[int]:
        return {n.id for lic in kept for n in self.needs(lic)}

    def _record(self, action: str, user: _User, lic: _Lic, *, brought: bool) -> None:
        if action == ASSIGN:
            self.held[user.id].add(lic.id)
            lic.in_use += 1
        else:
            self.held[user.id].discard(lic.id)
            lic.in_use -= 1
        self.changes.append(SeatChange(action, user.user_id, user.full_name, lic.owner, lic.name,
                                       lic.description, brought))

    def _seat(self, lic: _Lic) -> None:
        if not lic.unrestricted and lic.in_use >= lic.total:
            raise NoFreeSeat(_("no free seat on {licence} ({used} of {total} in use)").format(
                licence=lic.description, used=lic.in_use, total=lic.total))

    def _holds(self, user: _User) -> list[_Lic]:
        return [self.licences[i] for i in self.held[user.id] if i in self.licences]

    def assign(self, user_id: str, licence_id: int) -> None:
        lic, user = self.licence(licence_id), self.user(user_id)
        if user.retired:
            raise RetiredUser(_("{user} is retired: a retired user gets no licence").format(
                user=user.user_id))
        if lic.hidden:
            raise HiddenLicence(_("{licence} is hidden: it comes with a user plan and is never "
                                  "assigned directly").format(licence=lic.description))
        if lic.id in self.held[user.id]:
            raise AlreadyHeld(_("{user} already holds {licence}").format(
                user=user.user_id, licence=lic.description))
        held = [h for h in self._holds(user) if h.owner == lic.owner]
        plan = next((h for h in held if h.plan), None)
        if lic.plan and plan is not None:
            raise OnePlanOnly(_("{user} already holds the user plan {plan}: a user holds one; "
                                "use 'licscreen reassign' to move to another").format(
                user=user.user_id, plan=plan.description))
        prerequisite = self._named(lic.owner, lic.prerequisite) if lic.prerequisite else None
        if prerequisite is not None and not prerequisite.hidden \
                and prerequisite.id not in self.held[user.id]:
            raise MissingPrerequisite(_("{user} lacks {prerequisite}, which {licence} "
                                        "requires").format(user=user.user_id,
                                                           prerequisite=prerequisite.description,
                                                           licence=lic.description))
        brought = [n for n in self.needs(lic) if n.id not in self.held[user.id]]
        for needed in (lic, *brought):
            self._seat(needed)
        self._record(ASSIGN, user, lic, brought=False)
        for needed in brought:
            self._record(ASSIGN, user, needed, brought=True)

    def unassign(self, user_id: str, licence_id: int, *, hidden_ok: bool = False) -> None:
        lic, user = self.licence(licence_id), self.user(user_id)
        if lic.hidden and not hidden_ok:
            raise HiddenLicence(_("{licence} is hidden: it goes with the user plan that "
                                  "brought it").format(licence=lic.description))
        if lic.id not in self.held[user.id]:
            raise NotHeld(_("{user} does not hold {licence}").format(
                user=user.user_id, licence=lic.description))
        kept = [h for h in self._holds(user) if h.id != lic.id]
        requiring = [h.description for h in kept
                     if h.owner == lic.owner and h.prerequisite == lic.name and not h.hidden]
        if requiring:
            raise _still_required(user, lic, requiring)
        self._record(UNASSIGN, user, lic, brought=False)
        self._drop_unneeded(user, self.needs(lic))

    def _drop_unneeded(self, user: _User, candidates: Iterable[_Lic]) -> None:
        """The hidden licences that came with something taken back, now that nothing the
        user keeps needs them."""
        needed = self._needed(self._holds(user))
        for other in candidates:
            if other.id in self.held[user.id] and other.id not in needed:
                self._record(UNASSIGN, user, other, brought=True)

    def reassign(self, user_id: str, from_id: int, to_id: int) -> None:
        source, target = self.licence(from_id), self.licence(to_id)
        if source.id == target.id:
            raise SeatRefused(_("--from and --to name the same licence"))
        user = self.user(user_id)
        if user.retired:
            raise RetiredUser(_("{user} is retired: a retired user gets no licence").format(
                user=user.user_id))
        if source.hidden or source.id not in self.held[user.id]:
            self.unassign(user_id, from_id)  # says why
        requiring = [h.description for h in self._holds(user)
                     if h.owner == source.owner and h.prerequisite == source.name
                     and h.id != target.id and not h.hidden]
        if requiring and target.name != source.name:
            raise _still_required(user, source, requiring)
        self._record(UNASSIGN, user, source, brought=False)
        self.assign(user_id, to_id)
        self._drop_unneeded(user, self.needs(source))


def _still_required(user: _User, lic: _Lic, requiring: list[str]) -> StillRequired:
    return StillRequired(_("{licence} is required by {others}, which {user} holds: unassign "
                           "those first").format(licence=lic.description, user=user.user_id,
                                                 others=", ".join(sorted(requiring))))


def _by(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT u.id FROM installation i JOIN user u "
                       "ON u.user_id = i.logged_in_user").fetchone()
    return int(row[0]) if row else None


def write_changes(conn: sqlite3.Connection, seats: Seats, now: datetime) -> None:
    by = _by(conn)
    for change in seats.changes:
        lic = seats.by_name[(change.owner, change.licence)]
        user = conn.execute("SELECT id FROM user WHERE user_id = ?", (change.user_id,)
                            ).fetchone()[0]
        if change.action == ASSIGN:
            conn.execute("INSERT INTO licence_user (licence_id, user_id, valid_from, "
                         "assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)",
                         (lic.id, user, now.date().isoformat(), to_db_time(now), by))
        else:
            conn.execute("DELETE FROM licence_user WHERE licence_id = ? AND user_id = ?",
                         (lic.id, user))
    append_audit(conn, (c.audit() for c in seats.changes), now=now)


def change_seats(store: Store, plan: Callable[[Seats], object], *, now: datetime,
                 dry_run: bool = False) -> list[SeatChange]:
    """Plan (``plan(seats)``, which calls assign, unassign, reassign on a :class:`Seats`) and
    make the change in one transaction; with ``dry_run`` only plan it. Returns the changes."""
    if dry_run:
        refuse_in_mirror(store)
        with store.db.read() as conn:
            seats = Seats(conn)
            plan(seats)
            return seats.changes
    with store.db.transaction() as conn:
        refuse_in_mirror(store)
        seats = Seats(conn)
        plan(seats)
        write_changes(conn, seats, now)
        return seats.changes


def _each_user(store: Store, licence_id: int, user_ids: Iterable[str],
               step: Callable[[Seats, str, int], None], *, now: datetime,
               dry_run: bool) -> list[SeatChange]:
    """``step`` (Seats.assign or Seats.unassign) for each user named once, in one change."""
    users = list(dict.fromkeys(u.strip().upper() for u in user_ids))

    def plan(seats: Seats) -> None:
        for user in users:
            step(seats, user, licence_id)

    return change_seats(store, plan, now=now, dry_run=dry_run)


def assign_seats(store: Store, licence_id: int, user_ids: Iterable[str], *, now: datetime,
                 dry_run: bool = False) -> list[SeatChange]:
    """Give the licence to every user named: all of them, or (refused) none."""
    return _each_user(store, licence_id, user_ids, Seats.assign, now=now, dry_run=dry_run)


def unassign_seats(store: Store, licence_id: int, user_ids: Iterable[str], *, now: datetime,
                   dry_run: bool = False) -> list[SeatChange]:
    """Take the licence back from every user named: all of them, or (refused) none."""
    return _each_user(store, licence_id, user_ids, Seats.unassign, now=now, dry_run=dry_run)


def reassign_seat(store: Store, user_id: str, from_id: int, to_id: int, *, now: datetime,
             dry_run: bool = False) -> list[SeatChange]:
    return change_seats(store, lambda s: s.reassign(user_id, from_id, to_id), now=now,
                        dry_run=dry_run)


def toggle_seat(store: Store, licence_id: int, user_id: str, *, now: datetime) -> list[SeatChange]:
    """Give the licence when the user lacks it, take it back when the user holds it."""
    def plan(seats: Seats) -> None:
        user = seats.user(user_id)
        if seats.licence(licence_id).id in seats.held[user.id]:
            seats.unassign(user_id, licence_id)
        else:
            seats.assign(user_id, licence_id)

    return change_seats(store, plan, now=now)
