"""What a source reads from a SuperOffice installation, before it reaches the store.

Every source (database or REST API) fills the same frozen dataclasses, so the store has one
way to apply them. Ids are SuperOffice's own (``source_id``): the store maps them to its rows.
Dates are ``date``; moments are naive UTC ``datetime``; SuperOffice's zero dates are ``None``.
Text is as read (the store and the screens decide how to show it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class SoOwner:
    """ModuleOwner (+ company): one licence owner."""

    name: str  # ownerName: upper case, SUPEROFFICE reserved
    description: str
    company_name: str
    serial_number: str
    licence_version: str = ""  # a product version such as "11.11", not an integer
    expires: date | None = None  # a zero date: never
    grace_date: date | None = None
    maintenance_date: date | None = None
    next_check_date: date | None = None
    admin_warning_date: date | None = None
    product_type: str | None = None
    product_description: str | None = None
    sort_order: int = 0


@dataclass(frozen=True)
class SoLicence:
    """ModuleLicense: one licence of an owner."""

    source_id: int
    owner: str  # SoOwner.name
    name: str  # moduleName: real ones are lower case with hyphens; never validated
    description: str
    licence_type: int  # 1 site, 2 satellite, 3 user
    total: int  # licenseNumber
    tooltip: str = ""
    unrestricted: bool = False
    hidden: bool = False
    extra_flags: int = 0  # 1: a user plan, 2: a site marker
    prerequisite: str | None = None
    sort_order: int = 0
    grants: tuple[str, ...] = ()  # a plan's extraInfo `set=a,b,c`: the module names it grants


@dataclass(frozen=True)
class SoGroup:
    """UserGroup."""

    source_id: int
    name: str
    deleted: bool = False


@dataclass(frozen=True)
class SoUser:
    """associate (+ person): a user; ``user_id`` is associate.name, the login."""

    source_id: int
    user_id: str
    full_name: str
    group_id: int | None = None  # SoGroup.source_id
    retired: bool = False  # associate.deleted (or person retired)
    can_log_in: bool = True
    waiting_for_approval: bool = False
    last_login: datetime | None = None


@dataclass(frozen=True)
class SoHolder:
    """LicenseAssocLink: a user holding a licence, with who assigned it and when."""

    licence_id: int  # SoLicence.source_id
    user_id: int  # SoUser.source_id
    valid_from: date | None = None
    valid_to: date | None = None
    comment: str = ""
    assigned_at: datetime | None = None  # registered
    assigned_by: int | None = None  # registered_associate_id (SoUser.source_id)


@dataclass(frozen=True)
class SoEvent:
    """SystemEvent: one row per (key, scope, owner); SuperOffice keeps no history."""

    source_id: int
    scope: int  # 1 system, 2 database, 3 group, 4 user
    owner_id: int  # 0, 0, SoGroup.source_id or SoUser.source_id, by scope
    event_key: str
    message: str = ""
    eta: datetime | None = None
    registered: datetime | None = None
    registered_by: int | None = None  # SoUser.source_id; None: the system
    updated: datetime | None = None
    updated_by: int | None = None
    update_count: int = 0
    name: str | None = None  # the REST archive's eventname; None: from the key
    status: str | None = None  # the REST archive's status; None: from eta (running/active)


@dataclass(frozen=True)
class SoRestriction:
    """A plan limit (REST only: GetFencingInfo)."""

    name: str
    current: int
    maximum: int | None  # None: unlimited


@dataclass(frozen=True)
class SoInstallation:
    """The installation itself: company, travelcurrent, activeuser."""

    owner: str  # company.dbContactName / ownerContactName
    serial_number: str  # company.serialNo: the installation's identity for a mirror
    database_type: str = ""
    role: str = "central"  # travelcurrent.systemlevel 10: central, else satellite
    logged_on_now: tuple[int, ...] = ()  # activeuser: SoUser.source_id of who is logged on


@dataclass(frozen=True)
class Snapshot:
    """One read of an installation, whole: what a sync applies in one transaction."""

    source: str  # where it was read, without credentials: "mssql://host/SuperOffice", a URL
    installation: SoInstallation
    owners: tuple[SoOwner, ...] = ()
    licences: tuple[SoLicence, ...] = ()
    groups: tuple[SoGroup, ...] = ()
    users: tuple[SoUser, ...] = ()
    holders: tuple[SoHolder, ...] = ()
    events: tuple[SoEvent, ...] = ()
    restrictions: tuple[SoRestriction, ...] | None = None  # None: not available from this source
    notes: tuple[str, ...] = field(default=())  # what the source could not read, for people
    # A database source's digest of each kind (sync/digest.py), and the kinds whose digest is
    # the one the store kept: those are not read into this snapshot (their tuples are empty)
    # and the store keeps what it has. A REST source has neither.
    digests: dict[str, str] = field(default_factory=dict)
    unchanged: frozenset[str] = frozenset()
    # The licences whose links ``holders`` holds (their source ids): None, all of them; the
    # others' links are as the store has them.
    holders_of: frozenset[int] | None = None


def plan_grants(extra_info: str) -> tuple[str, ...]:
    """The module names a plan's ``extraInfo`` grants: ``set=user,web,pocket-crm-cal``, maybe
    among other ``key=value`` parts (separated by ``;``, ``&`` or line breaks). Both sources
    read the field alike."""
    for part in re.split(r"[;&\r\n]+", extra_info):
        key, _sep, value = part.partition("=")
        if key.strip().lower() == "set":
            return tuple(name.strip() for name in value.split(",") if name.strip())
    return ()
