"""What the store holds, as frozen dataclasses. No Textual here: the CLI uses these too."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum, StrEnum

SUPEROFFICE = "SUPEROFFICE"
WARNING_DAYS = 30  # an expiry this close is shown as a warning
RESTRICTION_WARNING = 0.85  # a plan restriction this full is a warning; at its limit, blocked

# Characters that hide what a text says: C0 and C1 controls and DEL (escape sequences among
# them), and Unicode's format characters and line and paragraph separators (categories Cf, Zl,
# Zp: bidi overrides and isolates, zero-width spaces and joiners, the byte-order mark, the soft
# hyphen, tags). The front ends show them visibly (licscreen.present.text.clean); the input of
# events refuses them. tests/unit/test_text.py holds the list to unicodedata's categories.
CONTROL_CHARACTERS = "\x00-\x1f\x7f-\x9f"
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
HIDDEN_CHARACTER = re.compile(f"[{CONTROL_CHARACTERS}{FORMAT_CHARACTERS}]")


def code_point(char: str) -> str:
    """A character as Unicode names it: 'U+202E'."""
    return f"U+{ord(char):04X}"


class LicenceType(IntEnum):
    SITE = 1
    SATELLITE = 2
    USER = 3

    @property
    def is_system(self) -> bool:
        return self is not LicenceType.USER

    @property
    def label(self) -> str:
        return self.name.lower()


class ExtraFlags(IntEnum):
    USER_PLAN = 1
    SITE_MARKER = 2


class EventScope(IntEnum):
    SYSTEM = 1
    DATABASE = 2
    GROUP = 3
    USER = 4

    @property
    def label(self) -> str:
        return self.name.lower()


class EventStatus(StrEnum):
    ACTIVE = "active"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_over(self) -> bool:
        return self in (EventStatus.FINISHED, EventStatus.FAILED, EventStatus.CANCELLED)


class Level(StrEnum):
    """How a figure is shown: normal, warning or error (blocked, expired, over-assigned)."""

    NORMAL = "normal"
    WARNING = "warning"
    ERROR = "error"


def expiry_level(days: int | None) -> Level:
    """An expiry ``days`` away (None: never): a warning inside :data:`WARNING_DAYS`, an error
    once passed."""
    if days is None or days > WARNING_DAYS:
        return Level.NORMAL
    return Level.WARNING if days >= 0 else Level.ERROR


@dataclass(frozen=True)
class Owner:
    name: str
    description: str
    company_name: str
    serial_number: str
    licence_version: int
    expires: date | None
    grace_date: date | None
    maintenance_date: date | None
    next_check_date: date | None
    admin_warning_date: date | None
    product_type: str | None
    product_description: str | None
    sort_order: int

    def days_left(self, today: date) -> int | None:
        return None if self.expires is None else (self.expires - today).days

    def expiry_level(self, today: date) -> Level:
        return expiry_level(self.days_left(today))


@dataclass(frozen=True)
class Licence:
    id: int
    owner: str
    name: str
    description: str
    tooltip: str
    type: LicenceType
    total: int
    unrestricted: bool
    hidden: bool
    extra_flags: int
    prerequisite: str | None
    sort_order: int
    in_use: int

    @property
    def free(self) -> int:
        return self.total - self.in_use

    @property
    def is_user_plan(self) -> bool:
        return bool(self.extra_flags & ExtraFlags.USER_PLAN)

    @property
    def over_assigned(self) -> bool:
        return not self.unrestricted and self.free < 0

    @property
    def level(self) -> Level:
        if self.unrestricted:
            return Level.NORMAL
        if self.free < 0:
            return Level.ERROR
        return Level.WARNING if self.free == 0 else Level.NORMAL


@dataclass(frozen=True)
class LicenceDetail:
    licence: Licence
    prerequisite: Licence | None
    grants: tuple[Licence, ...]  # what a user plan grants
    required_by: tuple[Licence, ...]  # licences that need this one
    granted_by: tuple[Licence, ...]  # user plans that grant this one


@dataclass(frozen=True)
class Holder:
    user_id: str
    full_name: str
    valid_from: date | None
    valid_to: date | None
    comment: str


@dataclass(frozen=True)
class User:
    id: int
    user_id: str
    full_name: str
    group: str | None
    has_portrait: bool


@dataclass(frozen=True)
class Restriction:
    """A limit of the plan: how many of something it allows (Dashboards, Active flows...)."""

    name: str
    limit: int | None  # None: unlimited; 0: not in the plan
    current: int

    @property
    def in_plan(self) -> bool:
        return self.limit != 0

    @property
    def ratio(self) -> float | None:
        """How full it is; None when it has no limit to fill (unlimited, or not in the plan)."""
        return self.current / self.limit if self.limit else None

    @property
    def level(self) -> Level:
        """Normal below :data:`RESTRICTION_WARNING`, a warning from there, blocked (an error)
        at its limit; normal when unlimited or not in the plan."""
        ratio = self.ratio
        if ratio is None or ratio < RESTRICTION_WARNING:
            return Level.NORMAL
        return Level.WARNING if ratio < 1.0 else Level.ERROR


@dataclass(frozen=True)
class Installation:
    owner: str
    serial_number: str
    database_type: str
    role: str  # central | satellite
    logged_in_user: str | None
    logged_in_name: str | None
    subscription: str | None
    plan: str | None
    currency: str
    shop_url: str | None
    is_demo: bool
    next_expiry: date | None
    restrictions: tuple[Restriction, ...]
    # Who is logged on to the installation now (a mirror: SuperOffice's activeuser), by user ID:
    # (user ID, full name)
    logged_on_now: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SystemEvent:
    id: int
    key: str
    name: str
    scope: EventScope
    owner_id: int
    owner_name: str | None  # the group's name or the user's ID, by scope
    status: EventStatus
    message: str
    description: str
    ends: datetime | None
    activated: datetime
    activated_by: str | None  # user ID; None: the system
    activated_by_name: str | None
    activated_by_has_portrait: bool
    updated: datetime | None
    updated_by: str | None
    update_count: int

    def is_overdue(self, now: datetime) -> bool:
        return self.ends is not None and not self.status.is_over and self.ends < now


@dataclass(frozen=True)
class MeteredService:
    key: str
    name: str
    unit: str  # bytes | count
    base: float
    per_user: float
    price: float
    price_per: float
    sort_order: int

    def included(self, users: int) -> float:
        return self.base + self.per_user * users


@dataclass(frozen=True)
class MonthlyUsage:
    service: str
    month: str  # YYYY-MM
    amount: float
    users: int


# The ranges of monthly usage (usage import, usage --month): ASCII digits only, and figures
# whose sums, projections and charges stay finite (JSON has no infinity).
USAGE_MONTH = re.compile(r"(19[7-9][0-9]|2[0-9]{3})-(0[1-9]|1[0-2])")  # 1970-01 to 2999-12
MAX_USAGE_AMOUNT = 10**15  # a petabyte of storage; a million billion e-mails
MAX_USAGE_USERS = 10**7
