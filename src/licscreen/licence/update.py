"""Writes of the licence update flow: trust a vendor key, load a licence, activate it.

Each is ONE transaction, and every check runs inside it (so nothing changes between the check
and the write). A refusal raises :class:`LicenceRefused` and rolls back: the store is left as
it was, byte for byte.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from licscreen.i18n import _
from licscreen.licence.changes import LicenceChanges
from licscreen.licence.content import LicenceContent, read_content
from licscreen.licence.errors import LicenceRefused
from licscreen.licence.fileformat import Envelope, b64, read_envelope
from licscreen.licence.signing import fingerprint, verify_envelope
from licscreen.licence.state import (
    Activation,
    activation,
    current_changes,
    in_force,
    pending_text,
    trust,
)
from licscreen.store import (
    Change,
    Store,
    StoreError,
    append_audit,
    refuse_in_mirror,
    to_db_time,
)


@dataclass(frozen=True, slots=True)
class LoadResult:
    changes: LicenceChanges
    activated: Activation | None  # applied at once; None: it waits for activation


def who(store: Store) -> str:
    """Who acts: the installation's logged-in user, else the operating system's user."""
    installation = store.installation()
    if installation is not None and installation.logged_in_user:
        return installation.logged_in_user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def _writable(store: Store) -> None:
    if store.read_only:
        raise LicenceRefused(_("{path}: the store is read-only").format(path=store.path))


@contextmanager
def _transaction(store: Store) -> Iterator[sqlite3.Connection]:
    """The store's one transaction; its own failures (a full disk, an I/O error, another
    writer holding the lock, the file replaced) are refusals too: nothing was written."""
    try:
        with store.db.transaction() as conn:
            yield conn
    except StoreError as error:
        raise LicenceRefused(str(error)) from None


def set_trust(store: Store, vendor_key: bytes, *, now: datetime, replace: bool = False,
              is_demo: bool = False) -> bool:
    """Trust ``vendor_key`` to sign licences; False when it was trusted already."""
    _writable(store)
    with _transaction(store) as conn:
        existing = trust(store)
        if existing is not None and existing.vendor_key == vendor_key:
            return False
        if existing is not None and not replace:
            raise LicenceRefused(_("this store already trusts vendor key {key}; add --replace "
                                   "to trust another").format(key=fingerprint(existing.vendor_key)))
        conn.execute("INSERT OR REPLACE INTO trust (id, vendor_key, is_demo, set_at) "
                     "VALUES (1, ?, ?, ?)", (b64(vendor_key), int(is_demo), to_db_time(now)))
        append_audit(conn, [Change("trusted vendor key",
                                   fingerprint(existing.vendor_key) if existing else None,
                                   fingerprint(vendor_key))], now=now)
    return True


def newer(content: LicenceContent, version: int, issued: datetime | None) -> bool:
    """Newer by version, then by issue time; with no issue time known, by version alone."""
    if issued is None:
        return content.licence_version > version
    return (content.licence_version, content.issued) > (version, issued)


def check_licence(store: Store, data: bytes, now: datetime) -> tuple[Envelope, LicenceContent]:
    """A licence file that may be applied to this store now, or a refusal."""
    envelope = read_envelope(data)
    trusted = trust(store)
    if trusted is None:
        raise LicenceRefused(_("this store trusts no vendor key yet: set one with "
                               "'licscreen licence trust KEYFILE'"))
    verify_envelope(envelope, trusted.vendor_key)
    content = read_content(envelope.payload)
    installation = store.installation()
    if installation is None:
        raise LicenceRefused(_("this store holds no installation to license"))
    if content.installation != installation.serial_number:
        raise LicenceRefused(_("the licence is for another installation (serial number "
                               "{theirs}; this one is {ours})").format(
            theirs=content.installation, ours=installation.serial_number))
    today = now.astimezone().date()
    if content.expires is not None and content.expires < today:
        raise LicenceRefused(_("the licence has already expired (on {day})").format(
            day=content.expires.isoformat()))
    force = in_force(store, content.owner)
    if force is not None and not newer(content, *force):
        if content.licence_version < force[0] or (force[1] and content.issued < force[1]):
            raise LicenceRefused(_("the licence is older than the one in force (it is version "
                                   "{version} of {owner}; version {current} is in force)").format(
                version=content.licence_version, owner=content.owner, current=force[0]))
        raise LicenceRefused(_("the licence is not newer than the one in force (version "
                               "{current} of {owner})").format(
            current=force[0], owner=content.owner))
    return envelope, content


def load_licence(store: Store, data: bytes, *, now: datetime, by: str | None = None) -> LoadResult:
    """Apply a licence file at once when no licence would be over-assigned; else keep it
    waiting for activation (a newer file replaces one that waits)."""
    _writable(store)
    with _transaction(store) as conn:
        refuse_in_mirror(store)  # a mirror's licences are SuperOffice's
        envelope, content = check_licence(store, data, now)
        waiting = pending_text(store, content.owner)
        if waiting is not None:
            other = read_content(read_envelope(waiting[0].encode("utf-8")).payload)
            if not newer(content, other.licence_version, other.issued):
                raise LicenceRefused(_("a licence at least as new already waits for activation "
                                       "(version {version} of {owner})").format(
                    version=other.licence_version, owner=content.owner))
        changes = current_changes(store, content)
        text = data.decode("utf-8")
        by = by or who(store)
        if changes.over_assigned:
            conn.execute(
                """INSERT INTO pending_licence (owner, licence, loaded_at, loaded_by)
                   VALUES (?, ?, ?, ?) ON CONFLICT (owner) DO UPDATE SET
                   licence = excluded.licence, loaded_at = excluded.loaded_at,
                   loaded_by = excluded.loaded_by""",
                (content.owner, text, to_db_time(now), by))
            append_audit(conn, [Change(f"licence {content.owner} waiting for activation",
                                       _version(other.licence_version) if waiting else None,
                                       _version(content.licence_version))], now=now)
            return LoadResult(changes, None)
        done = _apply(conn, store, envelope, content, changes, text, (), now, by, automatic=True)
        return LoadResult(changes, done)


def activate(store: Store, owner: str | None = None,
             removals: Iterable[tuple[str, str]] = (), *, now: datetime,
             by: str | None = None) -> Activation:
    """Activate the licence that waits, removing the given (licence, user ID) links with it.

    Refused while any licence would stay over-assigned. ``owner`` may be left out when only
    one licence waits.
    """
    _writable(store)
    with _transaction(store) as conn:
        refuse_in_mirror(store)  # a mirror's licences and holders are SuperOffice's
        owner = _waiting_owner(conn, owner)
        pending = pending_text(store, owner)
        assert pending is not None  # _waiting_owner found it, in this transaction
        text = pending[0]
        envelope, content = check_licence(store, text.encode("utf-8"), now)
        chosen = list(dict.fromkeys((lic, user.upper()) for lic, user in removals))
        base = current_changes(store, content)
        for licence, user_id in chosen:
            module = base.module(licence)
            if module is None or not module.over_assigned:
                raise LicenceRefused(_("'{licence}' is not over-assigned by the new licence: "
                                       "remove holders only from those that are").format(
                    licence=licence))
            if not _holds(conn, owner, licence, user_id):
                raise LicenceRefused(_("{user} does not hold '{licence}'").format(
                    user=user_id, licence=licence))
        changes = current_changes(store, content, [lic for lic, _user in chosen])
        if changes.over_assigned:
            module = changes.over_assigned[0]
            raise LicenceRefused(_("{licence} would still be over-assigned ({used} holders, "
                                   "{total} licences): remove {n} more").format(
                licence=module.description, used=module.in_use, total=module.new_total or 0,
                n=module.must_remove))
        return _apply(conn, store, envelope, content, changes, text, chosen, now,
                      by or who(store), automatic=False)


def _waiting_owner(conn: sqlite3.Connection, owner: str | None) -> str:
    waiting: list[str] = [
        row[0] for row in conn.execute("SELECT owner FROM pending_licence ORDER BY owner")]
    if owner is not None:
        if owner.upper() not in waiting:
            raise LicenceRefused(_("no licence from {owner} waits for activation").format(
                owner=owner.upper()))
        return owner.upper()
    if not waiting:
        raise LicenceRefused(_("no licence waits for activation"))
    if len(waiting) > 1:
        raise LicenceRefused(_("licences from {owners} wait: name one with --owner").format(
            owners=", ".join(waiting)))
    return waiting[0]


def _holds(conn: sqlite3.Connection, owner: str, licence: str, user_id: str) -> bool:
    return conn.execute(
        """SELECT 1 FROM licence_user lu JOIN module_licence l ON l.id = lu.licence_id
           JOIN user u ON u.id = lu.user_id
           WHERE l.owner = ? AND l.name = ? AND u.user_id = ?""",
        (owner, licence, user_id)).fetchone() is not None


def _apply(conn: sqlite3.Connection, store: Store, envelope: Envelope, content: LicenceContent,
           changes: LicenceChanges, text: str, removals: Iterable[tuple[str, str]],
           now: datetime, by: str, *, automatic: bool) -> Activation:
    """Removals, owner, modules, grants, history, and the waiting licence gone: one transaction
    (the caller's)."""
    removals = list(removals)
    for licence, user_id in removals:
        conn.execute(
            """DELETE FROM licence_user
               WHERE licence_id = (SELECT id FROM module_licence WHERE owner = ? AND name = ?)
                 AND user_id = (SELECT id FROM user WHERE user_id = ?)""",
            (content.owner, licence, user_id))
    partner = envelope.partner_key
    day = {key: getattr(content, key) for key in ("expires", "grace_date", "maintenance_date",
                                                  "next_check_date", "admin_warning_date")}
    conn.execute(
        """INSERT INTO owner (name, description, company_name, serial_number, licence_version,
               expires, grace_date, maintenance_date, next_check_date, admin_warning_date,
               product_type, product_description, public_key, signature, issued, sort_order)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                   (SELECT coalesce(max(sort_order), -1) + 1 FROM owner))
           ON CONFLICT (name) DO UPDATE SET description = excluded.description,
               company_name = excluded.company_name, serial_number = excluded.serial_number,
               licence_version = excluded.licence_version, expires = excluded.expires,
               grace_date = excluded.grace_date, maintenance_date = excluded.maintenance_date,
               next_check_date = excluded.next_check_date,
               admin_warning_date = excluded.admin_warning_date,
               product_type = excluded.product_type,
               product_description = excluded.product_description,
               public_key = excluded.public_key, signature = excluded.signature,
               issued = excluded.issued""",
        (content.owner, content.description, content.company_name, content.serial_number,
         content.licence_version, *(d.isoformat() if d else None for d in day.values()),
         content.product_type, content.product_description,
         b64(partner.public_key) if partner else None, b64(partner.signature) if partner else None,
         to_db_time(content.issued)))
    names = {m.name for m in content.modules}
    for (name,) in conn.execute("SELECT name FROM module_licence WHERE owner = ?",
                                (content.owner,)).fetchall():
        if name not in names:  # its holders were removed above, or it had none
            conn.execute("DELETE FROM module_licence WHERE owner = ? AND name = ?",
                         (content.owner, name))
    for m in content.modules:
        conn.execute(
            """INSERT INTO module_licence (owner, name, description, tooltip, licence_type,
                   total, unrestricted, hidden, extra_flags, prerequisite, sort_order)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (owner, name) DO UPDATE SET description = excluded.description,
                   tooltip = excluded.tooltip, licence_type = excluded.licence_type,
                   total = excluded.total, unrestricted = excluded.unrestricted,
                   hidden = excluded.hidden, extra_flags = excluded.extra_flags,
                   prerequisite = excluded.prerequisite, sort_order = excluded.sort_order""",
            (content.owner, m.name, m.description, m.tooltip, int(m.type), m.total,
             int(m.unrestricted), int(m.hidden), m.extra_flags, m.prerequisite, m.sort_order))
    conn.execute("""DELETE FROM plan_grant WHERE plan_id IN
                    (SELECT id FROM module_licence WHERE owner = ?)""", (content.owner,))
    for m in content.modules:
        for granted in m.grants:
            conn.execute(
                """INSERT OR IGNORE INTO plan_grant (plan_id, granted_id)
                   SELECT p.id, g.id FROM module_licence p, module_licence g
                   WHERE p.owner = ?1 AND p.name = ?2 AND g.owner = ?1 AND g.name = ?3""",
                (content.owner, m.name, granted))
    record = changes.as_json()
    record["removed_holders"] = [{"licence": lic, "user_id": user} for lic, user in removals]
    cursor = conn.execute(
        """INSERT INTO licence_activation (owner, licence_version, issued, activated_at,
               activated_by, automatic, changes, licence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        (content.owner, content.licence_version, to_db_time(content.issued), to_db_time(now),
         by, int(automatic), json.dumps(record, sort_keys=True), text))
    conn.execute("DELETE FROM pending_licence WHERE owner = ?", (content.owner,))
    append_audit(conn, _audit_changes(changes, removals), now=now)
    written = activation(store, int(cursor.lastrowid or 0))
    assert written is not None  # just written, in this transaction
    return written


def _version(number: int) -> str:
    return f"version {number}"


def _audit_changes(changes: LicenceChanges, removals: Iterable[tuple[str, str]]) -> list[Change]:
    """An activation as the audit trail shows it: the version, each licence's total, and the
    holders removed."""
    owner = changes.owner
    done = [Change(f"licence {owner}",
                   _version(changes.old_version) if changes.old_version is not None else None,
                   _version(changes.new_version))]
    for m in changes.modules:
        def total(value: int | None, unrestricted: bool) -> str | None:
            return None if value is None else "unrestricted" if unrestricted else str(value)

        done.append(Change(f"{owner}/{m.name} total", total(m.old_total, m.old_unrestricted),
                           total(m.new_total, m.new_unrestricted)))
    done += [Change(f"{user}: {owner}/{licence}", "held", "not held") for licence, user in removals]
    return done
