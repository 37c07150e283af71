"""A SuperOffice-shaped database in an SQLite file, from the tables and columns SuperOffice's
database reference documents (docs/en/database/tables/*.md), with the real quirks: zero dates
(1899-12-30: never), lower-case module names with hyphens, a plan whose ``extraInfo`` says
``set=...``, a hidden licence, a retired associate still holding a licence, a user waiting for
approval, events of every scope (known keys and one that is not), and, with ``old=True``, an
older installation lacking the optional columns."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

ZERO = "1899-12-30 00:00:00"
SERIAL = "1010000006"
OTHER_SERIAL = "2020000007"

COLUMNS: dict[str, list[str]] = {
    "company": ["company_id INTEGER PRIMARY KEY", "version INTEGER", "ownerContactName TEXT",
                "ownerDepartmentName TEXT", "dbContactName TEXT", "serialNo TEXT",
                "encryptedCheck TEXT"],
    "ModuleOwner": ["ModuleOwner_id INTEGER PRIMARY KEY", "ownerName TEXT",
                    "ownerDescription TEXT", "licenseUrl TEXT", "licenseVersion TEXT",
                    "productType TEXT", "productTypeDescription TEXT", "extraFlags INTEGER",
                    "expiration DATETIME", "graceTo DATETIME", "maintenanceTo DATETIME",
                    "nextCheckDate DATETIME", "adminWarningDate DATETIME",
                    "encryptedCheck TEXT"],
    "ModuleLicense": ["ModuleLicense_id INTEGER PRIMARY KEY", "moduleName TEXT",
                      "moduleDescription TEXT", "moduleVersion TEXT", "tooltip TEXT",
                      "licenseType INTEGER", "licenseNumber INTEGER",
                      "allowedAssocsMask INTEGER", "extraFlags INTEGER", "extraInfo TEXT",
                      "encryptedCheck TEXT", "ModuleOwner_id INTEGER", "sortOrder INTEGER",
                      "signature TEXT", "unrestricted INTEGER", "hidden INTEGER",
                      "prerequisiteModule TEXT"],
    "LicenseAssocLink": ["LicenseAssocLink_id INTEGER PRIMARY KEY", "moduleLicenseId INTEGER",
                         "assocId INTEGER", "validFrom DATETIME", "validTo DATETIME",
                         "licenseNumber INTEGER", "comment TEXT", "encryptedCheck TEXT",
                         "registered DATETIME", "registered_associate_id INTEGER",
                         "updated DATETIME", "updated_associate_id INTEGER",
                         "updatedCount INTEGER"],
    "associate": ["associate_id INTEGER PRIMARY KEY", "name TEXT", "deleted INTEGER",
                  "group_idx INTEGER", "lastlogin DATETIME", "lastlogout DATETIME",
                  "person_id INTEGER", "type INTEGER", "userName TEXT",
                  "waiting_for_approval INTEGER", "encryptedCheck TEXT"],
    "person": ["person_id INTEGER PRIMARY KEY", "contact_id INTEGER", "firstname TEXT",
               "middleName TEXT", "lastname TEXT", "retired INTEGER"],
    "UserGroup": ["UserGroup_id INTEGER PRIMARY KEY", "name TEXT", "deleted INTEGER",
                  "type INTEGER"],
    "SystemEvent": ["SystemEvent_id INTEGER PRIMARY KEY", "scope INTEGER", "owner INTEGER",
                    "eventkey TEXT", "eventmess TEXT", "extraInfo INTEGER", "eta DATETIME",
                    "registered DATETIME", "registered_associate_id INTEGER",
                    "updated DATETIME", "updated_associate_id INTEGER",
                    "updatedCount INTEGER"],
    "travelcurrent": ["travelcurrent_id INTEGER PRIMARY KEY", "systemlevel INTEGER"],
    "activeuser": ["activeuser_id INTEGER PRIMARY KEY", "lastlogin DATETIME",
                   "clientType INTEGER"],
}
# Columns an older SuperOffice lacks: read as empty.
NEWER = {("associate", "waiting_for_approval"), ("ModuleLicense", "unrestricted"),
         ("ModuleLicense", "hidden"), ("ModuleLicense", "prerequisiteModule"),
         ("ModuleOwner", "nextCheckDate"), ("ModuleOwner", "adminWarningDate")}

ROWS: dict[str, list[dict[str, Any]]] = {
    "company": [{"company_id": 1, "ownerContactName": "Nordlys AS",
                 "dbContactName": "Nordlys AS", "serialNo": SERIAL}],
    "ModuleOwner": [
        {"ModuleOwner_id": 1, "ownerName": "SUPEROFFICE", "ownerDescription": "SuperOffice",
         "licenseVersion": "11.11", "expiration": ZERO, "graceTo": ZERO,
         "maintenanceTo": "2027-06-30 00:00:00", "nextCheckDate": "2026-12-01 00:00:00",
         "adminWarningDate": ZERO},
        {"ModuleOwner_id": 2, "ownerName": "ROUTEPLAN", "ownerDescription": "RoutePlan AS",
         "licenseVersion": "3.2", "expiration": "2027-03-31 00:00:00", "graceTo": ZERO,
         "maintenanceTo": ZERO},
    ],
    "ModuleLicense": [
        {"ModuleLicense_id": 101, "moduleName": "ten-sales", "moduleDescription": "Sales",
         "licenseType": 3, "licenseNumber": 10, "ModuleOwner_id": 1, "sortOrder": 2,
         "extraFlags": 0},
        {"ModuleLicense_id": 102, "moduleName": "ten-service", "moduleDescription": "Service",
         "licenseType": 3, "licenseNumber": 5, "ModuleOwner_id": 1, "sortOrder": 3,
         "extraFlags": 0},
        {"ModuleLicense_id": 103, "moduleName": "ten-salesservicemarketing",
         "moduleDescription": "Sales, Service and Marketing", "licenseType": 3,
         "licenseNumber": 3, "ModuleOwner_id": 1, "sortOrder": 1, "extraFlags": 1,
         "extraInfo": "set=ten-sales,ten-service,guide-cal"},
        {"ModuleLicense_id": 104, "moduleName": "guide-cal", "moduleDescription": "Guide",
         "licenseType": 3, "licenseNumber": 100, "ModuleOwner_id": 1, "sortOrder": 4,
         "hidden": 1, "extraFlags": 0},
        {"ModuleLicense_id": 105, "moduleName": "web", "moduleDescription": "Web access",
         "licenseType": 1, "licenseNumber": 1, "ModuleOwner_id": 1, "sortOrder": 0,
         "unrestricted": 1, "extraFlags": 2},
        {"ModuleLicense_id": 201, "moduleName": "rp-planner", "moduleDescription": "Planner",
         "licenseType": 3, "licenseNumber": 2, "ModuleOwner_id": 2, "sortOrder": 0,
         "prerequisiteModule": None, "extraFlags": 0},
    ],
    "UserGroup": [{"UserGroup_id": 1, "name": "Sales", "deleted": 0},
                  {"UserGroup_id": 2, "name": "Support", "deleted": 0},
                  {"UserGroup_id": 3, "name": "Old team", "deleted": 1}],
    "person": [{"person_id": 1, "firstname": "Tore", "lastname": "Hansen"},
               {"person_id": 2, "firstname": "Ida", "middleName": "M.", "lastname": "Sand"},
               {"person_id": 3, "firstname": "Henrik", "lastname": "Wold", "retired": 1},
               {"person_id": 4, "firstname": "Nina", "lastname": "Berg"}],
    "associate": [
        {"associate_id": 10, "name": "TOREH", "group_idx": 1, "person_id": 1, "deleted": 0,
         "lastlogin": "2026-11-27 08:00:00", "type": 0, "waiting_for_approval": 0},
        {"associate_id": 11, "name": "IDAS", "group_idx": 2, "person_id": 2, "deleted": 0,
         "lastlogin": "2026-10-02 14:30:00", "type": 0, "waiting_for_approval": 0},
        {"associate_id": 12, "name": "HENRIKW", "group_idx": 1, "person_id": 3, "deleted": 1,
         "lastlogin": "2025-03-01 09:00:00", "type": 0, "waiting_for_approval": 0},
        {"associate_id": 13, "name": "NINAB", "group_idx": 2, "person_id": 4, "deleted": 0,
         "lastlogin": ZERO, "type": 0, "waiting_for_approval": 1},
    ],
    "LicenseAssocLink": [
        {"moduleLicenseId": m, "assocId": a, "licenseNumber": 1,
         "validFrom": ZERO, "validTo": ZERO, "comment": "",
         "registered": "2026-01-05 10:00:00", "registered_associate_id": 10}
        for m, a in ((101, 10), (101, 11), (101, 12), (102, 11), (103, 10), (104, 10),
                     (201, 11))
    ],
    "SystemEvent": [
        {"SystemEvent_id": 1, "scope": 1, "owner": 0, "eventkey": "FreetextRebuild",
         "eventmess": "", "eta": "2026-11-28 10:00:00", "registered": "2026-11-28 08:30:00",
         "registered_associate_id": 0, "updatedCount": 0},
        {"SystemEvent_id": 2, "scope": 2, "owner": 0, "eventkey": "NoTravel",
         "eventmess": "Travel is off during the upgrade", "eta": ZERO,
         "registered": "2026-11-20 07:00:00", "registered_associate_id": 10,
         "updatedCount": 1, "updated": "2026-11-21 07:00:00", "updated_associate_id": 10},
        {"SystemEvent_id": 3, "scope": 3, "owner": 1, "eventkey": "MessageOfTheDay",
         "eventmess": "Sales meeting at 9", "eta": ZERO,
         "registered": "2026-11-27 06:00:00", "registered_associate_id": 11},
        {"SystemEvent_id": 4, "scope": 4, "owner": 11, "eventkey": "UDefRebuild",
         "eventmess": "", "eta": ZERO, "registered": "2026-11-28 08:00:00",
         "registered_associate_id": 0},
    ],
    "travelcurrent": [{"travelcurrent_id": 1, "systemlevel": 10}],
    "activeuser": [{"activeuser_id": 10, "lastlogin": "2026-11-28 08:00:00", "clientType": 1},
                   {"activeuser_id": 11, "lastlogin": "2026-11-28 08:10:00", "clientType": 2}],
}


def build_superoffice(path: Path, *, old: bool = False, serial: str = SERIAL,
                      leave_out: tuple[str, ...] = (),
                      without: tuple[tuple[str, str], ...] = ()) -> Path:
    """The SuperOffice database at ``path``; ``leave_out`` tables, ``without`` (table,
    column) pairs: a damaged or foreign one."""
    dropped = set(without) | (NEWER if old else set())
    conn = sqlite3.connect(path)
    try:
        with conn:
            for table, columns in COLUMNS.items():
                if table in leave_out:
                    continue
                kept = [c for c in columns if (table, c.split()[0]) not in dropped]
                conn.execute(f'CREATE TABLE "{table}" ({", ".join(kept)})')
                names = {c.split()[0] for c in kept}
                for row in ROWS[table]:
                    values = {k: v for k, v in row.items() if k in names}
                    if table == "company":
                        values["serialNo"] = serial
                    conn.execute(
                        f'INSERT INTO "{table}" ({", ".join(values)}) '
                        f'VALUES ({", ".join("?" * len(values))})', tuple(values.values()))
    finally:
        conn.close()
    return path


def so_sql(path: Path, sql: str, *params: object) -> None:
    """One change to the SuperOffice database, as SuperOffice would make it."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


def so_url(path: Path) -> str:
    return f"sqlite:///{path}"


# `licscreen sync --json`, as docs/json-formats.md documents it.
SYNC_JSON_FIELDS = {
    "sync": {"store": "string", "source": "string", "created": "boolean", "run": "integer",
             "synced": "moment", "changes": "object", "notes": "array"},
}
