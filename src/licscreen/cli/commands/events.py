"""``licscreen events``: list system events, and add, update or delete an administrator's.

For scripts and cron jobs; never imports Textual. Every error is one line on stderr with exit
code 2, usage errors included. ``--json`` is documented in docs/json-formats.md.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from licscreen.cli.common import CliError, db_option, in_store, open_store
from licscreen.cli.output import (
    F,
    now_option,
    output_options,
    reading,
    write_json,
    write_json_array,
)
from licscreen.cli.params import Count
from licscreen.i18n import N_, _

if TYPE_CHECKING:  # the store is imported when a command runs
    from licscreen.store import Store
    from licscreen.store.events import EventFilter, Fields, InvalidEvent
    from licscreen.store.models import SystemEvent

T = TypeVar("T")
PAGE = 1000  # events read, and written, at a time: a million are never held at once

# The option each field of an event is given with.
OPTIONS = {"type": "--type", "scope": "--scope", "owner": "--scope", "ends": "--ends",
           "message": "--message", "description": "--description", "by": "--by"}
TYPE_HELP = N_("no-login, no-freetext, no-travel or message-of-the-day (motd).")
SCOPE_HELP = N_("system, database, group:ID (a group's ID or name) or user:USERID.")
ENDS_HELP = N_("Expected end: 'YYYY-MM-DD HH:MM' (local time), 'HH:MM' (today), '+2h', '+1d'; "
               "'none' for no end.")
BY_HELP = N_("The user who does it (default: none, shown as the system).")


class EventsGroup(click.Group):
    """Usage errors (a missing option, an ID that is not a number) are one line too."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        with _usage_errors():
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _usage_errors():
            return super().invoke(ctx)


@contextmanager
def _usage_errors() -> Iterator[None]:
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        raise
    except click.UsageError as error:
        command = error.ctx.command_path.partition(" ")[2] if error.ctx else "events"
        raise CliError(f"{command}: {error.format_message()}") from None


@contextmanager
def writing(store: Store) -> Iterator[None]:
    """A write to ``store``: whatever refuses it becomes one line naming what was wrong."""
    from licscreen.store import StoreError
    from licscreen.store.events import EventRefused, InvalidEvent

    try:
        yield
    except InvalidEvent as error:
        raise _invalid(error) from None
    except (EventRefused, StoreError) as error:
        raise _one_line(str(error)) from None
    except sqlite3.Error as error:
        raise _one_line(_("{path}: cannot write the store ({reason})").format(
            path=store.path, reason=error)) from None
    finally:
        store.close()


def _one_line(message: str) -> CliError:
    from licscreen.present.text import clean

    return CliError(clean(message, one_line=True))


def _invalid(error: InvalidEvent) -> CliError:
    """Every field's problem, in the order of the options, on one line."""
    order = list(OPTIONS)
    fields = sorted(error.errors, key=lambda name: order.index(name) if name in order else 99)
    return _one_line("; ".join(f"{OPTIONS.get(name, name)}: {error.errors[name]}"
                               for name in fields))


def _fields(kind: str | None, scope: str | None, ends: str | None, message: str | None,
            description: str | None) -> Fields:
    """The options as the event's fields, by the names :data:`OPTIONS` maps (None: not given)."""
    return {"type": kind, "scope": scope, "ends": ends, "message": message,
            "description": description}


def _parsed(parse: Callable[[Fields, datetime], T], fields: Fields, now: datetime) -> T:
    """What ``parse`` makes of the fields, or one line naming every option that is wrong."""
    from licscreen.store.events import InvalidEvent

    try:
        return parse(fields, now)
    except InvalidEvent as error:
        raise _invalid(error) from None


@click.group(cls=EventsGroup)
def events() -> None:
    """System events: list them; add, update or delete an administrator's events."""


@events.command("list")
@db_option
@output_options(csv=False)
@click.option("--sort", "sort", metavar="COLUMN", help=N_(
    "Sort by this column ('-COLUMN': descending): name, status, message, activated, "
    "activated_by, ends, scope or id."))
@click.option("--filter", "filter_text", metavar="TEXT", help=N_(
    "Only the events with TEXT in their operation, message, description or users "
    "('!TEXT': those without it), as the app's filter."))
@now_option
@click.pass_context
def list_events(ctx: click.Context, db: Path | None, as_json: bool, sort: str | None,
                filter_text: str | None, now: datetime) -> None:
    """Every system event, newest first, with the ID that update and delete take."""
    where = event_view(sort, filter_text)
    store = open_store(ctx, db, read_only=True)
    with reading(store):
        if as_json:
            from licscreen.cli.formats import event_json

            write_json_array([event_json(event, now) for event in page]
                             for page in pages(store, where))
        else:
            from licscreen.cli.tables.events import print_events

            print_events(pages(store, where), now)


def event_view(sort: str | None, filter_text: str | None) -> EventFilter:
    """--sort and --filter as the app's filter of the list (an unknown column: exit code 2)."""
    from licscreen.cli.listing import list_view
    from licscreen.present.filter_words import event_words
    from licscreen.store.events import NEWEST_FIRST, SORT_NAMES, EventFilter, EventOrder

    view = list_view(sort, filter_text, SORT_NAMES)
    order = NEWEST_FIRST if view.sort is None else EventOrder(view.sort, view.descending)
    return EventFilter(text=view.filter, order=order, words=event_words())


def pages(store: Store, where: EventFilter | None = None) -> Iterator[list[SystemEvent]]:
    """Every event ``where`` lets through, in its order (newest first), ``PAGE`` at a time."""
    from licscreen.store.events import EventFilter, every_page

    return every_page(store, where or EventFilter(), size=PAGE)


def _write_options(command: F) -> F:
    command = click.option("--by", metavar="USERID", help=BY_HELP)(command)
    command = click.option("--json", "as_json", is_flag=True,
                           help=N_("Write the event as JSON (see docs/json-formats.md)."))(command)
    return now_option(command)


@events.command()
@db_option
@click.option("--type", "kind", required=True, metavar="TYPE", help=TYPE_HELP)
@click.option("--message", required=True, metavar="TEXT", help=N_("A short message (one line)."))
@click.option("--description", default="", metavar="TEXT", help=N_("The longer description."))
@click.option("--ends", metavar="WHEN", help=ENDS_HELP)
@click.option("--scope", default="system", show_default=True, metavar="SCOPE", help=SCOPE_HELP)
@_write_options
@click.pass_context
def add(ctx: click.Context, db: Path | None, kind: str, message: str, description: str,
        ends: str | None, scope: str, by: str | None, as_json: bool, now: datetime) -> None:
    """Add an administrator's event: No Login, No Freetext, No Travel or Message of the day."""
    from licscreen.store.events import add_event, parse_new

    new = _parsed(parse_new, _fields(kind, scope, ends, message, description), now)
    store = open_store(ctx, db)
    with writing(store):
        event_id = add_event(store, new, by=by, now=now)
        event = store.event(event_id)
    _report(_("Added event {id}: {name} for {whom}"), event, now, as_json, store.path)


@events.command()
@db_option
@click.argument("event_id", metavar="ID", type=Count(1))
@click.option("--type", "kind", metavar="TYPE", help=TYPE_HELP)
@click.option("--message", metavar="TEXT", help=N_("A new short message."))
@click.option("--description", metavar="TEXT", help=N_("A new description ('' to clear it)."))
@click.option("--ends", metavar="WHEN", help=ENDS_HELP)
@click.option("--scope", metavar="SCOPE", help=SCOPE_HELP)
@_write_options
@click.pass_context
def update(ctx: click.Context, db: Path | None, event_id: int, kind: str | None,
           message: str | None, description: str | None, ends: str | None, scope: str | None,
           by: str | None, as_json: bool, now: datetime) -> None:
    """Change an administrator's event: only what is given changes."""
    from licscreen.store.events import parse_changes, update_event

    if kind is message is description is ends is scope is None:
        raise CliError(_("nothing to change: give --type, --message, --description, --ends or "
                         "--scope"))
    changes = _parsed(parse_changes, _fields(kind, scope, ends, message, description), now)
    store = open_store(ctx, db)
    with writing(store):
        update_event(store, event_id, changes, by=by, now=now)
        event = store.event(event_id)
    _report(_("Updated event {id}: {name} for {whom}"), event, now, as_json, store.path)


@events.command()
@db_option
@click.argument("event_id", metavar="ID", type=Count(1))
@now_option
@click.pass_context
def delete(ctx: click.Context, db: Path | None, event_id: int, now: datetime) -> None:
    """Delete an administrator's event (system operations cannot be deleted)."""
    from licscreen.store.events import delete_event

    store = open_store(ctx, db)
    with writing(store):
        event = delete_event(store, event_id, now=now)
    _report(_("Deleted event {id}: {name} for {whom}"), event, None, False, store.path)


def _report(sentence: str, event: SystemEvent | None, now: datetime | None,
            as_json: bool, path: Path) -> None:
    assert event is not None  # the event just written, read back
    if as_json and now is not None:  # a moment for the overdue flag: add and update have one
        from licscreen.cli.formats import event_json

        write_json(event_json(event, now))
        return
    from licscreen.present.text import clean
    from licscreen.store.events import describe_scope

    whom = describe_scope(event.scope, event.owner_name)
    said = clean(sentence.format(id=event.id, name=event.name, whom=whom), one_line=True)
    click.echo(in_store(said, path))
