"""What an administrator types for an event: its type, scope and end, parsed and checked.

Plain Python, shared by the app's form and the ``licscreen events`` commands. Every problem is
reported against the field it belongs to, so a form can mark the field and a command can name
the option.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from licscreen.i18n import N_, _
from licscreen.store.models import EventScope

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


@dataclass(frozen=True, slots=True)
class AdminType:
    """An event type an administrator adds: its command-line name, store key and name."""

    cli_name: str
    key: str
    name: str  # stored as the Operation column: data, so not translated

    @property
    def label(self) -> str:
        """What the form shows: the name in the language in use."""
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


def parse_scope(text: str) -> ScopeRef:
    """``system``, ``database``, ``group:ID`` (an ID or a name) or ``user:USERID``."""
    kind, colon, owner = text.strip().partition(":")
    kind = kind.strip().lower()
    owner = owner.strip()
    plain = {"system": EventScope.SYSTEM, "database": EventScope.DATABASE}
    owned = {"group": EventScope.GROUP, "user": EventScope.USER}
    if kind in plain and not colon:
        return ScopeRef(plain[kind])
    if kind in owned and owner:
        return ScopeRef(owned[kind], owner)
    if kind in owned:
        what = _("a group's ID or name") if kind == "group" else _("a user ID")
        raise InvalidEvent({SCOPE: _("'{text}': give {what} after '{kind}:'").format(
            text=text, what=what, kind=kind)})
    raise InvalidEvent({SCOPE: _(
        "'{text}' is not a scope: use system, database, group:ID or user:USERID").format(text=text)})


def describe_scope(scope: EventScope, owner_name: str | None) -> str:
    """Whom an event applies to, in words: 'the whole system', 'group Salg'..."""
    if scope is EventScope.SYSTEM:
        return _("the whole system")
    if scope is EventScope.DATABASE:
        return _("this database")
    if scope is EventScope.GROUP:
        return _("group {group}").format(group=owner_name)
    return _("user {user}").format(user=owner_name)


_RELATIVE = re.compile(r"\+\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?", re.I)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_LOCAL_FORMATS = ("%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M")
NO_END_WORDS = frozenset({"", "none", "never", "-"})


def parse_when(text: str, now: datetime) -> datetime | None:
    """An expected end: ``2026-11-28 14:00`` (local time, or with Z or an offset),
    ``28.11.2026 14:00``, ``14:00`` (today), ``+2h``, ``+1d``, ``+1h30m``; empty or ``none``: no
    end. It must lie in the future."""
    value = text.strip()
    if value.lower() in NO_END_WORDS:
        return None
    moment = _parse_moment(value, now)
    if moment is None:
        raise InvalidEvent({ENDS: _(
            "'{text}' is not a date and time: use YYYY-MM-DD HH:MM, HH:MM or +2h").format(
            text=text)})
    if moment <= now:
        raise InvalidEvent({ENDS: _("{when} is in the past").format(
            when=moment.astimezone().strftime("%Y-%m-%d %H:%M"))})
    return moment


def _parse_moment(value: str, now: datetime) -> datetime | None:
    relative = _RELATIVE.fullmatch(value)
    if relative and any(relative.groups()):
        days, hours, minutes = (int(g or 0) for g in relative.groups())
        return now + timedelta(days=days, hours=hours, minutes=minutes)
    clock = _CLOCK.fullmatch(value)
    if clock:
        hour, minute = int(clock[1]), int(clock[2])
        if hour > 23 or minute > 59:
            return None
        return now.astimezone().replace(hour=hour, minute=minute, second=0, microsecond=0)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
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
    text = " ".join(message.split())
    if not text:
        raise InvalidEvent({MESSAGE: _("a short message is required")})
    if len(text) > MESSAGE_MAX:
        raise InvalidEvent({MESSAGE: _("at most {max} characters (this one has {n})").format(
            max=MESSAGE_MAX, n=len(text))})
    return text


def check_description(description: str) -> str:
    text = description.strip()
    if len(text) > DESCRIPTION_MAX:
        raise InvalidEvent({DESCRIPTION: _("at most {max} characters (this one has {n})").format(
            max=DESCRIPTION_MAX, n=len(text))})
    return text


def format_when(moment: datetime | None) -> str:
    """A moment as the form shows it for editing: local time, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""
