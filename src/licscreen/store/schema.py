"""The store's schema, created and migrated in code and versioned by ``PRAGMA user_version``.

Each migration takes the store from version ``n - 1`` to ``n`` and runs inside the caller's
transaction. Never edit a released migration: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from licscreen.store.schema_events import V3, V_SORT
from licscreen.store.schema_history import V_HISTORY

V1 = [
    """
    CREATE TABLE owner (
        name                TEXT PRIMARY KEY
                            CHECK (name <> '' AND name NOT GLOB '*[^A-Z0-9]*'),
        description         TEXT NOT NULL,
        company_name        TEXT NOT NULL,
        serial_number       TEXT NOT NULL,
        licence_version     INTEGER NOT NULL DEFAULT 1,
        expires             TEXT,              -- ISO date; NULL: never expires
        grace_date          TEXT,
        maintenance_date    TEXT,
        next_check_date     TEXT,
        admin_warning_date  TEXT,
        product_type        TEXT,
        product_description TEXT,
        public_key          TEXT,
        signature           TEXT,
        sort_order          INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE module_licence (
        id            INTEGER PRIMARY KEY,
        owner         TEXT NOT NULL REFERENCES owner(name) ON DELETE CASCADE,
        name          TEXT NOT NULL,           -- code name, e.g. ten-sales-premium
        description   TEXT NOT NULL,           -- display name, e.g. Sales Premium
        tooltip       TEXT NOT NULL DEFAULT '',
        licence_type  INTEGER NOT NULL CHECK (licence_type IN (1, 2, 3)),
        total         INTEGER NOT NULL CHECK (total > 0),
        unrestricted  INTEGER NOT NULL DEFAULT 0 CHECK (unrestricted IN (0, 1)),
        hidden        INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
        extra_flags   INTEGER NOT NULL DEFAULT 0,   -- 1: a user plan, 2: a site marker
        prerequisite  TEXT,                    -- code name of a licence of the same owner
        sort_order    INTEGER NOT NULL DEFAULT 0,
        UNIQUE (owner, name)
    )
    """,
    """
    CREATE TABLE plan_grant (
        plan_id    INTEGER NOT NULL REFERENCES module_licence(id) ON DELETE CASCADE,
        granted_id INTEGER NOT NULL REFERENCES module_licence(id) ON DELETE CASCADE,
        PRIMARY KEY (plan_id, granted_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE user_group (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    )
    """,
    """
    CREATE TABLE user (
        id        INTEGER PRIMARY KEY,
        user_id   TEXT NOT NULL UNIQUE COLLATE NOCASE,
        full_name TEXT NOT NULL,
        group_id  INTEGER REFERENCES user_group(id) ON DELETE SET NULL,
        portrait  BLOB
    )
    """,
    """
    CREATE TABLE licence_user (
        licence_id INTEGER NOT NULL REFERENCES module_licence(id) ON DELETE CASCADE,
        user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
        valid_from TEXT,
        valid_to   TEXT,
        comment    TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (licence_id, user_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX licence_user_by_user ON licence_user (user_id)",
    """
    CREATE TABLE installation (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        owner          TEXT NOT NULL,
        serial_number  TEXT NOT NULL,
        database_type  TEXT NOT NULL,
        role           TEXT NOT NULL CHECK (role IN ('central', 'satellite')),
        logged_in_user TEXT,                   -- user.user_id
        subscription   TEXT,
        plan           TEXT,
        currency       TEXT NOT NULL DEFAULT 'NOK',
        shop_url       TEXT,
        is_demo        INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE plan_restriction (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        max_value  INTEGER,                    -- NULL: unlimited
        current    INTEGER NOT NULL DEFAULT 0,
        sort_order INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE system_event (
        id           INTEGER PRIMARY KEY,
        scope        INTEGER NOT NULL CHECK (scope IN (1, 2, 3, 4)),
        owner_id     INTEGER NOT NULL DEFAULT 0, -- 0, 0, user_group.id or user.id by scope
        event_key    TEXT NOT NULL,
        name         TEXT NOT NULL,
        status       TEXT NOT NULL
                     CHECK (status IN ('active', 'running', 'finished', 'failed', 'cancelled')),
        message      TEXT NOT NULL DEFAULT '',
        description  TEXT NOT NULL DEFAULT '',
        eta          TEXT,                     -- expected end, UTC 'YYYY-MM-DD HH:MM:SS'
        registered   TEXT NOT NULL,            -- activated at, UTC
        registered_by INTEGER REFERENCES user(id) ON DELETE SET NULL,  -- NULL: the system
        updated      TEXT,
        updated_by   INTEGER REFERENCES user(id) ON DELETE SET NULL,
        update_count INTEGER NOT NULL DEFAULT 0,
        UNIQUE (event_key, scope, owner_id)
    )
    """,
    "CREATE INDEX system_event_by_registered ON system_event (registered DESC, id DESC)",
    """
    CREATE TABLE metered_service (
        key        TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        unit       TEXT NOT NULL CHECK (unit IN ('bytes', 'count')),
        base       REAL NOT NULL CHECK (base >= 0),
        per_user   REAL NOT NULL CHECK (per_user >= 0),
        price      REAL NOT NULL CHECK (price >= 0),
        price_per  REAL NOT NULL DEFAULT 1 CHECK (price_per > 0),
        sort_order INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE monthly_usage (
        service TEXT NOT NULL REFERENCES metered_service(key) ON DELETE CASCADE,
        month   TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        amount  REAL NOT NULL CHECK (amount >= 0),
        users   INTEGER NOT NULL CHECK (users >= 0),
        PRIMARY KEY (service, month)
    ) WITHOUT ROWID
    """,
]


# Version 2: signed licence files (issue 5). The vendor key the store trusts, the issue time of
# the licence in force, licences waiting for activation, and the history of activations.
V2 = [
    """
    CREATE TABLE trust (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        vendor_key TEXT NOT NULL,              -- base64 of the raw Ed25519 public key
        is_demo    INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
        set_at     TEXT NOT NULL               -- UTC 'YYYY-MM-DD HH:MM:SS'
    )
    """,
    "ALTER TABLE owner ADD COLUMN issued TEXT",  # when the licence in force was issued, UTC
    """
    CREATE TABLE pending_licence (
        owner     TEXT PRIMARY KEY
                  CHECK (owner <> '' AND owner NOT GLOB '*[^A-Z0-9]*'),
        licence   TEXT NOT NULL,               -- the signed licence file, as loaded
        loaded_at TEXT NOT NULL,
        loaded_by TEXT
    )
    """,
    """
    CREATE TABLE licence_activation (
        id              INTEGER PRIMARY KEY,
        owner           TEXT NOT NULL,
        licence_version INTEGER NOT NULL,
        issued          TEXT NOT NULL,
        activated_at    TEXT NOT NULL,
        activated_by    TEXT,                  -- user ID, or the OS user from the CLI
        automatic       INTEGER NOT NULL CHECK (automatic IN (0, 1)),
        changes         TEXT NOT NULL,         -- JSON: what changed (docs/licence-file.md)
        licence         TEXT NOT NULL          -- the signed licence file applied
    )
    """,
    "CREATE INDEX licence_activation_by_time ON licence_activation (activated_at DESC, id DESC)",
]


# Version 3: the System messages filter at scale (issue 7) is V3, in schema_events.py with
# the other indexes of system_event.


# Version 4: a store that mirrors one SuperOffice installation (issue 14). The installation it
# mirrors, each sync's record, what SuperOffice says of users, who assigned a licence and when,
# each licence's use per day, and when an event that SuperOffice no longer has was last seen.
V4 = [
    """
    CREATE TABLE mirror (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        source        TEXT NOT NULL,           -- where it is read, never with credentials
        serial_number TEXT NOT NULL,           -- the installation's identity (company.serialNo)
        created       TEXT NOT NULL            -- UTC 'YYYY-MM-DD HH:MM:SS'
    )
    """,
    """
    CREATE TABLE sync_run (
        id       INTEGER PRIMARY KEY,
        started  TEXT NOT NULL,
        finished TEXT NOT NULL,
        source   TEXT NOT NULL,
        counts   TEXT NOT NULL                 -- JSON: {kind: {added, changed, removed}}
    )
    """,
    "ALTER TABLE user ADD COLUMN retired INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE user ADD COLUMN can_log_in INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE user ADD COLUMN waiting_for_approval INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE user ADD COLUMN last_login TEXT",
    "ALTER TABLE user ADD COLUMN logged_on INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE owner ADD COLUMN product_version TEXT",  # licenseVersion: "11.11"
    "ALTER TABLE licence_user ADD COLUMN assigned_at TEXT",
    "ALTER TABLE licence_user ADD COLUMN assigned_by INTEGER REFERENCES user(id) "
    "ON DELETE SET NULL",
    """
    CREATE TABLE licence_usage_day (
        licence_id INTEGER NOT NULL REFERENCES module_licence(id) ON DELETE CASCADE,
        day        TEXT NOT NULL,              -- ISO date, UTC
        in_use     INTEGER NOT NULL,
        total      INTEGER NOT NULL,
        PRIMARY KEY (licence_id, day)
    ) WITHOUT ROWID
    """,
    "ALTER TABLE system_event ADD COLUMN last_seen TEXT",  # NULL: seen by the latest sync
]


# Version 5: what a database sync read, kind by kind, as a digest: a kind whose rows are
# unchanged since the last sync is neither built nor compared again (sync/digest.py).
V5 = [
    """
    CREATE TABLE sync_digest (
        kind   TEXT PRIMARY KEY,
        digest TEXT NOT NULL
    ) WITHOUT ROWID
    """,
]


# Version 6: the audit trail (issue 15): every change licscreen makes to a store, one entry
# each, in the transaction of the change. Each entry holds the SHA-256 of the one before it
# (``prev_hash``) and its own over both (``hash``), so an entry edited or deleted breaks the
# chain from there on (store/audit.py, ``licscreen audit verify``).
V_AUDIT = [
    """
    CREATE TABLE audit (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,               -- UTC 'YYYY-MM-DD HH:MM:SS'
        os_user   TEXT NOT NULL,               -- who ran licscreen
        client    TEXT NOT NULL,               -- the SSH client's address, or 'local'
        command   TEXT NOT NULL,               -- 'licscreen assign', 'app', ...
        changes   TEXT NOT NULL,               -- JSON: [{subject, before, after}]
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
    )
    """,
    "CREATE INDEX audit_by_at ON audit (at)",
]


# Version 7: seat history (issue 16) is V_HISTORY, in schema_history.py (its triggers are long).


# Version 8: sorting the System messages by any column (issue 17) is V_SORT, in
# schema_events.py.


def _run(statements: list[str]) -> Callable[[sqlite3.Connection], None]:
    def migrate(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return migrate


# MIGRATIONS[n - 1] takes a store from version n - 1 to n.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_run(V1), _run(V2), _run(V3),
                                                         _run(V4), _run(V5), _run(V_AUDIT),
                                                         _run(V_HISTORY), _run(V_SORT)]
SCHEMA_VERSION = len(MIGRATIONS)

# Tables a store of ours has from version 1 on: how we tell our store from any SQLite file.
CORE_TABLES = frozenset({"owner", "module_licence", "system_event", "installation"})

