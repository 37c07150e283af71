"""The app as the widgets know it: typed, so that ``store``, ``now()`` and the signals check.

Textual types ``node.app`` as a plain ``App``; every widget and screen of licscreen runs in a
:class:`~licscreen.tui.app.LicScreenApp`, and says so through :func:`app_of` (posting does the
same with ``cast("Posting", self.app)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # the app imports the widgets that import this
    from textual.dom import DOMNode

    from licscreen.tui.app import LicScreenApp


def app_of(node: DOMNode) -> LicScreenApp:
    """The licscreen app that ``node`` runs in."""
    return cast("LicScreenApp", node.app)
