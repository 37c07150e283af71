"""The Database block and the plan's restrictions as Rich text.

The app's Status tab and ``licscreen status`` show the same facts; each passes the style it
gives a warning or an error (the app's theme colours, plain Rich colours in a terminal table).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text

from licscreen.i18n import _
from licscreen.present.history import owner_dates
from licscreen.present.labels import role_label
from licscreen.present.time import fmt_date, fmt_days_left
from licscreen.render.text import safe
from licscreen.store.models import Installation, Level, Owner, Restriction, expiry_level

StyleFor = Callable[[Level], str]


def database_rows(inst: Installation, today: date, style_for: StyleFor,
                  owner: Owner | None = None) -> list[tuple[str, Text]]:
    """Owner, serial number, type, central or satellite, next expiry, logged-in user; then, for
    ``owner`` (the one whose licence expires next), its grace, maintenance and admin warning
    dates (last: a short screen leaves them out)."""
    rows = [
        (_("Owner"), safe(inst.owner, one_line=True)),
        (_("Serial number"), safe(inst.serial_number, one_line=True)),
        (_("Type"), Text.assemble(safe(inst.database_type, one_line=True), " · ",
                                  safe(role_label(inst.role), one_line=True))),
    ]
    if inst.next_expiry is not None:
        days = (inst.next_expiry - today).days
        expiry = Text(fmt_date(inst.next_expiry))
        expiry.append(f"  ({fmt_days_left(days)})", style=style_for(expiry_level(days)))
        rows.append((_("Next expiry"), expiry))
    if inst.logged_on_now or not inst.is_demo:
        if inst.logged_in_user:  # a standalone store's admin, beside who is logged on
            rows.append((_("Logged in"), safe(inst.logged_in_user, one_line=True)))
        rows.append((_("Logged on now"), logged_on_text(inst.logged_on_now)))
        return rows
    user = Text(_("nobody"), style="dim")
    if inst.logged_in_user:
        user = safe(inst.logged_in_user, one_line=True)
        if inst.logged_in_name:
            user.append(" · ")
            user.append_text(safe(inst.logged_in_name, one_line=True))
    rows.append((_("Logged in"), user))
    if owner is not None:
        rows += [(label, Text(fmt_date(when), style=style_for(level)))
                 for label, when, level in owner_dates(owner, today)]
    return rows


SHOWN_LOGGED_ON = 6  # names in the Database block; the rest as a count


def logged_on_text(users: tuple[tuple[str, str], ...]) -> Text:
    """'3 · KARI (Kari Nordmann), OLA (Ola Dunk), PER': who is logged on now, the first few."""
    text = Text(str(len(users)))
    for index, (user_id, full_name) in enumerate(users[:SHOWN_LOGGED_ON]):
        text.append(" · " if index == 0 else ", ")
        text.append_text(safe(user_id, one_line=True))
        if full_name:
            text.append(" (")
            text.append_text(safe(full_name, one_line=True))
            text.append(")")
    if len(users) > SHOWN_LOGGED_ON:
        text.append(" " + _("and {n} more").format(n=len(users) - SHOWN_LOGGED_ON), style="dim")
    return text


def restriction_text(restriction: Restriction, style_for: StyleFor) -> Text:
    """'87 of 100': normal under 85 %, a warning from 85 %, blocked at 100 %."""
    if restriction.limit is None:
        return Text(_("{current} · unlimited").format(current=restriction.current), style="dim")
    if not restriction.in_plan:
        return Text(_("not in plan"), style="dim")
    style = style_for(restriction.level)
    text = Text(_("{current} of {limit}").format(current=restriction.current,
                                                  limit=restriction.limit), style=style)
    if restriction.level is Level.ERROR:
        text.append(" · " + _("blocked"), style=style)
    return text
