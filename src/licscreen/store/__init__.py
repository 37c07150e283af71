"""The store: plain Python over SQLite. Never imports Textual (nor Rich).

Its public API is what this package exports (``__all__``), plus two modules: the events
(``licscreen.store.events``, with its own ``__all__``) and the models
(``licscreen.store.models``: frozen dataclasses, exported here too). Outside ``store/``, import
only from those three; the other modules, and the SQL they share (``store/sql.py``), are the
store's own and may change shape with it. tests/store/test_store_api.py holds ``src`` to that.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from licscreen.store.consumption import (
    Projection,
    ServiceMonth,
    elapsed_share,
    invoice_total,
    month_figures,
    month_key,
    months_between,
    months_ending,
    projected_invoice_total,
    service_series,
    shift_month,
)
from licscreen.store.create import create_store, store_exists
from licscreen.store.errors import (
    DataFileError,
    NotAStore,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreExists,
    StoreFull,
    StoreInUse,
    StoreNotFound,
    StoreReadOnly,
    StoreReplaced,
    StoreTooNew,
    StoreWriteFailed,
)
from licscreen.store.files import APPLICATION_ID
from licscreen.store.list_state import ListStates, store_key
from licscreen.store.models import (
    RESTRICTION_WARNING,
    SUPEROFFICE,
    WARNING_DAYS,
    EventScope,
    EventStatus,
    ExtraFlags,
    Holder,
    Installation,
    Level,
    Licence,
    LicenceDetail,
    LicenceType,
    MeteredService,
    MonthlyUsage,
    Owner,
    Restriction,
    SystemEvent,
    User,
    expiry_level,
)
from licscreen.store.sql import db_moment, from_db_time, like_pattern, to_db_time
from licscreen.store.store import Store
from licscreen.store.summary import (
    OwnerLicences,
    Summary,
    all_holders,
    find_licences,
    licences_described,
    read_summary,
)

if TYPE_CHECKING:
    from licscreen.store.audit import (
        AUDIT_ORDER,
        AuditCheck,
        AuditEntry,
        Change,
        append_audit,
        audit_count,
        audit_entries,
        set_origin,
        verify_audit,
    )
    from licscreen.store.audit_filter import EntryWords
    from licscreen.store.forecasting import (
        FIT_DAYS,
        Forecast,
        Outlook,
        UsageDay,
        as_of_today,
        forecast,
    )
    from licscreen.store.history import licence_history, usage_history
    from licscreen.store.mirror import (
        Mirror,
        MirrorMismatch,
        MirrorState,
        MirrorWriteRefused,
        SyncRun,
        is_mirror,
        mirror_state,
        read_mirror,
        refuse_in_mirror,
        sync_runs,
    )
    from licscreen.store.mirror_apply import (
        StaleDigests,
        SyncResult,
        apply_snapshot,
        known_digests,
    )
    from licscreen.store.reclaim import (
        Bucket,
        Candidate,
        Criteria,
        Freed,
        ReclaimPlan,
        plan_reclaim,
        reclaim_seats,
    )
    from licscreen.store.seat_refusals import SeatRefused
    from licscreen.store.seats import (
        SeatChange,
        assign_seats,
        reassign_seat,
        toggle_seat,
        unassign_seats,
    )
    from licscreen.store.usage_import import ImportResult, import_usage
    from licscreen.store.user_match import ShownAs, UserFilter, user_filter
    from licscreen.store.users import (
        Holding,
        UserDetail,
        UserLicence,
        UserRow,
        UserState,
        count_users,
        find_user,
        sorted_user_ids,
        user_detail,
        user_position,
        users_by_id,
        users_page,
    )
    from licscreen.store.watch import StoreWatcher

# Loaded on first use: `status --json` and `check` need neither the CSV importer nor the
# watcher, and every module a report imports is time its user waits.
_LAZY_MODULES = {
    "usage_import": ("ImportResult", "import_usage"),
    "watch": ("StoreWatcher",),
    "mirror_apply": ("apply_snapshot", "SyncResult", "StaleDigests", "known_digests"),
    "mirror": ("Mirror", "MirrorMismatch", "MirrorState", "MirrorWriteRefused", "SyncRun",
               "is_mirror", "mirror_state", "read_mirror", "refuse_in_mirror", "sync_runs"),
    "audit": ("AUDIT_ORDER", "AuditCheck", "AuditEntry", "Change", "append_audit",
              "audit_count", "audit_entries", "set_origin", "verify_audit"),
    "audit_filter": ("EntryWords",),
    "users": ("Holding", "UserDetail", "UserLicence", "UserRow", "UserState", "count_users",
              "find_user", "sorted_user_ids", "user_detail", "user_position",
              "users_by_id", "users_page"),
    "user_match": ("ShownAs", "UserFilter", "user_filter"),
    "seats": ("SeatChange", "assign_seats", "reassign_seat", "toggle_seat", "unassign_seats"),
    "seat_refusals": ("SeatRefused",),
    "reclaim": ("Bucket", "Candidate", "Criteria", "Freed", "ReclaimPlan", "plan_reclaim",
                "reclaim_seats"),
    "forecasting": ("FIT_DAYS", "Forecast", "Outlook", "UsageDay", "as_of_today", "forecast"),
    "history": ("licence_history", "usage_history"),
}
_LAZY = {name: module for module, names in _LAZY_MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "APPLICATION_ID",
    "AUDIT_ORDER",
    "FIT_DAYS",
    "RESTRICTION_WARNING",
    "SUPEROFFICE",
    "WARNING_DAYS",
    "AuditCheck",
    "AuditEntry",
    "Bucket",
    "Candidate",
    "Change",
    "Criteria",
    "DataFileError",
    "EntryWords",
    "EventScope",
    "EventStatus",
    "ExtraFlags",
    "Forecast",
    "Freed",
    "Holder",
    "Holding",
    "ImportResult",
    "Installation",
    "Level",
    "Licence",
    "LicenceDetail",
    "LicenceType",
    "ListStates",
    "MeteredService",
    "Mirror",
    "MirrorMismatch",
    "MirrorState",
    "MirrorWriteRefused",
    "MonthlyUsage",
    "NotAStore",
    "Outlook",
    "Owner",
    "OwnerLicences",
    "Projection",
    "ReclaimPlan",
    "Restriction",
    "SeatChange",
    "SeatRefused",
    "ServiceMonth",
    "ShownAs",
    "StaleDigests",
    "Store",
    "StoreBusy",
    "StoreCorrupt",
    "StoreError",
    "StoreExists",
    "StoreFull",
    "StoreInUse",
    "StoreNotFound",
    "StoreReadOnly",
    "StoreReplaced",
    "StoreTooNew",
    "StoreWatcher",
    "StoreWriteFailed",
    "Summary",
    "SyncResult",
    "SyncRun",
    "SystemEvent",
    "UsageDay",
    "User",
    "UserDetail",
    "UserFilter",
    "UserLicence",
    "UserRow",
    "UserState",
    "all_holders",
    "append_audit",
    "apply_snapshot",
    "as_of_today",
    "assign_seats",
    "audit_count",
    "audit_entries",
    "count_users",
    "create_store",
    "db_moment",
    "elapsed_share",
    "expiry_level",
    "find_licences",
    "find_user",
    "forecast",
    "from_db_time",
    "import_usage",
    "invoice_total",
    "is_mirror",
    "known_digests",
    "licence_history",
    "licences_described",
    "like_pattern",
    "mirror_state",
    "month_figures",
    "month_key",
    "months_between",
    "months_ending",
    "plan_reclaim",
    "projected_invoice_total",
    "read_mirror",
    "read_summary",
    "reassign_seat",
    "reclaim_seats",
    "refuse_in_mirror",
    "service_series",
    "set_origin",
    "shift_month",
    "sorted_user_ids",
    "store_exists",
    "store_key",
    "sync_runs",
    "to_db_time",
    "toggle_seat",
    "unassign_seats",
    "usage_history",
    "user_detail",
    "user_filter",
    "user_position",
    "users_by_id",
    "users_page",
    "verify_audit",
]
