"""Names of the store's fixed values as people read them, in the current language.

The store and ``--json`` keep the English codes (``running``, ``system``, ``central``,
``site``); the tables and the app show these words. Plain strings, no Rich or Textual: the CLI
and the app share them. Where a store value is not one of the known codes, it is shown as it is.
"""

from __future__ import annotations

from licscreen.i18n import _
from licscreen.store.models import EventScope, EventStatus, LicenceType


def status_label(status: EventStatus) -> str:
    return {
        EventStatus.ACTIVE: _("Active"),
        EventStatus.RUNNING: _("Running"),
        EventStatus.FINISHED: _("Finished"),
        EventStatus.FAILED: _("Failed"),
        EventStatus.CANCELLED: _("Cancelled"),
    }[status]


def scope_label(scope: EventScope) -> str:
    """Whom an event applies to, as the CLI's Type column writes it (lower case)."""
    return {
        EventScope.SYSTEM: _("system"),
        EventScope.DATABASE: _("database"),
        EventScope.GROUP: _("group"),
        EventScope.USER: _("user"),
    }[scope]


def licence_type_label(kind: LicenceType) -> str:
    return {
        LicenceType.SITE: _("site"),
        LicenceType.SATELLITE: _("satellite"),
        LicenceType.USER: _("user"),
    }[kind]


def role_label(role: str) -> str:
    """A database's role: central or satellite."""
    return {"central": _("central"), "satellite": _("satellite")}.get(role, role)


# The metered services of the seed page, by their keys, with its Norwegian names; a store that
# names a service otherwise keeps its own name.
SERVICE_NAMES = {
    "storage": ("Storage space used", lambda: _("Storage space used")),
    "mailings": ("E-mails sent via mailings", lambda: _("E-mails sent via mailings")),
    "customer-centre-logins": ("Customer centre logins", lambda: _("Customer centre logins")),
    "chat-sessions": ("Chat sessions started", lambda: _("Chat sessions started")),
    "form-submissions": ("Form submissions", lambda: _("Form submissions")),
}


def service_name(key: str, name: str) -> str:
    """A metered service's name: the known services in the current language."""
    known = SERVICE_NAMES.get(key)
    return known[1]() if known is not None and known[0] == name else name


def event_name(key: str, name: str) -> str:
    """An event's name (the Operation column): an administrator's event type that keeps its
    standard name is shown in the current language ('No Login' is 'Ingen pålogging')."""
    from licscreen.store.events.input import admin_type

    kind = admin_type(key)
    return kind.label if kind is not None and kind.name == name else name


# SuperOffice's CRM Suite plan restrictions, by their standard names.
RESTRICTION_NAMES = {
    "Dashboards": lambda: _("Dashboards"),
    "Active projects": lambda: _("Active projects"),
    "Custom objects": lambda: _("Custom objects"),
    "Active flows": lambda: _("Active flows"),
}


def restriction_name(name: str) -> str:
    """A plan restriction's name: the standard ones in the current language."""
    known = RESTRICTION_NAMES.get(name)
    return known() if known is not None else name


def longest_service_name() -> int:
    """The longest name of the known metered services, in the current language."""
    return max(len(label()) for _name, label in SERVICE_NAMES.values())
