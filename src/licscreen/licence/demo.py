"""New signed licences for the demo installation, so the whole update flow can be tried.

They are signed with the DEMO keys in ``data/demo/keys/``, which exist for the demo and the
tests only; a store that does not trust the demo vendor key refuses them, as it should.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path

from licscreen.i18n import _
from licscreen.licence.content import LicenceContent, ModuleLicence, read_content
from licscreen.licence.errors import LicenceRefused
from licscreen.licence.fileformat import read_envelope
from licscreen.licence.signing import (
    DEMO_KEYS,
    DEMO_VENDOR_KEY,
    raw_public_key,
    read_private_key,
    sign_licence,
    vouch_for_partner,
)
from licscreen.licence.state import pending_text, trust
from licscreen.store import SUPEROFFICE, Licence, Store

RAISE_BY = 2  # a raised total leaves this many free
LOWER_BY = 2  # a lowered total leaves this many holders too many


def demo_keys_dir() -> Path:
    from licscreen.paths import demo_data_dir

    return demo_data_dir() / DEMO_KEYS


def partner_key_file(owner: str) -> Path:
    return demo_keys_dir() / f"DEMO-PARTNER-{owner}-PRIVATE-KEY.pem"


def default_totals(licences: list[Licence], *, lower: bool) -> dict[str, int]:
    """A few totals raised (the full and over-assigned ones, else the tightest), and, with
    ``lower``, one lowered below its number in use."""
    counted = [lic for lic in licences if not lic.unrestricted and not lic.hidden]
    raise_ = [lic for lic in counted if lic.free <= 0]
    if not raise_ and counted:
        used = [lic for lic in counted if lic.in_use] or counted
        raise_ = [min(used, key=lambda lic: (lic.free, -lic.sort_order))]
    totals = {lic.name: lic.in_use + RAISE_BY for lic in raise_}
    candidates = [lic for lic in counted if lic.name not in totals and lic.in_use > LOWER_BY]
    if lower and candidates:
        lowered = min(candidates, key=lambda lic: (lic.free, -lic.sort_order))
        totals[lowered.name] = lowered.in_use - LOWER_BY
    return totals


def _grants(store: Store, owner: str) -> dict[str, tuple[str, ...]]:
    with store.db.read() as conn:
        rows = conn.execute(
            """SELECT p.name, g.name FROM plan_grant pg
               JOIN module_licence p ON p.id = pg.plan_id
               JOIN module_licence g ON g.id = pg.granted_id
               WHERE p.owner = ? ORDER BY g.sort_order, g.name""", (owner,)).fetchall()
    grants: dict[str, tuple[str, ...]] = {}
    for plan, granted in rows:
        grants[plan] = (*grants.get(plan, ()), granted)
    return grants


def _later(day: date | None, years: int = 1) -> date | None:
    return day + timedelta(days=365 * years) if day else None


def demo_licence(store: Store, *, now: datetime, owner: str = SUPEROFFICE,
                 totals: Mapping[str, int] | None = None, lower: bool = True) -> bytes:
    """A licence file for ``owner`` of the demo installation in ``store``: the licence in force
    renewed for a year, one version up, with ``totals`` (else :func:`default_totals`)."""
    trusted = trust(store)
    vendor = read_private_key(demo_keys_dir() / DEMO_VENDOR_KEY)
    if trusted is None or trusted.vendor_key != raw_public_key(vendor):
        raise LicenceRefused(_("this store does not trust the demo vendor key: demo licences "
                               "are for the demo installation only"))
    installation = store.installation()
    current = next((o for o in store.owners() if o.name == owner.upper()), None)
    if installation is None or current is None:
        raise LicenceRefused(_("no licence owner '{owner}' in this store").format(owner=owner))
    licences = store.licences(current.name, include_hidden=True)
    wanted = dict(default_totals(licences, lower=lower))
    for name, total in (totals or {}).items():
        if not any(lic.name == name for lic in licences):
            raise LicenceRefused(_("{owner} has no licence '{name}'").format(
                owner=current.name, name=name))
        wanted[name] = total
    version = current.licence_version
    waiting = pending_text(store, current.name)
    if waiting is not None:
        version = max(version, read_content(read_envelope(waiting[0].encode()).payload)
                      .licence_version)
    grants = _grants(store, current.name)
    modules = tuple(
        ModuleLicence(lic.name, lic.description, lic.tooltip, lic.type,
                      wanted.get(lic.name, lic.total), lic.unrestricted, lic.hidden,
                      lic.extra_flags, grants.get(lic.name, ()), lic.prerequisite, lic.sort_order)
        for lic in licences
    )
    content = LicenceContent(
        owner=current.name, description=current.description,
        company_name=current.company_name, serial_number=current.serial_number,
        installation=installation.serial_number, licence_version=version + 1,
        issued=now.replace(microsecond=0), expires=_later(current.expires),
        grace_date=_later(current.grace_date), maintenance_date=_later(current.maintenance_date),
        next_check_date=_later(current.next_check_date),
        admin_warning_date=_later(current.admin_warning_date),
        product_type=current.product_type, product_description=current.product_description,
        modules=modules,
    )
    return sign_demo(content)


def sign_demo(content: LicenceContent) -> bytes:
    """``content`` signed as its owner would sign it, with the DEMO keys."""
    vendor = read_private_key(demo_keys_dir() / DEMO_VENDOR_KEY)
    if content.owner == SUPEROFFICE:
        return sign_licence(content, vendor)
    path = partner_key_file(content.owner)
    if not path.exists():
        raise LicenceRefused(_("no demo partner key for {owner}").format(owner=content.owner))
    partner = read_private_key(path)
    return sign_licence(content, partner,
                        vouch_for_partner(vendor, content.owner, raw_public_key(partner)))

