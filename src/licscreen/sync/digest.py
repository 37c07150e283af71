"""What a database sync can skip: a digest of each kind's source rows.

A sync reads every row it needs (a database keeps no trustworthy change stamp on these
tables: ``LicenseAssocLink`` has none, and a delete leaves no trace). Building the snapshot
and comparing it with the store cost several times that read, so each kind of the snapshot
gets a digest of the rows it is made of, including what it is filtered by (holders by the
licences kept and the users' ids). A kind whose digest is the one the store kept at the last
sync is not built: the store holds it already (``Snapshot.unchanged``). The store checks the
digests again inside its transaction and the sync reads in full when they no longer agree.
"""

from __future__ import annotations

import hashlib
import itertools
import marshal
import operator
import pickle
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Table = tuple[tuple[str, ...], list[tuple[Any, ...]]]  # column labels, rows as the driver gives

# Each kind of a snapshot and the source tables it is built from ("#ids": only the first
# column of the table, the ids, so that a user's last login does not touch holders).
KIND_INPUTS: dict[str, tuple[str, ...]] = {
    "owners": ("company", "ModuleOwner"),
    "licences": ("ModuleOwner", "ModuleLicense"),
    "groups": ("UserGroup",),
    "users": ("associate", "UserGroup#ids", "activeuser"),
    "holders": ("LicenseAssocLink", "ModuleOwner", "ModuleLicense", "associate#ids"),
    # what holders are filtered by: when it is unchanged, only the licences whose links
    # changed are read (each licence's links have a digest of their own: GROUP + its id)
    "holders-deps": ("ModuleOwner", "ModuleLicense", "associate#ids"),
    "events": ("SystemEvent", "associate#ids"),
    "installation": ("company", "travelcurrent"),
}


def _digest(rows: Iterable[Any]) -> bytes:
    """The same bytes for the same values: marshal's version 2 (no back-references, which
    depend on objects' reference counts) for what it can write, such as SQLite's text and
    numbers; pickle for the rest (SQL Server's datetimes and decimals)."""
    rows = list(rows)
    try:
        data = b"m" + marshal.dumps(rows, 2)
    except ValueError:
        data = b"p" + pickle.dumps(rows, protocol=5)
    return hashlib.blake2b(data, digest_size=16).digest()


def kind_digests(tables: Mapping[str, Table]) -> dict[str, str]:
    """Each kind's digest, hex."""
    parts: dict[str, bytes] = {}

    def part(name: str) -> bytes:
        if name not in parts:
            table, _sep, ids = name.partition("#")
            rows: Sequence[tuple[Any, ...]] = tables[table][1] if table in tables else []
            parts[name] = _digest(sorted(r[0] for r in rows) if ids else rows)
        return parts[name]

    digests = {kind: hashlib.blake2b(b"".join(part(n) for n in inputs),
                                     digest_size=16).hexdigest()
               for kind, inputs in KIND_INPUTS.items()}
    links = tables["LicenseAssocLink"][1] if "LicenseAssocLink" in tables else []
    for licence, group in itertools.groupby(links, key=operator.itemgetter(0)):  # ordered
        digests[f"{GROUP}{licence}"] = _digest(group).hex()
    return digests


GROUP = "holders/"  # a licence's links: "holders/1042"


def unchanged_kinds(digests: Mapping[str, str], known: Mapping[str, str]) -> frozenset[str]:
    """The kinds whose digest is the one the store kept."""
    return frozenset(k for k, d in digests.items() if known.get(k) == d)


def changed_licences(digests: Mapping[str, str], known: Mapping[str, str]) -> frozenset[str]:
    """The licences (their ids as the source gives them, as text) whose links changed since
    the store's digests: new, different or gone."""
    groups = {k for k in digests if k.startswith(GROUP)} | {
        k for k in known if k.startswith(GROUP)}
    return frozenset(k.removeprefix(GROUP) for k in groups if digests.get(k) != known.get(k))
