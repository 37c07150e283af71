"""The form that adds or edits an administrator's event, marking each wrong field with why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea
from textual.worker import get_current_worker

from licscreen.i18n import N_, _
from licscreen.present.text import clean
from licscreen.present.time import fmt_time, fmt_until
from licscreen.store import EventScope, SystemEvent, User
from licscreen.store.events import (
    ADMIN_TYPES,
    DESCRIPTION,
    ENDS,
    FORM,
    MESSAGE,
    MESSAGE_MAX,
    OWNER,
    SCOPE,
    TYPE,
    Group,
    InvalidEvent,
    admin_type,
    format_when,
    parse_when,
)
from licscreen.tui.context import app_of
from licscreen.tui.events.form_save import (
    USER_SCOPE,
    FormValues,
    SaveResult,
    check_form,
    save,
    shown_text,
)
from licscreen.tui.widgets.literal_input import LiteralInput, LiteralTextArea
from licscreen.tui.widgets.worker_errors import ReportWorkerErrors

ENDS_HELP = N_("YYYY-MM-DD HH:MM, HH:MM or +2h")


@dataclass(frozen=True)
class FormChoices:
    """What the form offers, read from the store before it opens."""

    groups: list[Group]
    users: list[User]
    by: str | None  # the store's logged-in user: who adds or edits


def scope_options(groups: list[Group]) -> list[tuple[Text, str]]:
    """The choices of Applies to, as Text: a group's name is shown literally, never markup."""
    options = [(Text(_("The whole system")), "system"), (Text(_("This database")), "database")]
    options += [(Text(_("Group: {name}").format(name=clean(g.name, one_line=True))),
                 f"group:{g.id}") for g in groups]
    return [*options, (Text(_("A user…")), USER_SCOPE)]


class EventForm(ReportWorkerErrors, ModalScreen[int | None]):
    """Add an event (``event`` None) or edit one; dismissed with its ID once saved."""

    CSS_PATH = "form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save")),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    @dataclass
    class Done(Message):
        """The write is done: saved, or refused with reasons."""

        result: SaveResult

    def __init__(self, choices: FormChoices, event: SystemEvent | None = None) -> None:
        super().__init__()
        self.choices = choices
        self.event = event
        self.expected_updates = event.update_count if event else None
        # by the user ID as shown (controls made visible), upper case
        self.users = {clean(u.user_id, one_line=True).upper(): u for u in choices.users}
        self.shown = shown_text(event)
        self.shown_errors: dict[str, str] = {}  # field: the reason shown on it

    # Layout

    def compose(self) -> ComposeResult:
        event = self.event
        kind = admin_type(event.key) if event else None
        with Vertical(classes="form-body") as body:
            body.border_title = (_("Edit event {id}").format(id=event.id) if event
                                 else _("Add a system event"))
            body.border_subtitle = _("Ctrl+S saves · Esc cancels")
            yield Static(classes="field-error form-error")
            if self.shown.neutralised:
                yield Static(Text(_(
                    "This event's text holds control or invisible characters: they are shown "
                    "as signs (␛, <U+202E>), and saved as shown."), style="italic"),
                    classes="form-note")
            yield from self._row(TYPE, _("Event type"), Select(
                [(t.label, t.key) for t in ADMIN_TYPES], allow_blank=False, compact=True,
                value=kind.key if kind else ADMIN_TYPES[0].key, id="type"))
            yield from self._row(SCOPE, _("Applies to"), Select(
                scope_options(self.choices.groups), allow_blank=False, compact=True,
                value=self._initial_scope(), id="scope"))
            yield from self._row(OWNER, _("User"), LiteralInput(
                self.shown.owner, placeholder=_("user ID"), compact=True, id="owner",
                suggester=SuggestFromList(self.users_ids(), case_sensitive=False)), hint=True)
            yield from self._row(ENDS, _("Ends"), LiteralInput(
                format_when(event.ends if event else None), placeholder=_("no end"),
                compact=True, id="ends"), hint=True)
            yield from self._row(MESSAGE, _("Message"), LiteralInput(
                self.shown.message, max_length=MESSAGE_MAX, compact=True,
                placeholder=_("one line, shown in the list"), id="message"))
            yield from self._row(DESCRIPTION, _("Description"), LiteralTextArea(
                self.shown.description, compact=True, id="description",
                placeholder=_("optional: the details, shown under Description")))
            with Horizontal(classes="form-buttons"):
                yield Button(_("Cancel"), id="cancel", compact=True)
                yield Button(_("Save"), id="save", variant="primary", compact=True)

    def _row(self, name: str, label: str, field: Widget, *, hint: bool = False) -> ComposeResult:
        with Horizontal(classes="form-row", id=f"row-{name}"):
            yield Label(label, classes="form-label")
            with Vertical(classes="form-field"):
                if hint:
                    with Horizontal(classes="field-line"):
                        yield field
                        yield Static(classes="field-hint", id=f"hint-{name}")
                else:
                    yield field
                yield Static(classes="field-error", id=f"error-{name}")

    def users_ids(self) -> list[str]:
        return list({clean(u.user_id, one_line=True): None for u in self.choices.users})

    def _initial_scope(self) -> str:
        event = self.event
        if event is None or event.scope is EventScope.SYSTEM:
            return "system"
        if event.scope is EventScope.DATABASE:
            return "database"
        if event.scope is EventScope.GROUP:
            return f"group:{event.owner_id}"
        return USER_SCOPE

    def on_mount(self) -> None:
        self._show_owner_row()
        self._hint_owner()
        self._hint_ends()
        self.query_one("#message" if self.event else "#type").focus()

    # Live hints, and errors cleared as the field is edited

    @on(Select.Changed, "#scope")
    def _show_owner_row(self) -> None:
        for_user = self.query_one("#scope", Select).value == USER_SCOPE
        self.query_one(f"#row-{OWNER}").display = for_user
        self._clear_error(SCOPE)

    @on(Select.Changed, "#type")
    def _type_changed(self) -> None:
        self._clear_error(TYPE)
        self._clear_error(SCOPE)  # the unique rule may hold now

    @on(Input.Changed, "#owner")
    def _hint_owner(self) -> None:
        self._clear_error(OWNER)
        text = self.query_one("#owner", Input).value.strip()
        user = self.users.get(text.upper())
        hint = Text(clean(user.full_name, one_line=True)) if user else Text("")
        self.query_one(f"#hint-{OWNER}", Static).update(hint)

    @on(Input.Changed, "#ends")
    def _hint_ends(self) -> None:
        self._clear_error(ENDS)
        text = self.query_one("#ends", Input).value
        now = app_of(self).now()
        try:
            moment = parse_when(text, now)
        except InvalidEvent:
            moment = None
            hint = Text(_(ENDS_HELP), style="dim") if text.strip() else Text("")
        else:
            hint = Text(_(ENDS_HELP), style="dim") if moment is None else Text(
                f"{fmt_time(moment, now)} · {fmt_until(moment, now)}")
        if self._ends_unchanged():
            hint = Text("")
        self.query_one(f"#hint-{ENDS}", Static).update(hint)

    @on(Input.Changed, "#message")
    @on(TextArea.Changed, "#description")
    def _text_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        self._clear_error(MESSAGE if isinstance(event, Input.Changed) else DESCRIPTION)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "owner":
            self._complete_owner()
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _complete_owner(self) -> None:
        """Enter on a partly typed user ID that only one user starts with takes that user."""
        field = self.query_one("#owner", Input)
        text = field.value.strip().upper()
        matches = [uid for uid in self.users if uid.startswith(text)] if text else []
        if text not in self.users and len(matches) == 1:
            field.value = clean(self.users[matches[0]].user_id, one_line=True)

    # Errors on fields

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, reason in errors.items():
            target = FORM if name not in (TYPE, SCOPE, OWNER, ENDS, MESSAGE, DESCRIPTION) else name
            self.shown_errors[target] = reason
            box = (self.query_one(".form-error", Static) if target == FORM
                   else self.query_one(f"#error-{target}", Static))
            box.update(Text(clean(reason, one_line=True)))
            box.display = True
            if target != FORM:
                self.query_one(f"#row-{target}").add_class("-error")
        first = next((n for n in (TYPE, SCOPE, OWNER, ENDS, MESSAGE, DESCRIPTION) if n in errors),
                     None)
        if first is not None:
            self.query_one(f"#{first}").focus()

    def _clear_error(self, name: str) -> None:
        self.shown_errors.pop(name, None)
        if not self.is_mounted:
            return
        self.query_one(f"#row-{name}").remove_class("-error")
        self.query_one(f"#error-{name}", Static).display = False

    # Saving

    def _ends_unchanged(self) -> bool:
        return (self.event is not None
                and self.query_one("#ends", Input).value.strip() == format_when(self.event.ends))

    def _owner_id(self, shown: str) -> str:
        """The user ID a shown one stands for (an ID with controls is shown with signs)."""
        user = self.users.get(shown.strip().upper())
        return user.user_id if user else shown

    def action_save(self) -> None:
        """Check what can be checked here; the store checks users and the unique rule."""
        fields = {TYPE: str(self.query_one("#type", Select).value),
                  SCOPE: str(self.query_one("#scope", Select).value),
                  OWNER: self._owner_id(self.query_one("#owner", Input).value),
                  MESSAGE: self.query_one("#message", Input).value,
                  DESCRIPTION: self.query_one("#description", TextArea).text}
        if not self._ends_unchanged():
            fields[ENDS] = self.query_one("#ends", Input).value
        self.query_one(".form-error", Static).display = False
        self.shown_errors.pop(FORM, None)
        try:
            values = check_form(fields, editing=self.event is not None, now=app_of(self).now())
        except InvalidEvent as error:
            self.show_errors(error.errors)
            return
        self.query_one("#save", Button).disabled = True
        self._write(values)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _write(self, values: FormValues) -> None:
        result = save(app_of(self).store, self.event, values, by=self.choices.by,
                      now=app_of(self).now(), expected_updates=self.expected_updates)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Done(result))

    def on_event_form_done(self, message: Done) -> None:
        result = message.result
        if result.event_id is not None:
            self.dismiss(result.event_id)
            return
        self.query_one("#save", Button).disabled = False
        if result.update_count is not None:
            self.expected_updates = result.update_count
        self.show_errors(result.errors)
