"""The app as the widgets know it: typed, so that ``store``, ``now()`` and the signals check.

Textual types ``node.app`` as a plain ``App``; every widget, screen and command provider of
licscreen runs in a :class:`~licscreen.tui.app.LicScreenApp`, and says so through
:func:`app_of` (posting does the same with ``cast("Posting", self.app)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:  # the app imports the widgets that import this
    from textual.app import App

    from licscreen.tui.app import LicScreenApp


class InApp(Protocol):
    """A widget, a screen or a command provider: anything Textual gives its app."""

    @property
    def app(self) -> App[Any]: ...


def app_of(node: InApp) -> LicScreenApp:
    """The licscreen app that ``node`` runs in."""
    return cast("LicScreenApp", node.app)
