"""The SuperOffice tables a sync reads, and their columns: required (a database without them
is not SuperOffice's) and optional (missing in older versions: read as empty).

Names as SuperOffice's database reference spells them (docs/en/database/tables/*.md in the
SuperOfficeDocs repository); they are matched without regard to case.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    optional_table: bool = False  # a database may lack it: read as no rows
    join: str | None = None  # read joined to this table, not by itself


TABLES: dict[str, Spec] = {
    "company": Spec(("serialNo",), ("ownerContactName", "dbContactName")),
    "ModuleOwner": Spec(
        ("ModuleOwner_id", "ownerName", "expiration"),
        ("ownerDescription", "licenseVersion", "productType", "productTypeDescription",
         "graceTo", "maintenanceTo", "nextCheckDate", "adminWarningDate")),
    "ModuleLicense": Spec(
        ("ModuleLicense_id", "ModuleOwner_id", "moduleName", "licenseType", "licenseNumber"),
        ("moduleDescription", "tooltip", "extraFlags", "extraInfo", "sortOrder",
         "unrestricted", "hidden", "prerequisiteModule")),
    "LicenseAssocLink": Spec(
        ("moduleLicenseId", "assocId"),
        ("validFrom", "validTo", "comment", "registered", "registered_associate_id")),
    "associate": Spec(
        ("associate_id", "name"),
        ("person_id", "group_idx", "deleted", "lastlogin", "type", "waiting_for_approval")),
    "person": Spec(("person_id",), ("firstname", "middleName", "lastname", "retired"),
                   optional_table=True, join="associate"),
    "UserGroup": Spec(("UserGroup_id", "name"), ("deleted",)),
    "SystemEvent": Spec(
        ("SystemEvent_id", "scope", "owner", "eventkey"),
        ("eventmess", "eta", "registered", "registered_associate_id", "updated",
         "updated_associate_id", "updatedCount")),
    "travelcurrent": Spec(("systemlevel",), optional_table=True),
    "activeuser": Spec(("activeuser_id",), optional_table=True),
}
