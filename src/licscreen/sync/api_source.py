"""The REST way in: one read of an installation's licences, users, holders and system events.

``GET {base}/api/v1/License`` gives the owners and their licences; the ``AllUsers`` archive the
users and, one column per licence (``<owner>_<module>``), who holds what; the ``SystemEvents``
archive the system messages; ``POST …/Agents/License/GetFencingInfo`` the plan limit where the
installation has one. Read only: GET, and the one POST that reads. See docs/sync.md.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from licscreen.i18n import _
from licscreen.sync.api_client import ApiClient, open_client, shown_url
from licscreen.sync.api_values import (
    day,
    field,
    flag,
    integer,
    moment,
    optional_integer,
    optional_text,
    stable_id,
    text,
)
from licscreen.sync.errors import SyncError
from licscreen.sync.snapshot import (
    Snapshot,
    SoEvent,
    SoGroup,
    SoHolder,
    SoInstallation,
    SoLicence,
    SoOwner,
    SoRestriction,
    SoUser,
    plan_grants,
)

SECRET_ENV = {"basic": "LICSCREEN_SO_PASSWORD", "ticket": "LICSCREEN_SO_TICKET",
              "bearer": "LICSCREEN_SO_TOKEN"}
LICENCE_TYPES = {"unknown": 0, "sitelicense": 1, "satellitelicense": 2, "userlicense": 3}
# userplan is not asked for: the plan a user holds is a holder column like any licence
USER_COLUMNS = ["associateDbId", "assocName", "fullName", "usergroup", "isActive", "canLogin"]
EVENT_COLUMNS = ["SystemEvent_id", "scope", "owner", "eventkey", "eventname", "status",
                 "eventmess", "eta", "registered", "registered_associate_id/associateDbId",
                 "updatedCount"]
# The query of one archive read stays short: IIS refuses query strings over 2048 bytes.
MAX_SELECT = 1500


def secret_from_env(auth: str, environ: dict[str, str] | None = None) -> str | None:
    """The secret of ``auth`` from its environment variable, or ``None`` (then prompt)."""
    name = SECRET_ENV.get(auth)
    value = (os.environ if environ is None else environ).get(name) if name else None
    return value or None


def read_api_snapshot(url: str, *, auth: str, user: str | None, secret: str,
                      ca_bundle: Path | None = None, timeout: float = 30.0,
                      page_size: int = 500, now: datetime | None = None) -> Snapshot:
    """Read the installation at ``url`` (``https://host/SuperOffice``, or an Online tenant's
    REST base) through its REST API, whole, or raise :class:`SyncError` with one line.

    ``now`` is accepted for the database source's signature; the REST source needs no clock."""
    del now
    if page_size < 1:
        raise SyncError(_("the page size must be at least 1"))
    with open_client(url, auth=auth, user=user, secret=secret, ca_bundle=ca_bundle,
                     timeout=timeout) as api:
        owners, licences = _read_licences(api)
        users, groups, holders = _read_users(api, licences, page_size)
        events = _read_events(api, page_size)
        restrictions, notes = _read_fencing(api)
    main = next((o for o in owners if o.name.upper() == "SUPEROFFICE"), owners[0])
    installation = SoInstallation(owner=main.company_name, serial_number=main.serial_number)
    notes = (*notes,
             _("the REST API does not tell who is logged on now, the last login of each user, "
               "who assigned a licence and when, or whether this is a central or a satellite"))
    return Snapshot(source=shown_url(url.rstrip("/")), installation=installation,
                    owners=tuple(owners), licences=tuple(licences), groups=tuple(groups),
                    users=tuple(users), holders=tuple(holders), events=tuple(events),
                    restrictions=restrictions, notes=notes)


def _read_licences(api: ApiClient) -> tuple[list[SoOwner], list[SoLicence]]:
    answer = api.get("License")
    where = shown_url(f"{api.base}/License")
    if not isinstance(answer, list):
        raise SyncError(_("{url}: the answer is not a list of licence owners").format(url=where))
    owners: list[SoOwner] = []
    licences: list[SoLicence] = []
    taken: set[int] = set()
    for order, item in enumerate(answer):
        info = field(item, "Current", where) if isinstance(item, dict) else None
        if not isinstance(info, dict):
            raise SyncError(_("{url}: the answer has no {field}").format(url=where,
                                                                          field="Current"))
        owner = _owner(info, where, order)
        owners.append(owner)
        modules = [m.get("Current") for m in item.get("ExtendedModuleLicenses") or []
                   if isinstance(m, dict)]
        if not any(modules):
            modules = list(info.get("ModuleLicenses") or [])
        for module in modules:
            if isinstance(module, dict):
                licences.append(_licence(module, owner.name, where, taken))
    if not owners:
        raise SyncError(_("{url}: no licence owner in the answer").format(url=where))
    return owners, licences


def _owner(info: dict[str, Any], where: str, order: int) -> SoOwner:
    return SoOwner(
        name=text(field(info, "OwnerName", where)),
        description=text(info.get("OwnerDescription")),
        company_name=text(info.get("CompanyName")),
        serial_number=text(field(info, "SerialNr", where)),
        licence_version=text(info.get("LicenseVersion")),
        expires=day(info.get("ExpiryDate"), "ExpiryDate", where),
        grace_date=day(info.get("GraceDate"), "GraceDate", where),
        maintenance_date=day(info.get("MaintenanceDate"), "MaintenanceDate", where),
        next_check_date=day(info.get("NextCheckDate"), "NextCheckDate", where),
        admin_warning_date=day(info.get("AdminWarningDate"), "AdminWarningDate", where),
        product_type=optional_text(info.get("ProductType")),
        product_description=optional_text(info.get("ProductDescription")),
        sort_order=order,
    )


def _licence_type(value: Any, where: str) -> int:
    if isinstance(value, str) and value.strip().lower() in LICENCE_TYPES:
        return LICENCE_TYPES[value.strip().lower()]
    return integer(value, "LicenseType", where, default=0)


def _licence(module: dict[str, Any], owner: str, where: str, taken: set[int]) -> SoLicence:
    name = text(field(module, "ModuleName", where))
    given = module.get("ModuleLicenseId", module.get("ModuleLicense_id"))
    source_id = optional_integer(given, "ModuleLicenseId", where) or stable_id(owner, name)
    while source_id in taken:  # two names with one CRC: the later one takes the next free id
        source_id = source_id % 0x7FFFFFFF + 1
    taken.add(source_id)
    prerequisite = optional_text(module.get("PrerequisiteModuleName"))
    return SoLicence(
        source_id=source_id, owner=owner, name=name,
        description=text(module.get("ModuleDescription")),
        licence_type=_licence_type(module.get("LicenseType"), where),
        total=integer(module.get("NumberOfLicenses"), "NumberOfLicenses", where, default=0),
        tooltip=text(module.get("ModuleTooltip")),
        unrestricted=flag(module.get("Unrestricted")),
        hidden=flag(module.get("IsHidden")),
        extra_flags=integer(module.get("ExtraFlags"), "ExtraFlags", where, default=0),
        prerequisite=prerequisite,
        sort_order=integer(module.get("SortOrder"), "SortOrder", where, default=0),
        grants=plan_grants(text(module.get("ExtraInfo"))),
    )


def holder_column(licence: SoLicence) -> str:
    """The AllUsers column of a licence: ``<owner>_<module>``, the owner in lower case."""
    return f"{licence.owner.lower()}_{licence.name}"


def _user_id(row: dict[str, Any], where: str) -> int:
    value = row.get("associateDbId", row.get("PrimaryKey"))
    return integer(value, "associateDbId", where)


def _read_users(api: ApiClient, licences: list[SoLicence], page_size: int
                ) -> tuple[list[SoUser], list[SoGroup], list[SoHolder]]:
    where = shown_url(f"{api.base}/archive/AllUsers")
    users: dict[int, SoUser] = {}
    groups: dict[int, SoGroup] = {}
    for row in api.archive("AllUsers", USER_COLUMNS, page_size):
        source_id = _user_id(row, where)
        group_id = _group(row.get("usergroup"), groups, where)
        users[source_id] = SoUser(
            source_id=source_id, user_id=text(field(row, "assocName", where)),
            full_name=text(row.get("fullName")), group_id=group_id,
            retired=not flag(row.get("isActive"), default=True),
            can_log_in=flag(row.get("canLogin"), default=True))
    holders: list[SoHolder] = []
    for chunk in _column_chunks([lic for lic in licences if lic.licence_type == 3]):
        columns = [(lic.source_id, holder_column(lic)) for lic in chunk]
        for row in api.archive("AllUsers", ["associateDbId", *(c for _i, c in columns)],
                               page_size):
            user_id = _user_id(row, where)
            if user_id not in users:
                continue
            for licence_id, column in columns:
                value = row.get(column)
                if value is True or (value is not None and value is not False and flag(value)):
                    holders.append(SoHolder(licence_id=licence_id, user_id=user_id))
    return list(users.values()), list(groups.values()), holders


def _group(value: Any, groups: dict[int, SoGroup], where: str) -> int | None:
    """The user's primary group: its id where the archive gives one, else its name's id."""
    if value in (None, ""):
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        source_id = integer(value, "usergroup", where)
        groups.setdefault(source_id, SoGroup(source_id=source_id, name=str(source_id)))
        return source_id
    name = text(value)
    source_id = stable_id("usergroup", name)
    groups.setdefault(source_id, SoGroup(source_id=source_id, name=name))
    return source_id


def _column_chunks(licences: list[SoLicence]) -> list[list[SoLicence]]:
    chunks: list[list[SoLicence]] = []
    size = MAX_SELECT + 1
    for licence in licences:
        length = len(holder_column(licence)) + 1
        if size + length > MAX_SELECT:
            chunks.append([])
            size = 0
        chunks[-1].append(licence)
        size += length
    return chunks


def _read_events(api: ApiClient, page_size: int) -> list[SoEvent]:
    where = shown_url(f"{api.base}/archive/SystemEvents")
    events = []
    for row in api.archive("SystemEvents", EVENT_COLUMNS, page_size):
        events.append(SoEvent(
            source_id=integer(row.get("SystemEvent_id", row.get("PrimaryKey")),
                              "SystemEvent_id", where),
            scope=integer(field(row, "scope", where), "scope", where),
            owner_id=integer(row.get("owner"), "owner", where, default=0),
            event_key=text(field(row, "eventkey", where)),
            message=text(row.get("eventmess")),
            eta=moment(row.get("eta"), "eta", where),
            registered=moment(row.get("registered"), "registered", where),
            registered_by=optional_integer(row.get("registered_associate_id/associateDbId"),
                                           "registered_associate_id", where),
            update_count=integer(row.get("updatedCount"), "updatedCount", where, default=0),
            name=optional_text(row.get("eventname")),
            status=optional_text(row.get("status"))))
    return events


def _read_fencing(api: ApiClient) -> tuple[tuple[SoRestriction, ...] | None, tuple[str, ...]]:
    """The plan limit (CRM Suite "fencing"): ``None`` with a note where the API has none."""
    answer = api.post_optional("Agents/License/GetFencingInfo")
    if answer is api.NOT_FOUND:
        return None, (_("plan restrictions: this installation's API has no GetFencingInfo"),)
    if not isinstance(answer, dict):  # nothing near a limit
        return (), ()
    where = shown_url(f"{api.base}/Agents/License/GetFencingInfo")
    maximum = integer(answer.get("Maximum"), "Maximum", where, default=0)
    name = text(answer.get("WarningMessage")).strip() or _("active entities")
    return (SoRestriction(name=name,
                          current=integer(answer.get("ActiveCount"), "ActiveCount", where,
                                          default=0),
                          maximum=maximum if maximum > 0 else None),), ()
