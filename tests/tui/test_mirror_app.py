"""The app on a mirror: the header says what it mirrors and how long ago it was synced (in the
warning style after an hour), follows another process's sync and the passing minutes; the
Status tab's Plan box says what the database could not give."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.color import Color
from textual.widgets import Header

from licscreen.store import Store
from tests.kit.app import rendered, screen_text, settle
from tests.kit.clock import FROZEN
from tests.kit.live import until
from tests.kit.mirror import make_mirror, sync_again


class Clock:
    """A clock a test can move."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def app_on(path: Path, clock: Clock):
    from licscreen.tui.app import LicScreenApp

    return LicScreenApp(Store.open(path), clock=clock)


def stale(app) -> bool:
    return app.query_one(Header).has_class("-stale")


async def test_a_fresh_mirror_says_synced_just_now(tmp_path: Path):
    path = make_mirror(tmp_path)
    app = app_on(path, Clock(FROZEN + timedelta(seconds=20)))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.sub_title.startswith(f"mirror of {tmp_path / 'so.db'} · synced just now · ")
        assert "sqlite:" not in app.sub_title and not stale(app)
        assert "Demo installation" not in app.sub_title
        assert app.query_one(Header).styles.background != Color.parse(
            app.theme_variables["warning"])
    app.store.close()


async def test_a_stale_mirror_is_in_the_warning_style(tmp_path: Path):
    path = make_mirror(tmp_path)
    app = app_on(path, Clock(FROZEN + timedelta(hours=2, minutes=3)))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "synced 2 h 3 min ago" in app.sub_title and stale(app)
        warning = Color.parse(app.theme_variables["warning"])
        assert app.query_one(Header).styles.background == warning
    app.store.close()


async def test_the_header_follows_the_clock_and_another_processs_sync(tmp_path: Path):
    path = make_mirror(tmp_path)
    clock = Clock(FROZEN + timedelta(minutes=59))
    app = app_on(path, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "synced 59 min ago" in app.sub_title and not stale(app)
        clock.moment = FROZEN + timedelta(minutes=61)
        app._update_sub_title()  # what the minute's timer calls
        assert "synced 1 h 1 min ago" in app.sub_title and stale(app)
        sync_again(tmp_path, path, FROZEN + timedelta(minutes=60, seconds=30))
        await until(pilot, lambda: "synced just now" in app.sub_title)
        assert not stale(app)
    app.store.close()


async def test_a_standalone_store_has_no_mirror_words(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "mirror" not in app.sub_title and "synced" not in app.sub_title
        assert not stale(app)


async def test_the_plan_box_of_a_database_mirror(tmp_path: Path):
    from licscreen.tui.events.status_pane import PlanPanel

    app = app_on(make_mirror(tmp_path), Clock(FROZEN))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app._show_pane("status")
        await settle(pilot)
        shown = " ".join(rendered(app.query_one(PlanPanel)).split())
        assert "No plan restrictions" not in shown
        assert "not available from the database (REST only)" in shown
        assert "not read by sync: use licscreen usage import" in shown
    app.store.close()


async def test_the_consumption_screen_of_a_mirror_says_where_usage_comes_from(tmp_path: Path):
    from licscreen.tui.consumption.screen import ConsumptionScreen

    app = app_on(make_mirror(tmp_path), Clock(FROZEN))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_consumption()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConsumptionScreen)
        assert "use licscreen usage import" in screen.table.empty_text
    app.store.close()


async def test_the_database_block_says_who_is_logged_on_and_follows_a_sync(tmp_path: Path):
    from licscreen.tui.events.status_pane import DatabaseFacts
    from tests.kit.superoffice import so_sql

    path = make_mirror(tmp_path)
    app = app_on(path, Clock(FROZEN))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app._show_pane("status")
        await settle(pilot)

        def facts() -> str:
            return " ".join(rendered(app.query_one(DatabaseFacts)).split())

        assert "Logged on now 2 · IDAS (Ida M. Sand), TOREH (Tore Hansen)" in facts()
        so_sql(tmp_path / "so.db", "DELETE FROM activeuser WHERE activeuser_id = 11")
        sync_again(tmp_path, path, FROZEN + timedelta(minutes=1))
        await until(pilot, lambda: "Logged on now 1 · TOREH (Tore Hansen)" in facts())
    app.store.close()


async def test_sync_now_from_the_palette_for_a_named_installation(tmp_path: Path, monkeypatch):
    from licscreen.tui.events.status_pane import DatabaseFacts
    from tests.kit.installations import write_config
    from tests.kit.superoffice import so_sql, so_url

    path = make_mirror(tmp_path)
    env = write_config(tmp_path, {"prod": {"store": str(path),
                                           "from-db": so_url(tmp_path / "so.db")}})
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = app_on(path, Clock(FROZEN + timedelta(minutes=5)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app._show_pane("status")
        await settle(pilot)
        so_sql(tmp_path / "so.db", "DELETE FROM activeuser WHERE activeuser_id = 10")
        await pilot.press("ctrl+p")
        await pilot.press(*"sync now")
        await until(pilot, lambda: "Sync now: prod" in screen_text(app))
        await pilot.press("down", "enter")
        await until(pilot, lambda: any(
            "Synced prod: 0 added, 1 changed, 0 removed" in str(n.message)
            for n in app._notifications))
        await until(pilot, lambda: "Logged on now 1 · IDAS" in " ".join(
            rendered(app.query_one(DatabaseFacts)).split()))
        await until(pilot, lambda: "synced just now" in app.sub_title)  # the app's clock
        # The source gone: one line, the store as it was
        (tmp_path / "so.db").unlink()
        await pilot.press("ctrl+p")
        await pilot.press(*"sync now")
        await until(pilot, lambda: "Sync now: prod" in screen_text(app))
        await pilot.press("down", "enter")
        await until(pilot, lambda: any(n.title == "Sync failed" for n in app._notifications))
        failed = next(n for n in app._notifications if n.title == "Sync failed")
        assert "no such file" in str(failed.message) and "\n" not in str(failed.message)
    app.store.close()


async def test_no_sync_now_for_a_store_no_installation_names(tmp_path: Path, monkeypatch):
    from tests.kit.installations import write_config

    path = make_mirror(tmp_path)
    for name, value in write_config(tmp_path, {}).items():
        monkeypatch.setenv(name, value)
    app = app_on(path, Clock(FROZEN))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"sync now")
        await settle(pilot)
        assert "Sync now" not in screen_text(app)
    app.store.close()


async def test_a_sync_that_finds_nothing_new_does_not_make_the_lists_read_again(tmp_path: Path):
    from licscreen.tui.live import StoreChange
    from tests.kit.superoffice import so_sql

    path = make_mirror(tmp_path)
    app = app_on(path, Clock(FROZEN + timedelta(minutes=30)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seen: list[StoreChange] = []
        app.store_changed.subscribe(app, seen.append)
        sync_again(tmp_path, path, FROZEN + timedelta(minutes=30))
        await until(pilot, lambda: "synced just now" in app.sub_title)
        assert seen == [StoreChange.SYNCED]  # the header only: no pane reads its list again
        so_sql(tmp_path / "so.db", "DELETE FROM LicenseAssocLink WHERE assocId = 12")
        sync_again(tmp_path, path, FROZEN + timedelta(minutes=31))
        await until(pilot, lambda: len(seen) == 2)
        assert seen[1] == StoreChange.ANYTHING
    app.store.close()
