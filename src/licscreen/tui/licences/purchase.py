"""Purchase new licences: the vendor's shop address as a terminal link, copied to the clipboard.

The address comes from the store, so it is data: control characters are stripped, only http
and https addresses become links or reach the clipboard, and the link is a Rich style built in
code (never markup parsed from the text). The clipboard is set with OSC 52, which works over SSH
in most terminals.
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from licscreen.i18n import N_, _
from licscreen.present.text import clean
from licscreen.render.text import safe
from licscreen.tui.context import app_of
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors


def shop_link(url: str | None) -> str | None:
    """The address when it is a plain web address, else None."""
    if not url:
        return None
    address = clean(url, one_line=True).strip()
    if address != url.strip() or any(c.isspace() for c in address):
        return None
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return address


def link_text(address: str) -> Text:
    return Text(address, style=Style(link=address, underline=True, bold=True), end="")


class PurchaseScreen(ReportWorkerErrors, ModalScreen[None]):
    """Shows the shop's address (click it, or paste it: it is on the clipboard)."""

    DEFAULT_CSS = """
    PurchaseScreen { align: center middle; }
    PurchaseScreen > Vertical {
        width: 72; max-width: 96%; height: auto; padding: 1 2;
        border: round $accent; background: $panel;
    }
    PurchaseScreen Static { height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", N_("Close")),
        Binding("c,y", "copy", N_("Copy the address again")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.address: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("Purchase new licences")
            box.border_subtitle = _("c copies · Esc closes")
            yield Static(_("Buy more licences in the vendor's online shop:"))
            yield Static(classes="shop-address")
            yield Static(classes="shop-note")

    def on_mount(self) -> None:
        self.read_address()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def read_address(self) -> None:
        installation = app_of(self).store.installation()
        url = installation.shop_url if installation else None
        self.app.call_from_thread(self.show, url)

    def show(self, url: str | None) -> None:
        self.address = shop_link(url)
        where = self.query_one(".shop-address", Static)
        note = self.query_one(".shop-note", Static)
        if self.address is None:
            where.update(safe(url, "bold", one_line=True) if url
                         else Text(_("This installation has no shop address."), style="italic"))
            note.update(Text(_("Ask your SuperOffice partner where to buy licences."),
                             style="dim"))
            return
        where.update(link_text(self.address))
        self.action_copy()

    def action_copy(self) -> None:
        if self.address is None:
            return
        self.app.copy_to_clipboard(self.address)
        self.query_one(".shop-note", Static).update(Text(
            _("The address is on the clipboard: click it, or paste it into a browser."),
            style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
