"""What an administrator types for an event: its type, scope and end, parsed and checked.

Plain Python, shared by the app's form and the ``licscreen events`` commands: each maps what
it was given (widgets, options) to fields by name, and :func:`parse_new` or
:func:`parse_changes` makes of them a :class:`NewEvent` or :class:`EventChanges`. Every
problem is reported against the field it belongs to, all of them at once, so a form can mark
the fields and a command can name the options.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Final, Literal, TypeVar, TypeVarTuple

from licscreen.i18n import N_, _
from licscreen.store.models import HIDDEN_CHARACTER, EventScope, code_point

MESSAGE_MAX = 200
DESCRIPTION_MAX = 4000

# Field names, as the form and the command line know them.
TYPE, SCOPE, OWNER, ENDS, MESSAGE, DESCRIPTION, BY, FORM = (
    "type", "scope", "owner", "ends", "message", "description", "by", "form")


class InvalidEvent(ValueError):
    """One or more fields are wrong; ``errors`` maps each field to one line saying why."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)


T = TypeVar("T")
Ts = TypeVarTuple("Ts")


class Errors:
    """The problems found so far, by field: each check runs through :meth:`check`, and
    :meth:`raise_any` then raises one :class:`InvalidEvent` naming them all."""

    def __init__(self) -> None:
        self.by_field: dict[str, str] = {}

    def check(self, fn: Callable[[*Ts], T], *args: *Ts) -> T | None:
        """``fn(*args)``, or None when it raises :class:`InvalidEvent` (its errors are kept)."""
        try:
            return fn(*args)
        except InvalidEvent as error:
            self.by_field.update(error.errors)
            return None

    def raise_any(self) -> None:
        if self.by_field:
            raise InvalidEvent(self.by_field)


@dataclass(frozen=True, slots=True)
class AdminType:
    """An event type an administrator adds: its command-line name, store key and name."""

    cli_name: str
    key: str
    name: str  # stored as the Operation column: data, so not translated

    @property
    def label(self) -> str:
        """What the form and the list show: the name, in the current language."""
        return _(self.name)


ADMIN_TYPES = (
    AdminType("no-login", "NoLogin", N_("No Login")),
    AdminType("no-freetext", "NoFreetext", N_("No Freetext")),
    AdminType("no-travel", "NoTravel", N_("No Travel")),
    AdminType("message-of-the-day", "MessageOfTheDay", N_("Message of the day")),
)
ADMIN_KEYS = frozenset(t.key for t in ADMIN_TYPES)
_TYPE_ALIASES = {"motd": "MessageOfTheDay"}


def admin_type(key: str) -> AdminType | None:
    return next((t for t in ADMIN_TYPES if t.key == key), None)


def parse_type(text: str) -> AdminType:
    """``no-login``, ``NoLogin`` (any case), or ``motd`` for the message of the day."""
    wanted = _TYPE_ALIASES.get(text.strip().lower(), text.strip()).lower()
    for kind in ADMIN_TYPES:
        if wanted in (kind.cli_name, kind.key.lower()):
            return kind
    names = ", ".join(t.cli_name for t in ADMIN_TYPES)
    raise InvalidEvent({TYPE: _("unknown event type '{type}' (types: {names})").format(
        type=text, names=names)})


@dataclass(frozen=True, slots=True)
class ScopeRef:
    """Who an event applies to. ``owner``: a group's ID or name, or a user ID; None otherwise."""

    scope: EventScope
    owner: str | None = None

    def __str__(self) -> str:
        return f"{self.scope.label}:{self.owner}" if self.owner is not None else self.scope.label


def parse_scope(text: str, owner_field: str | None = None) -> ScopeRef:
    """``system``, ``database``, ``group:ID`` (an ID or a name) or ``user:USERID``; or ``user``
    with the user ID in a field of its own, ``owner_field`` (the form's)."""
    kind, colon, owner = text.strip().partition(":")
    kind = kind.strip().lower()
    owner = owner.strip()
    plain = {"system": EventScope.SYSTEM, "database": EventScope.DATABASE}
    owned = {"group": EventScope.GROUP, "user": EventScope.USER}
    if kind in plain and not colon:
        return ScopeRef(plain[kind])
    if kind in owned and owner:
        return ScopeRef(owned[kind], owner)
    if kind == "user" and not colon and owner_field is not None:
        if not owner_field.strip():
            raise InvalidEvent({OWNER: _("choose the user it applies to")})
        return ScopeRef(EventScope.USER, owner_field.strip())
    if kind in owned:
        what = _("a group's ID or name") if kind == "group" else _("a user ID")
        raise InvalidEvent({SCOPE: _("'{text}': give {what} after '{kind}:'").format(
            text=text, what=what, kind=kind)})
    raise InvalidEvent({SCOPE: _(
        "'{text}' is not a scope: use system, database, group:ID or user:USERID").format(
        text=text)})


def describe_scope(scope: EventScope, owner_name: str | None) -> str:
    """Whom an event applies to, in words: 'the whole system', 'group Salg'..."""
    if scope is EventScope.SYSTEM:
        return _("the whole system")
    if scope is EventScope.DATABASE:
        return _("this database")
    if scope is EventScope.GROUP:
        return _("group {group}").format(group=owner_name)
    return _("user {user}").format(user=owner_name)


_RELATIVE = re.compile(r"\+\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?",
                       re.I | re.ASCII)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)
MAX_AHEAD_DAYS = 36_525  # an expected end lies at most about 100 years ahead
_LOCAL_FORMATS = ("%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M")
NO_END_WORDS = frozenset({"", "none", "never", "-"})


def parse_when(text: str, now: datetime) -> datetime | None:
    """An expected end: ``2026-11-28 14:00`` (local time, or with Z or an offset),
    ``28.11.2026 14:00``, ``14:00`` (today), ``+2h``, ``+1d``, ``+1h30m``; empty or ``none``: no
    end. It must lie in the future."""
    value = text.strip()
    if value.lower() in NO_END_WORDS:
        return None
    try:
        moment = _parse_moment(value, now)
    except OverflowError:  # past the year 9999 in some time zone: far beyond the horizon
        raise _too_far(text) from None
    if moment is None:
        raise InvalidEvent({ENDS: _(
            "'{text}' is not a date and time: use YYYY-MM-DD HH:MM, HH:MM or +2h").format(
            text=text)})
    return check_horizon(check_future(moment, now), now, text)


def check_horizon(moment: datetime, now: datetime, text: str) -> datetime:
    """An end lies at most :data:`MAX_AHEAD_DAYS` ahead (the store and the screens keep dates
    up to the year 9999, and a typo of a few zeros is caught)."""
    if moment - now > timedelta(days=MAX_AHEAD_DAYS):
        raise _too_far(text)
    return moment


def _too_far(text: str) -> InvalidEvent:
    return InvalidEvent({ENDS: _("'{text}' is more than {years} years ahead").format(
        text=text, years=MAX_AHEAD_DAYS // 365)})


def _whole(digits: str | None) -> int:
    if digits and len(digits) > 9:  # far past the horizon: never an int of a million digits
        raise OverflowError
    return int(digits or 0)


def _relative(now: datetime, days: int, hours: int, minutes: int) -> datetime:
    """``now`` plus an offset; an offset past the horizon raises OverflowError (as a
    moment past the year 9999 does), before any huge number reaches ``timedelta``."""
    if days * 1440 + hours * 60 + minutes > (MAX_AHEAD_DAYS + 1) * 1440:
        raise OverflowError
    return now + timedelta(days=days, hours=hours, minutes=minutes)


def check_future(moment: datetime, now: datetime) -> datetime:
    """An end must lie in the future."""
    if moment <= now:
        raise InvalidEvent({ENDS: _("{when} is in the past").format(
            when=moment.astimezone().strftime("%Y-%m-%d %H:%M"))})
    return moment


def _parse_moment(value: str, now: datetime) -> datetime | None:
    relative = _RELATIVE.fullmatch(value)
    if relative and any(relative.groups()):
        days, hours, minutes = (_whole(g) for g in relative.groups())
        return _relative(now, days, hours, minutes)
    clock = _CLOCK.fullmatch(value)
    if clock:
        hour, minute = int(clock[1]), int(clock[2])
        if hour > 23 or minute > 59:
            return None
        return now.astimezone().replace(hour=hour, minute=minute, second=0, microsecond=0)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
        return None  # a day without a time: ask for the time rather than guess one
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
        for form in _LOCAL_FORMATS:
            try:
                moment = datetime.strptime(value, form)
                break
            except ValueError:
                continue
    if moment is None:
        return None
    return moment.astimezone() if moment.tzinfo is None else moment


def check_message(message: str) -> str:
    """The message on one line, or an error: it is required and short."""
    refuse_hidden(MESSAGE, message, allowed=TEXT_WHITESPACE)
    text = " ".join(message.split())
    if not text:
        raise InvalidEvent({MESSAGE: _("a short message is required")})
    if len(text) > MESSAGE_MAX:
        raise InvalidEvent({MESSAGE: _("at most {max} characters (this one has {n})").format(
            max=MESSAGE_MAX, n=len(text))})
    return text


def check_description(description: str) -> str:
    refuse_hidden(DESCRIPTION, description, allowed=TEXT_WHITESPACE)
    text = description.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > DESCRIPTION_MAX:
        raise InvalidEvent({DESCRIPTION: _("at most {max} characters (this one has {n})").format(
            max=DESCRIPTION_MAX, n=len(text))})
    return text


# Text shown to every user must say what it shows: no control characters (an escape sequence
# would reach their terminals) and no bidi overrides or zero-width characters (a name could
# be spoofed). Tab and line breaks are whitespace: the message folds them to spaces, the
# description keeps its lines (CR LF and CR become LF).
TEXT_WHITESPACE = "\t\n\r"


def refuse_hidden(name: str, text: str, *, allowed: str) -> None:
    """An error on field ``name`` when ``text`` holds a control or invisible character
    (:data:`licscreen.store.models.HIDDEN_CHARACTER`) other than those ``allowed``."""
    for found in HIDDEN_CHARACTER.finditer(text):
        if found.group() not in allowed:
            raise InvalidEvent({name: _(
                "control and invisible characters are not allowed ({char} at character {n})"
            ).format(char=code_point(found.group()), n=found.start() + 1)})


def format_when(moment: datetime | None) -> str:
    """A moment as the form shows it for editing: local time, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


# What the form and the commands make of their fields


class Keep(Enum):
    KEEP = "keep"


KEEP: Final = Keep.KEEP  # an EventChanges field left as it is
Kept = Literal[Keep.KEEP]


@dataclass(frozen=True)
class NewEvent:
    type: AdminType
    scope: ScopeRef
    message: str
    ends: datetime | None = None
    description: str = ""


@dataclass(frozen=True)
class EventChanges:
    """What an edit changes; fields left at KEEP stay as stored."""

    type: AdminType | Kept = KEEP
    scope: ScopeRef | Kept = KEEP
    message: str | Kept = KEEP
    ends: datetime | Kept | None = KEEP
    description: str | Kept = KEEP
    changed: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        names = ("type", "scope", "message", "ends", "description")
        object.__setattr__(self, "changed", tuple(n for n in names if getattr(self, n) is not KEEP))


Fields = Mapping[str, str | None]  # what was typed, by field name; None or absent: not given


def parse_new(fields: Fields, now: datetime) -> NewEvent:
    """A new event from its fields (an end and a description may be left out); one
    :class:`InvalidEvent` names every field that is wrong."""
    errors = Errors()
    kind = errors.check(parse_type, fields.get(TYPE) or "")
    scope = errors.check(parse_scope, fields.get(SCOPE) or "", fields.get(OWNER))
    ends = errors.check(parse_when, fields.get(ENDS) or "", now)
    message = errors.check(check_message, fields.get(MESSAGE) or "")
    description = errors.check(check_description, fields.get(DESCRIPTION) or "")
    errors.raise_any()
    assert kind and scope and message is not None and description is not None  # none failed
    return NewEvent(kind, scope, message, ends, description)


def parse_changes(fields: Fields, now: datetime) -> EventChanges:
    """The changes the fields given make (the others are kept); one :class:`InvalidEvent`
    names every field that is wrong."""
    errors = Errors()
    kind = _changed(errors, fields.get(TYPE), parse_type)
    scope = _changed(errors, fields.get(SCOPE), parse_scope, fields.get(OWNER))
    ends = _changed(errors, fields.get(ENDS), parse_when, now)
    message = _changed(errors, fields.get(MESSAGE), check_message)
    description = _changed(errors, fields.get(DESCRIPTION), check_description)
    errors.raise_any()
    assert kind and scope and message is not None and description is not None  # none failed
    return EventChanges(kind, scope, message, ends, description)


def _changed(errors: Errors, text: str | None, parse: Callable[[str, *Ts], T],
             *args: *Ts) -> T | Kept | None:
    """KEEP for a field not given, else what ``parse`` makes of it (None: it is wrong)."""
    return KEEP if text is None else errors.check(parse, text, *args)
