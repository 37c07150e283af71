"""The store: plain Python over SQLite. Never imports Textual (nor Rich).

Its public API is what this package exports (``__all__``), plus two modules: the events
(``licscreen.store.events``, with its own ``__all__``) and the models
(``licscreen.store.models``: frozen dataclasses, exported here too). Outside ``store/``, import
only from those three; the other modules, and the SQL they share (``store/sql.py``), are the
store's own and may change shape with it. tests/store/test_store_api.py holds ``src`` to that.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licscreen.i18n import _
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
from licscreen.store.db import create_database
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
from licscreen.store.files import (
    APPLICATION_ID,
    clean_stale_builds,
    is_read_only_file,
    refuse_if_in_use,
    stat_store,
    write_failure,
)
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


def store_exists(path: Path) -> bool:
    """Something is there for a store to be opened from: anything but nothing or an empty
    file (which counts as none). A folder, a device or a pipe is there, and opening it says
    why it is no store."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True  # opening it says what is wrong
    return not (stat.S_ISREG(info.st_mode) and info.st_size == 0)


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def create_store(
    path: Path, *, demo: bool, force: bool = False, now: datetime | None = None,
    bulk: tuple[int, int] | None = None,
) -> Store:
    """Create a store at ``path``: empty, or holding the demo installation.

    The store is built beside ``path`` and moved into place when complete, so a failure leaves
    whatever was there before untouched. What is there is replaced only when it is a regular
    file: a store only with ``force``, never a read-only file, never a store another program
    has open. ``bulk`` (events, users) grows the demo into a large installation
    (store/demo/bulk.py). Builds that a killed ``init`` left behind are removed.
    """
    info = stat_store(path)  # a folder, a device or a pipe is refused here
    there = info is not None and info.st_size > 0
    if info is not None and is_read_only_file(path, info):
        raise StoreReadOnly(_("{path}: the file is read-only, so it is not replaced (make it "
                              "writable first, with chmod u+w, to replace it)").format(path=path))
    if there and not force:
        raise StoreExists(
            _("{path}: a store is already there (use --force to replace it)").format(path=path)
        )
    if there:
        refuse_if_in_use(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path  # the link stays
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            _("{folder}: cannot create the folder ({reason})").format(
                folder=path.parent, reason=error.strerror or error
            )
        ) from None
    clean_stale_builds(target)
    building = target.with_name(f".{target.name}.{os.getpid()}.new")
    try:
        _remove(building, *_sidecars(building))
        _build(building, demo=demo, now=now, bulk=bulk)
        if there:
            refuse_if_in_use(path)  # again: the build may have taken minutes
        _remove(*_sidecars(target))
        os.replace(building, target)
    except OSError as error:
        raise StoreError(
            _("{path}: cannot write the store ({reason})").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    except StoreWriteFailed as error:
        raise type(error)(_("{path}: cannot build the store: {reason}; nothing was replaced")
                          .format(path=path, reason=error.reason), error.reason) from None
    except sqlite3.Error as error:
        failure = write_failure(path, error)
        reason = failure.reason if failure is not None else str(error)
        raise StoreError(_("{path}: cannot build the store: {reason}; nothing was replaced")
                         .format(path=path, reason=reason)) from None
    finally:
        _remove(building, *_sidecars(building))
    return Store.open(path)


def _build(building: Path, *, demo: bool, now: datetime | None,
           bulk: tuple[int, int] | None) -> None:
    db = create_database(building)
    try:
        if demo:
            from licscreen.paths import demo_data_dir
            from licscreen.store.demo.loader import load_installation

            load_installation(db, demo_data_dir(), now)
            if bulk is not None:
                from licscreen.store.demo.bulk import add_bulk

                add_bulk(db, demo_data_dir(), events=bulk[0], users=bulk[1], now=now)
    finally:
        db.close()
