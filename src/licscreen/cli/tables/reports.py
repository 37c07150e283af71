"""The tables ``licences`` and ``holders`` print for people. Store text goes through ``safe``."""

from __future__ import annotations

from rich.text import Text

from licscreen.cli.output import console, table
from licscreen.cli.tables import STYLES
from licscreen.i18n import _
from licscreen.present.labels import licence_type_label
from licscreen.present.time import fmt_date
from licscreen.render.text import safe
from licscreen.store.models import Holder, Licence, Owner


def free_text(lic: Licence) -> Text:
    if lic.unrestricted:
        return Text(_("unrestricted"), style="dim")
    return Text(str(lic.free), style=STYLES[lic.level])


def print_licences(listed: list[tuple[Owner, list[Licence]]]) -> None:
    out = console()
    numbers = (_("In use"), _("Free"), _("Total"))
    for owner, licences in listed:
        heading = Text.assemble(safe(owner.description, "bold", one_line=True),
                                (f" ({owner.name})", "bold"))
        grid = table(_("Licence"), _("Code name"), _("Type"), *numbers, title=heading,
                     right=numbers)
        for lic in licences:
            grid.add_row(safe(lic.description, one_line=True), safe(lic.name, one_line=True),
                         licence_type_label(lic.type), str(lic.in_use), free_text(lic),
                         "" if lic.unrestricted else str(lic.total))
        if not licences:
            grid.add_row(Text(_("No licences."), style="dim"), "", "", "", "", "")
        out.print(grid)


def print_holders(lic: Licence, holders: list[Holder]) -> None:
    heading = Text.assemble(safe(lic.description, "bold", one_line=True),
                            (f" ({lic.owner}/", "bold"), safe(lic.name, "bold", one_line=True),
                            (")", "bold"))
    if lic.unrestricted:
        counts = _("{used} in use · unrestricted").format(used=lic.in_use)
    else:
        counts = _("{used} in use of {total}").format(used=lic.in_use, total=lic.total)
    heading.append(f" · {counts}", style=STYLES[lic.level])
    grid = table(_("User ID"), _("Name"), _("Valid from"), _("Valid to"), _("Comment"),
                 title=heading)
    for holder in holders:
        grid.add_row(safe(holder.user_id, one_line=True), safe(holder.full_name, one_line=True),
                     fmt_date(holder.valid_from), fmt_date(holder.valid_to),
                     safe(holder.comment, one_line=True))
    out = console()
    out.print(grid)
    if not holders:
        out.print(Text(_("Nobody holds this licence."), style="dim"))
