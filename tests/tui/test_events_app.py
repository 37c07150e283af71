"""The Status tab's system messages with Pilot: add, edit, delete, cancel, filter, countdown."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from textual.widgets import Input, Select, Static, TextArea

from licscreen.store import Store
from licscreen.store.events.input import ENDS, FORM, MESSAGE, OWNER, SCOPE
from licscreen.store.events.queries import EventFilter
from licscreen.store.models import EventScope, EventStatus
from licscreen.tui.app import LicScreenApp
from licscreen.tui.events.detail import EventDetail
from licscreen.tui.events.filter_bar import FilterInput
from licscreen.tui.events.form import EventForm
from licscreen.tui.events.messages import SystemMessages
from licscreen.tui.widgets.confirm import ConfirmScreen
from tests.kit.app import notices, rendered, settle, system_messages
from tests.kit.clock import FROZEN

NO_LOGIN, UDEF, FREETEXT, PROTOTYPE = (
    "NoLogin", "UDefRebuild", "FreetextRebuild", "PrototypeRebuild")


def event_id(store: Store, key: str) -> int:
    return next(e.id for e in store.events(0, 100) if e.key == key)


async def put_cursor(pilot, pane: SystemMessages, key: int) -> None:
    assert pane.table.move_to_key(key)
    await settle(pilot)


async def press_and_wait(pilot, *keys: str):
    """Press keys, let the workers finish, and return the screen on top."""
    await pilot.press(*keys)
    await settle(pilot)
    return pilot.app.screen


async def type_into(pilot, form: EventForm, field: str, text: str) -> None:
    """Type into a field from the keyboard (slow: keep it short)."""
    widget = form.query_one(f"#{field}")
    widget.focus()
    if isinstance(widget, Input):
        widget.value = ""
    await pilot.press(*text)


async def fill(pilot, form: EventForm, field: str, text: str) -> None:
    """Put text in a field as a paste would (quick)."""
    widget = form.query_one(f"#{field}")
    widget.focus()
    if isinstance(widget, TextArea):
        widget.load_text(text)
    else:
        widget.value = text
    await pilot.pause()


async def save(pilot):
    return await press_and_wait(pilot, "ctrl+s")


def marked(form: EventForm, field: str) -> bool:
    """The field is marked: its row has the error class and the reason is displayed."""
    row = form.query_one(f"#row-{field}")
    return row.has_class("-error") and form.query_one(f"#error-{field}", Static).display


async def test_add_a_no_login_event_by_keyboard(demo_store: Store, make_app):
    before = demo_store.event_count()
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await system_messages(pilot)
        pane.set_filter(EventFilter(text="import"))  # it would hide the new event
        await settle(pilot)
        form = await press_and_wait(pilot, "a")
        assert isinstance(form, EventForm)
        assert form.query_one("#type", Select).value == NO_LOGIN
        assert form.query_one("#scope", Select).value == "system"
        assert not form.query_one(f"#row-{OWNER}").display  # only for a user
        await type_into(pilot, form, "ends", "+2h")
        assert "in 2 h" in str(form.query_one(f"#hint-{ENDS}", Static).render())
        await type_into(pilot, form, "message", "Upgrade")
        await fill(pilot, form, "description", "Log out by 11.")
        assert await save(pilot) is not form
        assert demo_store.event_count() == before + 1
        new = demo_store.events(0, 1)[0]
        assert (new.key, new.name, new.scope, new.message, new.description) == (
            NO_LOGIN, "No Login", EventScope.SYSTEM, "Upgrade", "Log out by 11.")
        assert new.activated == FROZEN and new.ends == FROZEN + timedelta(hours=2)
        assert new.activated_by == demo_store.installation().logged_in_user == "ADMIN"
        assert new.status is EventStatus.ACTIVE
        await settle(pilot)  # the filter is dropped to show the event added
        assert not pane.where.active and pane.table.row_count == before + 1
        assert pane.table.cursor_key == new.id == app.query_one(EventDetail).event.id
        assert pane.table.row_at(pane.table.cursor).cells[2].plain == "Upgrade"
        assert any("saved" in n for n in notices(app))


async def test_every_invalid_input_is_marked_and_nothing_is_saved(demo_store: Store, make_app):
    before = demo_store.event_count()
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await system_messages(pilot)
        form = await press_and_wait(pilot, "a")
        # An empty message and an end in the past, together.
        await fill(pilot, form, "ends", "2026-11-28 08:00")
        assert await save(pilot) is form
        assert form.shown_errors == {MESSAGE: "a short message is required",
                                     ENDS: "2026-11-28 08:00 is in the past"}
        assert marked(form, MESSAGE) and marked(form, ENDS) and not marked(form, SCOPE)
        assert app.focused is form.query_one("#ends")  # the first wrong field
        # An end that does not parse.
        await fill(pilot, form, "ends", "next week")
        assert not marked(form, ENDS)  # editing the field clears its mark
        await save(pilot)
        assert "'next week' is not a date and time" in form.shown_errors[ENDS]
        # A user that does not exist (the store says so).
        await fill(pilot, form, "ends", "")
        await fill(pilot, form, "message", "Welcome")
        form.query_one("#scope", Select).value = "user"
        await pilot.pause()
        assert form.query_one(f"#row-{OWNER}").display
        await save(pilot)
        assert form.shown_errors == {OWNER: "choose the user it applies to"}
        await fill(pilot, form, "owner", "NOBODY")
        await save(pilot)
        assert form.shown_errors == {OWNER: "no user 'NOBODY' in the store"}
        assert marked(form, OWNER)
        # The same type, scope and owner as an event there is.
        form.query_one("#scope", Select).value = "database"
        await pilot.pause()
        await save(pilot)
        reason = form.shown_errors[SCOPE]
        assert reason.startswith("there is already a 'No Login' event for this database (event ")
        assert marked(form, SCOPE) and isinstance(app.screen, EventForm)
        assert demo_store.event_count() == before
        # Put right, it saves.
        form.query_one("#scope", Select).value = "system"
        await pilot.pause()
        assert await save(pilot) is not form
        assert demo_store.event_count() == before + 1


async def test_a_user_is_picked_from_the_stores_users(demo_store: Store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await system_messages(pilot)
        form = await press_and_wait(pilot, "a")
        form.query_one("#type", Select).value = "NoTravel"
        form.query_one("#scope", Select).value = "user"
        await pilot.pause()
        await fill(pilot, form, "message", "Stay home")
        form.query_one("#owner").focus()
        await pilot.press(*"lars", "enter")  # the only user starting with LARS
        await settle(pilot)
        assert not isinstance(app.screen, EventForm)
        new = demo_store.events(0, 1)[0]
        assert (new.key, new.scope, new.owner_name) == ("NoTravel", EventScope.USER, "LARSK")


async def test_edit_an_admin_event_with_e_or_enter(demo_store: Store, make_app):
    target = demo_store.event(event_id(demo_store, NO_LOGIN))
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await system_messages(pilot)
        await put_cursor(pilot, pane, target.id)
        form = await press_and_wait(pilot, "enter")
        assert isinstance(form, EventForm) and form.event.id == target.id
        assert form.query_one("#message", Input).value == target.message
        assert form.query_one("#scope", Select).value == "database"
        assert form.query_one("#ends", Input).value == "2026-11-28 11:30"
        assert form.query_one("#description", TextArea).text == target.description
        assert await press_and_wait(pilot, "escape") is not form
        assert demo_store.event(target.id) == target  # cancelled: nothing changed

        form = await press_and_wait(pilot, "e")
        await fill(pilot, form, "message", "Window extended")
        await fill(pilot, form, "ends", "12:30")
        await save(pilot)
        changed = demo_store.event(target.id)
        assert changed.message == "Window extended"
        assert changed.ends == FROZEN.replace(hour=12, minute=30)
        assert (changed.updated_by, changed.update_count) == ("ADMIN", target.update_count + 1)
        assert changed.activated == target.activated
        assert pane.table.cursor_key == target.id
        assert pane.table.row_at(pane.table.cursor).cells[2].plain == "Window extended"


async def test_an_edit_made_meanwhile_by_someone_else_is_not_overwritten_silently(
        demo_path, make_app):
    store = Store.open(demo_path)
    target = event_id(store, NO_LOGIN)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await system_messages(pilot)
        await put_cursor(pilot, pane, target)
        form = await press_and_wait(pilot, "e")
        other = sqlite3.connect(demo_path)
        other.execute("UPDATE system_event SET message = 'theirs', update_count = 1,"
                      " updated_by = (SELECT id FROM user WHERE user_id = 'TOREH') WHERE id = ?",
                      (target,))
        other.commit()
        other.close()
        await fill(pilot, form, "message", "mine")
        await save(pilot)
        assert "TOREH changed this event while you were editing it" in form.shown_errors[FORM]
        assert store.event(target).message == "theirs"
        await save(pilot)  # again: overwrite, knowingly
        assert not isinstance(app.screen, EventForm)
        assert store.event(target).message == "mine"
    store.close()


async def test_delete_asks_first_and_the_cursor_moves_on(demo_store: Store, make_app):
    target = event_id(demo_store, NO_LOGIN)
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await system_messages(pilot)
        await put_cursor(pilot, pane, target)
        index = pane.table.cursor
        following = pane.table.row_at(index + 1).key
        confirm = await press_and_wait(pilot, "delete")
        assert isinstance(confirm, ConfirmScreen) and confirm.danger
        assert app.focused.id == "no"  # a hasty Enter keeps it
        await press_and_wait(pilot, "n")
        assert demo_store.event(target) is not None
        await press_and_wait(pilot, "delete")
        await press_and_wait(pilot, "y")
        assert demo_store.event(target) is None
        assert pane.table.cursor == index and pane.table.cursor_key == following
        assert app.query_one(EventDetail).event.id == following


async def test_system_operations_are_never_edited_and_cancelled_only_in_an_emergency(
        demo_store: Store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await system_messages(pilot)
        await put_cursor(pilot, pane, event_id(demo_store, UDEF))
        assert await press_and_wait(pilot, "enter") is app.screen_stack[0]  # Enter: nothing
        assert await press_and_wait(pilot, "e") is app.screen_stack[0]
        assert any("is a system operation" in n and "cannot be edited" in n
                   for n in notices(app))
        assert await press_and_wait(pilot, "delete") is app.screen_stack[0]
        assert demo_store.event(event_id(demo_store, UDEF)) is not None

        assert await press_and_wait(pilot, "x") is app.screen_stack[0]
        assert any("must not be cancelled" in n for n in notices(app))

        await put_cursor(pilot, pane, event_id(demo_store, PROTOTYPE))
        assert await press_and_wait(pilot, "x") is app.screen_stack[0]
        assert any("already over (finished)" in n for n in notices(app))

        freetext = event_id(demo_store, FREETEXT)
        await put_cursor(pilot, pane, freetext)
        confirm = await press_and_wait(pilot, "x")
        assert isinstance(confirm, ConfirmScreen)
        assert "for emergencies only" in rendered(confirm.query_one(".confirm-text", Static))
        await press_and_wait(pilot, "escape")
        assert demo_store.event(freetext).status is EventStatus.RUNNING
        await press_and_wait(pilot, "x")
        await press_and_wait(pilot, "y")
        cancelled = demo_store.event(freetext)
        assert cancelled.status is EventStatus.CANCELLED and cancelled.updated_by == "ADMIN"
        assert pane.table.cursor_key == freetext
        assert pane.table.row_at(pane.table.cursor).cells[1].plain == "Cancelled"


async def test_filter_by_text_and_hide_finished(demo_store: Store, make_app):
    total = demo_store.event_count()
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await system_messages(pilot)
        table, line = pane.table, app.query_one(FilterInput)
        assert not line.display and table.border_subtitle == f"{total} events"
        await pilot.press("slash")
        assert line.display and app.focused is line
        await pilot.press(*"import")
        await pilot.pause(0.3)  # the list is read again once typing pauses
        await settle(pilot)
        assert table.row_count == 3 and table.border_subtitle == f"3 of {total} shown"
        assert "filter: import" in table.border_title
        await pilot.press("enter")
        assert app.focused is table and line.display
        await press_and_wait(pilot, "f")
        assert table.row_count == 1 and table.border_subtitle == f"1 of {total} shown"
        assert table.row_at(0).cells[1].plain == "Running"
        await press_and_wait(pilot, "f")
        assert table.row_count == 3
        await pilot.press("slash", "ctrl+u", *"[b]nothing")
        await pilot.pause(0.3)
        await settle(pilot)
        assert table.row_count == 0 and table.empty_text == "No system messages match."
        assert "[b]nothing" in str(table.render_line(0).text + table.border_title)
        await press_and_wait(pilot, "escape")
        assert not line.display and app.focused is table
        assert table.row_count == total and table.border_subtitle == f"{total} events"


async def test_the_ends_column_counts_down_without_reading_the_store(demo_store: Store):
    moment = [FROZEN]
    app = LicScreenApp(demo_store, clock=lambda: moment[0])
    udef = event_id(demo_store, UDEF)  # running, expected to end at 09:35
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await system_messages(pilot)
        await put_cursor(pilot, pane, udef)
        row = pane.table.row_at(pane.table.cursor)
        assert row.cells[5].plain == "in 35 min" and not row.cells[5].style
        reads = 0
        original = demo_store.db.read

        def counted():
            nonlocal reads
            reads += 1
            return original()

        demo_store.db.read = counted
        moment[0] = FROZEN + timedelta(minutes=10)
        pane._tick()
        await pilot.pause()
        assert pane.table.row_at(pane.table.cursor).cells[5].plain == "in 25 min"
        moment[0] = FROZEN + timedelta(minutes=40)
        pane._tick()
        await pilot.pause()
        ends = pane.table.row_at(pane.table.cursor).cells[5]
        assert ends.plain == "overdue 5 min"
        assert app.current_theme.warning.lower() in str(ends.style).lower()
        detail = rendered(app.query_one(EventDetail).query_one(".event-text", Static))
        assert "(overdue 5 min)" in detail
        assert reads == 0
        demo_store.db.read = original


async def test_a_read_only_store_refuses_every_change(demo_path, make_app):
    store = Store.open(demo_path, read_only=True)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await system_messages(pilot)
        for key in ("a", "e", "delete", "x"):
            assert await press_and_wait(pilot, key) is app.screen_stack[0]
        assert notices(app).count("The store is read-only: events cannot be changed.") == 4
    store.close()


async def test_help_lists_the_status_keys(demo_store: Store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await system_messages(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = rendered(app.screen.query_one(Static))
        assert "On the Status tab" in text
        for description in ("Add event", "Edit", "Delete", "Cancel operation", "Filter",
                            "Show or hide finished"):
            assert description in text
