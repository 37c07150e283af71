"""The private Textual APIs that licscreen uses, in one place.

Each has a test (tests/tui/test_textual_compat.py), so that a Textual upgrade that renames or
changes one fails in CI rather than at a user's start-up.
"""

from __future__ import annotations

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen


def breakpoint_classes(screen: Screen[object], size: int,
                       breakpoints: list[tuple[int, str]]) -> set[str]:
    """The size class (``-narrow``, ``-tall``…) a screen gets at ``size`` cells; the app gives
    them before the first frame, as Textual would on the first resize."""
    return screen._get_breakpoint_classes(size, breakpoints)


def class_bindings(node: type[DOMNode]) -> BindingsMap:
    """A widget class's bindings, its own and those it inherits (the help screen lists them)."""
    bindings = node._merged_bindings
    return bindings if bindings is not None else node._merge_bindings()
