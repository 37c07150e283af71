"""How ``licscreen licence`` shows changes, waiting licences and activations to people.

Its JSON is in ``cli/formats.py``. Rich is loaded only when a table is printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from licscreen.cli.output import console, table
from licscreen.i18n import _, ngettext
from licscreen.present.labels import change_kind_label

if TYPE_CHECKING:
    from licscreen.licence.changes import LicenceChanges
    from licscreen.licence.state import Activation


def total_text(value: int | None, unrestricted: bool) -> str:
    if value is None:
        return "—"
    return "∞" if unrestricted else str(value)


def print_changes(changes: LicenceChanges) -> None:
    """The changed licences: old total → new total, in use, free after; red when over."""
    from rich.text import Text

    from licscreen.render.text import safe

    if not changes.modules:
        click.echo(_("No licence total changes."))
        return
    grid = table(_("Licence"), _("Code"), _("Total"), _("In use"), _("Free after"), _("Change"),
                 right={_("In use"), _("Free after")},
                 no_wrap={_("Code"), _("Total"), _("Change")})
    for m in changes.modules:
        style = "bold red" if m.over_assigned else ""
        total = Text(f"{total_text(m.old_total, m.old_unrestricted)} → "
                     f"{total_text(m.new_total, m.new_unrestricted)}")
        free = "" if m.free_after is None else str(m.free_after)
        kind = change_kind_label(m.kind)
        if m.over_assigned:
            kind = _("remove {n}").format(n=m.must_remove)
        grid.add_row(safe(m.description, style, one_line=True), safe(m.name, one_line=True),
                     total, Text(str(m.in_use)), Text(free, style=style), Text(kind, style=style))
    console().print(grid)


def version_line(changes: LicenceChanges) -> str:
    from licscreen.present.text import clean

    if changes.old_version is None:
        return clean(_("{owner}: a new licence owner, licence version {new}").format(
            owner=changes.description, new=changes.new_version), one_line=True)
    return clean(_("{owner}: licence version {old} → {new}").format(
        owner=changes.description, old=changes.old_version, new=changes.new_version),
        one_line=True)


def removal_hint(changes: LicenceChanges) -> str:
    from licscreen.present.text import clean

    example = " ".join(f"--remove {m.name}=USERID" for m in changes.over_assigned)
    owner = f" --owner {changes.owner}"
    return clean(_("Choose holders to remove ('licscreen holders LICENCE' lists them), then: "
                   "licscreen licence activate{owner} {removals}").format(
        owner=owner, removals=example), one_line=True)


def print_activation(act: Activation, *, title: str) -> None:
    from licscreen.present.text import clean

    click.echo(title)
    click.echo(version_line(act.changes))
    print_changes(act.changes)
    for licence, user in act.removed_holders:
        click.echo(clean(_("Removed {user} from {licence}").format(user=user, licence=licence),
                         one_line=True))


def print_history(activations: list[Activation]) -> None:
    from rich.text import Text

    from licscreen.render.text import safe

    if not activations:
        click.echo(_("No licence has been activated in this store yet."))
        return
    grid = table(_("Activated"), _("By"), _("Licence"), _("How"), _("What changed"),
                 no_wrap={_("Activated"), _("Licence")})
    for act in activations:
        how = _("automatic") if act.automatic else _("activated")
        summary = ", ".join(
            f"{m.description} {total_text(m.old_total, m.old_unrestricted)}→"
            f"{total_text(m.new_total, m.new_unrestricted)}" for m in act.changes.modules
        ) or _("no totals")
        if act.removed_holders:
            count = len(act.removed_holders)
            summary += "; " + ngettext("{n} holder removed", "{n} holders removed",
                                       count).format(n=count)
        grid.add_row(Text(act.activated_at.astimezone().strftime("%Y-%m-%d %H:%M")),
                     safe(act.activated_by or "", one_line=True),
                     safe(_("{owner} v{version}").format(owner=act.owner,
                                                          version=act.licence_version),
                          one_line=True),
                     Text(how), safe(summary))
    console().print(grid)
