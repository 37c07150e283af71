"""The licscreen app: a thin shell of tabs, keys and error handling around the panes."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import Header, Tab, TabbedContent, TabPane, Tabs
from textual.widgets.tabbed_content import ContentTab
from textual.worker import Worker, WorkerState, get_current_worker

from licscreen.i18n import N_, _
from licscreen.paths import display_path
from licscreen.present.mirror import is_stale, store_notes
from licscreen.present.text import clean
from licscreen.store import SUPEROFFICE, Licence, MirrorState, Owner, Store, StoreError, set_origin
from licscreen.tui.commands import EventCommands, LicenceCommands
from licscreen.tui.licences.owner_pane import OwnerPane
from licscreen.tui.live import LiveRefresh, StoreChange
from licscreen.tui.sync_now import SyncCommands
from licscreen.tui.tabs import (
    STATUS_TAB,
    USERS_TAB,
    OwnersLoaded,
    owner_tab_id,
    read_owners,
    tab_body,
    tab_title,
)
from licscreen.tui.textual_compat import breakpoint_classes
from licscreen.tui.users.commands import user_commands
from licscreen.tui.widgets.help_screen import HelpScreen, help_sections
from licscreen.tui.widgets.key_bar import KeyBar
from licscreen.tui.widgets.paged_table import PagedTable
from licscreen.tui.widgets.textual_words import TextualWords, palette_binding

TABS = Binding.Group(N_("Tabs"), compact=True)  # the help shows it as "1–9 Tabs"


class LicScreenApp(TextualWords):
    """SuperOffice CRM's Licences screen, for an administrator in a terminal."""

    TITLE = "licscreen"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {LicenceCommands, EventCommands, SyncCommands}
    # Not ClassVar: App declares them as instance attributes, and mypy holds to that.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [  # noqa: RUF012
        (0, "-narrow"), (100, "-medium"), (150, "-wide")]
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (30, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", N_("Quit")),
        Binding("question_mark,f1", "help", N_("Help"), key_display="?"),
        Binding("r", "reload", N_("Reload"), show=False),  # the app follows the store by itself
        *[
            Binding(str(n), f"show_tab({n})", N_("Tab {n}").format(n=n), group=TABS, show=n <= 3)
            for n in range(1, 10)
        ],
        Binding("tab", "focus_next", N_("Next panel"), show=False),
        Binding("shift+tab", "focus_previous", N_("Previous panel"), show=False),
        palette_binding(),
    ]

    def __init__(
        self,
        store: Store,
        *,
        created: bool = False,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        set_origin("app")  # what the audit trail says made the app's changes
        self.store = store
        self.created = created
        self._clock = clock or (lambda: datetime.now(UTC))
        self.owners: list[Owner] = []
        self.mirror: MirrorState | None = None  # what the store mirrors, read with the owners
        self._is_demo = False
        self.store_changed: Signal[StoreChange] = Signal(self, "store-changed")
        """Published when the store has changed: by the app's own writes (saying which part) and
        by other processes (seen by :attr:`live`). Every pane and screen that shows store data
        subscribes to it when mounted and reads its part again."""
        self.live = LiveRefresh(self, self.store_changed, store.path,  # within a second
                                opened=store.db.opened)

    # Time, injectable so that tests can freeze it

    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        return self.now().astimezone().date()

    def utc_today(self) -> date:
        """The day the seat history is on (its days are UTC's)."""
        return self.now().astimezone(UTC).date()

    # Layout

    def compose(self) -> ComposeResult:
        # The first tab's data is read here, before the first frame, so that the first screen
        # is complete (one frame instead of an empty one and a full one). Everything later is
        # read in thread workers.
        initial, is_demo = self._read_initial()
        self._set_sub_title(is_demo=is_demo)  # before the header is built: no second draw
        self._preset_breakpoints()
        # The licence list, focused in the first frame. The default screen is Textual's own, so
        # its class attribute is set on it (a subclass would change what the CSS matches).
        self.screen.AUTO_FOCUS = "PagedTable"  # type: ignore[misc]
        yield Header(classes="-stale" if self._stale() else None)
        with TabbedContent(id="tabs"):
            with TabPane(_("SuperOffice"), id=owner_tab_id(SUPEROFFICE)):
                yield OwnerPane(SUPEROFFICE, initial)
            for owner in self.owners:
                if owner.name != SUPEROFFICE:  # bodies are mounted when first shown
                    yield TabPane(tab_title(owner), id=owner_tab_id(owner.name))
            yield TabPane(_("Status"), id=STATUS_TAB)
            yield TabPane(_("Users"), id=USERS_TAB)
        yield KeyBar()  # 80 columns: Ctrl+P is in the help

    def _preset_breakpoints(self) -> None:
        """Give the screen its size classes before its widgets are styled: the first resize
        then changes nothing, where it would otherwise restyle the whole screen (~80 ms)."""
        width, height = self.size
        screen = self.screen
        screen.add_class(
            *breakpoint_classes(screen, width, self.HORIZONTAL_BREAKPOINTS or []),
            *breakpoint_classes(screen, height, self.VERTICAL_BREAKPOINTS or []),
        )

    def _read_initial(self) -> tuple[OwnerPane.Loaded | None, bool]:
        try:
            owners = read_owners(self.store)
            initial = OwnerPane.read(self.store, SUPEROFFICE, self.utc_today(), with_first=True)
        except (StoreError, sqlite3.Error):
            return None, False  # the workers will meet the same error and report it
        self.owners, self.mirror = owners.owners, owners.mirror
        return initial, owners.is_demo

    def on_mount(self) -> None:
        if self.created:
            self.created = False
            self.notify(
                _("This is demo data. The store lives at {path}.").format(
                    path=clean(display_path(self.store.path), one_line=True)),
                title=_("Demo installation created"), timeout=8, markup=False,
            )
        self.store_changed.subscribe(self, self._store_changed)
        self.live.start()
        self.set_interval(60, self._update_sub_title)  # a mirror's "synced 2 min ago"

    def run(self, *args: Any, **kwargs: Any) -> None:
        # Everything alive now (the modules, the store) lives as long as the process: frozen,
        # the garbage collector stops scanning it, a third of its start-up cost (~40 ms).
        # Only here, where the app owns the process; tests' run_test leaves the collector be.
        gc.freeze()
        return super().run(*args, **kwargs)

    def on_unmount(self) -> None:
        self.live.stop()

    def _stale(self) -> bool:
        return self.mirror is not None and is_stale(self.mirror.synced, self.now())

    def _update_sub_title(self) -> None:
        self._set_sub_title(is_demo=self._is_demo)

    def _set_sub_title(self, *, is_demo: bool) -> None:
        """Where the store lives, whether it is the demo or read-only, and for a mirror, what
        it mirrors and when it was synced (the header in the warning style when that is old)."""
        self._is_demo = is_demo
        self.sub_title = store_notes(self.store, is_demo=is_demo, mirror=self.mirror,
                                     now=self.now())
        for header in self.query(Header):  # none yet while composing: see compose
            header.set_class(self._stale(), "-stale")

    def _store_changed(self, change: StoreChange) -> None:
        if change & (StoreChange.LICENCES | StoreChange.SYNCED):
            self.load_owners()  # a tab per owner; a mirror's "synced just now"

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_owners(self) -> None:
        loaded = read_owners(self.store)
        if not get_current_worker().is_cancelled:
            self.post_message(loaded)

    async def on_owners_loaded(self, message: OwnersLoaded) -> None:
        """One tab per licence owner: add the new ones, drop the ones gone from the store."""
        self.owners = message.owners
        self.mirror = message.mirror
        self._set_sub_title(is_demo=message.is_demo)
        try:
            tabs = self.query_one(TabbedContent)
        except NoMatches:  # a reload that ends while the app is closing
            return
        wanted = {owner_tab_id(o.name): o for o in message.owners if o.name != SUPEROFFICE}
        present = set(self.tab_ids()) - {owner_tab_id(SUPEROFFICE), STATUS_TAB, USERS_TAB}
        for pane_id in present - wanted.keys():
            await tabs.remove_pane(pane_id)
        for pane_id, owner in wanted.items():
            if pane_id not in present:
                await tabs.add_pane(TabPane(tab_title(owner), id=pane_id), before=STATUS_TAB)
        self.refresh_bindings()

    def owner_title(self, owner_name: str) -> str:
        if owner_name == SUPEROFFICE:
            return _("SuperOffice")
        return next((o.description for o in self.owners if o.name == owner_name), owner_name)

    # Actions

    def tab_ids(self) -> list[str]:
        """The panes' IDs in the order their tabs are shown."""
        tabs = self.query_one(TabbedContent).query_one(Tabs)
        return [ContentTab.sans_prefix(tab.id or "") for tab in tabs.query(Tab)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_tab":
            try:
                number = parameters[0]
                return isinstance(number, int) and 1 <= number <= len(self.tab_ids())
            except NoMatches:  # not composed yet
                return False
        return True

    def action_show_tab(self, number: int) -> None:
        ids = self.tab_ids()
        if 1 <= number <= len(ids):
            self.query_one(TabbedContent).active = ids[number - 1]

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        await self._ensure_body(event.pane)
        self.call_after_refresh(self._focus_active_table)

    async def _ensure_body(self, pane: TabPane) -> None:
        """Tabs not shown at start get their body when first shown, so start-up stays quick."""
        body = None if pane.children or pane.id is None else tab_body(pane.id, self.owners)
        if body is not None:
            await pane.mount(body)

    def _focus_active_table(self) -> None:
        pane = self.query_one(TabbedContent).active_pane
        if pane is not None:
            tables = pane.query(PagedTable)
            if tables:
                tables.first().focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(help_sections(self)))

    def action_reload(self) -> None:
        """Read everything shown again (the app follows the store by itself: see live.py)."""
        self.store_changed.publish(StoreChange.ANYTHING)
        self.notify(_("Reloaded from the store."), timeout=2)

    def action_consumption(self) -> None:
        """Open the consumption dashboard (Plotext is imported only now, not at start-up)."""
        from licscreen.tui.consumption.screen import ConsumptionScreen

        if not isinstance(self.screen, ConsumptionScreen):
            self.push_screen(ConsumptionScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(_("Consumption"), _("The metered services per month: used, "
                            "included, over and the charge"), self.action_consumption)
        yield from user_commands(self)

    def show_owner_tab(self, owner_name: str) -> None:
        """Bring a licence owner's tab to the front (a licence file was loaded for it)."""
        tabs = self.query_one(TabbedContent)
        tab = owner_tab_id(owner_name)
        if tab != tabs.active and tab in self.tab_ids():
            tabs.active = tab

    async def jump_to_licence(self, licence: Licence) -> None:
        pane = await self._show_pane(owner_tab_id(licence.owner))
        for owner_pane in pane.query(OwnerPane) if pane else []:
            owner_pane.select_licence(licence.id)

    async def jump_to_event(self, event_id: int) -> None:
        from licscreen.tui.events.messages import SystemMessages  # loaded with the tab by now

        pane = await self._show_pane(STATUS_TAB)
        for messages in pane.query(SystemMessages) if pane else []:
            messages.select_event(event_id)

    async def _show_pane(self, pane_id: str) -> TabPane | None:
        """Activate a tab and make sure its body is mounted (it may still be loading)."""
        tabs = self.query_one(TabbedContent)
        if pane_id not in self.tab_ids():
            return None
        tabs.active = pane_id
        pane = tabs.get_pane(pane_id)
        await self._ensure_body(pane)
        return pane

    # Errors from any worker end up here, as one line

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.report_worker_error(event.worker.error)

    def report_worker_error(self, error: BaseException | None) -> None:
        """Every failed worker (see worker_errors.py) is reported here, as one line."""
        if isinstance(error, StoreError):
            message = str(error)
        else:
            message = f"{type(error).__name__}: {error}"
        self.notify(clean(message, one_line=True), title=_("Could not read the store"),
                    severity="error", timeout=10, markup=False)
