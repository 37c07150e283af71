"""The signed part of a licence file as typed values, and back.

:func:`read_content` runs only on a payload whose signature has been verified; it refuses
anything the store could not keep (an unknown licence type, a total of 0 or below, a
prerequisite or granted licence that is not in the licence...).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from licscreen.i18n import _
from licscreen.licence.errors import LicenceRefused
from licscreen.store.models import ExtraFlags, LicenceType

MAX_INT = 2**31 - 1
ISSUED_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
TYPE_NAMES = {"site": LicenceType.SITE, "satellite": LicenceType.SATELLITE,
              "user": LicenceType.USER}
OWNER_NAME = re.compile(r"[A-Z0-9]{1,40}")
DATE_FIELDS = ("expires", "grace_date", "maintenance_date", "next_check_date",
               "admin_warning_date")
CONTENT_FIELDS = {"owner", "description", "company_name", "serial_number", "installation",
                  "licence_version", "issued", "product_type", "product_description",
                  "modules", *DATE_FIELDS}
MODULE_FIELDS = {"name", "description", "tooltip", "type", "total", "unrestricted", "hidden",
                 "extra_flags", "grants", "prerequisite", "sort_order"}
KNOWN_FLAGS = int(ExtraFlags.USER_PLAN | ExtraFlags.SITE_MARKER)


@dataclass(frozen=True, slots=True)
class ModuleLicence:
    """One module licence, with the fields the store keeps (``module_licence``)."""

    name: str
    description: str
    tooltip: str
    type: LicenceType
    total: int
    unrestricted: bool
    hidden: bool
    extra_flags: int  # 1: a user plan, 2: a site marker
    grants: tuple[str, ...]
    prerequisite: str | None
    sort_order: int


@dataclass(frozen=True, slots=True)
class LicenceContent:
    """What a licence says: its owner, whom it is for, until when, and every module."""

    owner: str
    description: str
    company_name: str
    serial_number: str
    installation: str  # the serial number of the installation the licence is for
    licence_version: int
    issued: datetime
    expires: date | None
    grace_date: date | None
    maintenance_date: date | None
    next_check_date: date | None
    admin_warning_date: date | None
    product_type: str | None
    product_description: str | None
    modules: tuple[ModuleLicence, ...]

    def module(self, name: str) -> ModuleLicence | None:
        return next((m for m in self.modules if m.name == name), None)





def _field(record: dict[str, Any], key: str, where: str) -> Any:
    if key not in record:
        raise LicenceRefused(_("{where}: missing \"{key}\"").format(where=where, key=key))
    return record[key]


def _text(record: dict[str, Any], key: str, where: str, *, empty: bool = False) -> str:
    value = _field(record, key, where)
    if not isinstance(value, str) or (not value.strip() and not empty):
        raise LicenceRefused(_("{where}: \"{key}\" must be non-empty text").format(
            where=where, key=key))
    return value


def _optional_text(record: dict[str, Any], key: str, where: str) -> str | None:
    """Non-empty text, or None where the field is null."""
    return None if _field(record, key, where) is None else _text(record, key, where)


def _int(record: dict[str, Any], key: str, where: str, *, low: int = -MAX_INT) -> int:
    value = _field(record, key, where)
    if not isinstance(value, int) or isinstance(value, bool):
        raise LicenceRefused(_("{where}: \"{key}\" must be a whole number").format(
            where=where, key=key))
    if not low <= value <= MAX_INT:
        raise LicenceRefused(_("{where}: \"{key}\" is out of range ({value})").format(
            where=where, key=key, value=value))
    return value


def _flag(record: dict[str, Any], key: str, where: str) -> bool:
    value = _field(record, key, where)
    if not isinstance(value, bool):
        raise LicenceRefused(_("{where}: \"{key}\" must be true or false").format(
            where=where, key=key))
    return value


def _flags(record: dict[str, Any], where: str) -> int:
    flags = _int(record, "extra_flags", where, low=0)
    if flags & ~KNOWN_FLAGS:
        raise LicenceRefused(_("{where}: unknown extra flags {flags}").format(
            where=where, flags=flags))
    return flags


def _date(record: dict[str, Any], key: str, where: str) -> date | None:
    value = _field(record, key, where)
    if value is None:
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise LicenceRefused(_("{where}: \"{key}\" must be a date (YYYY-MM-DD) or null").format(
        where=where, key=key))


def _issued(record: dict[str, Any], where: str) -> datetime:
    value = _field(record, "issued", where)
    try:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", value):
            return datetime.strptime(value, ISSUED_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        pass
    raise LicenceRefused(_("{where}: \"issued\" must be a UTC time (YYYY-MM-DDTHH:MM:SSZ)")
                         .format(where=where))


def _only(record: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(record) - allowed)
    if unknown:
        raise LicenceRefused(_("{where}: unknown field \"{field}\"").format(
            where=where, field=unknown[0]))


def _module(record: object, index: int) -> ModuleLicence:
    where = _("module {n}").format(n=index + 1)
    if not isinstance(record, dict):
        raise LicenceRefused(_("{where}: not an object").format(where=where))
    name = _text(record, "name", where)
    where = _("module '{name}'").format(name=name)
    _only(record, MODULE_FIELDS, where)
    kind = _field(record, "type", where)
    if kind not in TYPE_NAMES:
        raise LicenceRefused(_("{where}: unknown licence type {kind} (site, satellite or user)")
                             .format(where=where, kind=json.dumps(kind, ensure_ascii=True)[:40]))
    total = _int(record, "total", where)
    if total <= 0:
        raise LicenceRefused(_("{where}: the total must be above 0, not {total}").format(
            where=where, total=total))
    grants = _field(record, "grants", where)
    if not isinstance(grants, list) or not all(isinstance(g, str) and g for g in grants):
        raise LicenceRefused(_("{where}: \"grants\" must be a list of licence names").format(
            where=where))
    return ModuleLicence(
        name=name,
        description=_text(record, "description", where),
        tooltip=_text(record, "tooltip", where, empty=True),
        type=TYPE_NAMES[kind],
        total=total,
        unrestricted=_flag(record, "unrestricted", where),
        hidden=_flag(record, "hidden", where),
        extra_flags=_flags(record, where),
        grants=tuple(grants),
        prerequisite=_optional_text(record, "prerequisite", where),
        sort_order=_int(record, "sort_order", where),
    )


def read_content(payload: dict[str, Any]) -> LicenceContent:
    """The signed licence as typed values; refuses anything the store could not keep."""
    where = _("the licence")
    _only(payload, CONTENT_FIELDS, where)
    owner = _text(payload, "owner", where)
    if not OWNER_NAME.fullmatch(owner or ""):
        raise LicenceRefused(_("the licence: owner '{owner}' is not upper-case A-Z and 0-9")
                             .format(owner=owner))
    records = _field(payload, "modules", where)
    if not isinstance(records, list) or not records:
        raise LicenceRefused(_("the licence: \"modules\" must be a non-empty list"))
    modules = tuple(_module(record, i) for i, record in enumerate(records))
    names = [m.name for m in modules]
    for module in modules:
        if names.count(module.name) > 1:
            raise LicenceRefused(_("module '{name}' appears twice").format(name=module.name))
        if module.prerequisite is not None and module.prerequisite not in names:
            raise LicenceRefused(_("module '{name}': the prerequisite '{prerequisite}' does not "
                                   "exist in this licence").format(
                name=module.name, prerequisite=module.prerequisite))
        for granted in module.grants:
            if granted not in names:
                raise LicenceRefused(_("module '{name}': grants '{granted}', which does not "
                                       "exist in this licence").format(
                    name=module.name, granted=granted))
    return LicenceContent(
        owner=owner,
        description=_text(payload, "description", where),
        company_name=_text(payload, "company_name", where),
        serial_number=_text(payload, "serial_number", where),
        installation=_text(payload, "installation", where),
        licence_version=_int(payload, "licence_version", where, low=1),
        issued=_issued(payload, where),
        **{key: _date(payload, key, where) for key in DATE_FIELDS},
        product_type=_optional_text(payload, "product_type", where),
        product_description=_optional_text(payload, "product_description", where),
        modules=modules,
    )



def content_payload(content: LicenceContent) -> dict[str, Any]:
    """A licence as the JSON object that is signed (the inverse of :func:`read_content`)."""
    reverse = {kind: name for name, kind in TYPE_NAMES.items()}
    payload: dict[str, Any] = {
        "owner": content.owner,
        "description": content.description,
        "company_name": content.company_name,
        "serial_number": content.serial_number,
        "installation": content.installation,
        "licence_version": content.licence_version,
        "issued": content.issued.astimezone(UTC).strftime(ISSUED_FORMAT),
        "product_type": content.product_type,
        "product_description": content.product_description,
        "modules": [
            {"name": m.name, "description": m.description, "tooltip": m.tooltip,
             "type": reverse[m.type], "total": m.total, "unrestricted": m.unrestricted,
             "hidden": m.hidden, "extra_flags": m.extra_flags, "grants": list(m.grants),
             "prerequisite": m.prerequisite, "sort_order": m.sort_order}
            for m in content.modules
        ],
    }
    for key in DATE_FIELDS:
        value = getattr(content, key)
        payload[key] = value.isoformat() if value else None
    return payload
