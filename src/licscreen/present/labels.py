"""Names of the store's fixed values as people read them, in the current language.

The store and ``--json`` keep the English codes (``running``, ``system``, ``central``,
``site``); the tables and the app show these words. Plain strings, no Rich or Textual: the CLI
and the app share them. Where a store value is not one of the known codes, it is shown as it is.
"""

from __future__ import annotations

from licscreen.i18n import N_, _
from licscreen.store.models import EventScope, EventStatus, LicenceType


def status_label(status: EventStatus) -> str:
    return {
        EventStatus.ACTIVE: _("Active"),
        EventStatus.RUNNING: _("Running"),
        EventStatus.FINISHED: _("Finished"),
        EventStatus.FAILED: _("Failed"),
        EventStatus.CANCELLED: _("Cancelled"),
    }[status]


def scope_label(scope: EventScope, *, capitalised: bool = False) -> str:
    """Whom an event applies to: in lower case as the CLI's Type column writes it, or
    ``capitalised`` as the app's list and detail show it."""
    word = {
        EventScope.SYSTEM: _("system"),
        EventScope.DATABASE: _("database"),
        EventScope.GROUP: _("group"),
        EventScope.USER: _("user"),
    }[scope]
    return word[:1].upper() + word[1:] if capitalised else word


def licence_type_label(kind: LicenceType, *, noun: bool = False) -> str:
    """A licence's type: 'site' as the CLI's Type column writes it, or with ``noun``, 'site
    licence' as the app's licence detail says it."""
    if noun:
        return {
            LicenceType.SITE: _("site licence"),
            LicenceType.SATELLITE: _("satellite licence"),
            LicenceType.USER: _("user licence"),
        }[kind]
    return {
        LicenceType.SITE: _("site"),
        LicenceType.SATELLITE: _("satellite"),
        LicenceType.USER: _("user"),
    }[kind]


def change_kind_label(kind: str) -> str:
    """How an activation changed a licence's total (``ModuleChange.kind``)."""
    return {"added": _("added"), "removed": _("removed"), "raised": _("raised"),
            "lowered": _("lowered"), "counter": _("counter changed")}[kind]


def role_label(role: str) -> str:
    """A database's role: central or satellite."""
    return {"central": _("central"), "satellite": _("satellite")}.get(role, role)


# The metered services of the seed page, by their keys, with their standard (English) names: a
# store that names a service otherwise keeps its own name.
SERVICE_NAMES = {
    "storage": N_("Storage space used"),
    "mailings": N_("E-mails sent via mailings"),
    "customer-centre-logins": N_("Customer centre logins"),
    "chat-sessions": N_("Chat sessions started"),
    "form-submissions": N_("Form submissions"),
}


def service_name(key: str, name: str) -> str:
    """A metered service's name: the known services in the current language."""
    return _(name) if SERVICE_NAMES.get(key) == name else name


def event_name(key: str, name: str) -> str:
    """An event's name (the Operation column): an administrator's event type that keeps its
    standard name is shown in the current language ('No Login' is 'Ingen pålogging')."""
    from licscreen.store.events import admin_type

    kind = admin_type(key)
    return kind.label if kind is not None and kind.name == name else name


# SuperOffice's CRM Suite plan restrictions, by their standard names.
RESTRICTION_NAMES = frozenset({
    N_("Dashboards"), N_("Active projects"), N_("Custom objects"), N_("Active flows"),
})


def restriction_name(name: str) -> str:
    """A plan restriction's name: the standard ones in the current language."""
    return _(name) if name in RESTRICTION_NAMES else name


def longest_service_name() -> int:
    """The longest name of the known metered services, in the current language."""
    return max(len(_(name)) for name in SERVICE_NAMES.values())


def user_state_label(state: str) -> str:
    """A user's state (store.UserState's values) in words."""
    return {"active": _("active"), "cannot_log_in": _("cannot log in"),
            "retired": _("retired"), "waiting_for_approval": _("waiting for approval")
            }.get(state, state)


def reclaim_reason(bucket: str, last_login: str) -> str:
    """Why a seat may be taken back: 'retired', 'cannot log in', 'last login 204 days ago'."""
    if bucket == "inactive":
        return _("last login: {ago}").format(ago=last_login)
    return user_state_label(bucket)


CHANGE_NOTHING, CHANGE_ARROW = "—", " → "  # the store's audit filter matches them (EntryWords)


def change_text(subject: str, before: str | None, after: str | None) -> str:
    """An audit trail's change: 'SUBJECT: BEFORE → AFTER', '—' for nothing."""
    was = CHANGE_NOTHING if before is None else before
    became = CHANGE_NOTHING if after is None else after
    return f"{subject}: {was}{CHANGE_ARROW}{became}"
