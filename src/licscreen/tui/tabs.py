"""The app's tabs: one per licence owner, then Status and Users; what each shows is mounted
when the tab is first shown (the Status and Users tabs' modules load only then)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from licscreen.store import MirrorState, Owner, Store, mirror_state
from licscreen.tui.licences.owner_pane import OwnerPane
from licscreen.tui.literal import literal

STATUS_TAB = "status"
USERS_TAB = "users"


@dataclass
class OwnersLoaded(Message):
    owners: list[Owner]
    is_demo: bool
    mirror: MirrorState | None = None


def read_owners(store: Store) -> OwnersLoaded:
    """The owners (a tab each) and what the header says of the store: demo, mirror."""
    installation = store.installation()
    return OwnersLoaded(store.owners(), installation is not None and installation.is_demo,
                        mirror_state(store))


def owner_tab_id(owner_name: str) -> str:
    return f"owner-{owner_name.lower()}"


def tab_title(owner: Owner) -> Content:
    """An owner's tab: its description, shown literally (a str title would be markup)."""
    return literal(owner.description)


def tab_body(pane_id: str, owners: list[Owner]) -> Widget | None:
    """What a tab shows, made when it is first shown."""
    if pane_id == STATUS_TAB:
        from licscreen.tui.events.status_pane import StatusPane

        return StatusPane()
    if pane_id == USERS_TAB:
        from licscreen.tui.users.pane import UsersPane

        return UsersPane()
    owner = next((o.name for o in owners if owner_tab_id(o.name) == pane_id), None)
    return OwnerPane(owner) if owner is not None else None
