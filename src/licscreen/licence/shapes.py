"""The licence flow's JSON and CSV shapes: ``licscreen licence load``, ``pending``, ``activate``
and ``history`` write them (docs/json-formats.md), and the app's history exports them (``w``).
Add fields, never rename or remove them. No click, no Rich, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from licscreen.licence.content import ISSUED_FORMAT

if TYPE_CHECKING:
    from licscreen.licence.changes import LicenceChanges, ModuleChange
    from licscreen.licence.state import Activation, PendingLicence
    from licscreen.licence.update import LoadResult

# licscreen licence history --csv: a row per changed licence of each activation (an activation
# that changed no total: one row, the licence's fields empty).
HISTORY_CSV_FIELDS = ["id", "owner", "licence_version", "old_version", "issued", "activated_at",
                      "activated_by", "automatic", "old_expires", "new_expires", "licence",
                      "description", "kind", "old_total", "new_total", "old_unrestricted",
                      "new_unrestricted", "in_use", "removed_holders"]


def iso(value: date | datetime | None) -> str | None:
    """As the command line writes them: dates YYYY-MM-DD, moments in UTC with a Z."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime(ISSUED_FORMAT)
    return value.isoformat()


def load_json(result: LoadResult) -> dict[str, Any]:
    return {"activated": result.activated is not None,
            "activation": activation_json(result.activated) if result.activated else None,
            "changes": changes_json(result.changes)}


def changes_json(changes: LicenceChanges) -> dict[str, Any]:
    data = changes.as_json()
    data["modules"] = [change_json(m) for m in changes.modules]
    data["over_assigned"] = len(changes.over_assigned)
    return data


def change_json(module: ModuleChange) -> dict[str, Any]:
    data = module.as_json()
    data["over_assigned"] = module.over_assigned
    data["must_remove"] = module.must_remove
    return data


def pending_json(pending: PendingLicence) -> dict[str, Any]:
    return {
        "owner": pending.owner, "licence_version": pending.content.licence_version,
        "issued": iso(pending.content.issued), "expires": iso(pending.content.expires),
        "loaded_at": iso(pending.loaded_at), "loaded_by": pending.loaded_by,
        "changes": changes_json(pending.changes),
    }


def activation_json(act: Activation) -> dict[str, Any]:
    return {
        "id": act.id, "owner": act.owner, "licence_version": act.licence_version,
        "issued": iso(act.issued), "activated_at": iso(act.activated_at),
        "activated_by": act.activated_by, "automatic": act.automatic,
        "changes": changes_json(act.changes),
        "removed_holders": [{"licence": lic, "user_id": user}
                            for lic, user in act.removed_holders],
    }


def history_csv_rows(act: Activation) -> Iterator[dict[str, Any]]:
    """An activation as ``licence history --csv`` writes it: a row per licence whose total
    changed, the holders removed from it as user IDs separated by spaces; one row with the
    licence's fields empty when no total changed."""
    changes = act.changes
    head = {"id": act.id, "owner": act.owner, "licence_version": act.licence_version,
            "old_version": changes.old_version, "issued": iso(act.issued),
            "activated_at": iso(act.activated_at), "activated_by": act.activated_by,
            "automatic": act.automatic, "old_expires": iso(changes.old_expires),
            "new_expires": iso(changes.new_expires)}
    removed: dict[str, list[str]] = {}
    for licence, user in act.removed_holders:
        removed.setdefault(licence, []).append(user)
    if not changes.modules:
        yield {**head, **dict.fromkeys(HISTORY_CSV_FIELDS[10:])}
    for module in changes.modules:
        yield {**head, "licence": module.name, "description": module.description,
               "kind": module.kind, "old_total": module.old_total,
               "new_total": module.new_total, "old_unrestricted": module.old_unrestricted,
               "new_unrestricted": module.new_unrestricted, "in_use": module.in_use,
               "removed_holders": " ".join(removed.get(module.name, [])) or None}
