"""The footer: the keys that work here, on one line drawn by one widget.

Textual's ``Footer`` builds a widget per key and rebuilds them all whenever the keys change
(each focus change); it first fills in after the first frame, at about 160 ms of start-up on
this app. This bar draws the same line as one text, in the first frame, and only redraws when
the keys change. A click on a key presses it, as in Textual's footer.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from licscreen.i18n import _


class Item(NamedTuple):
    """One entry of the bar: its keys (display and key name, several for a group)."""

    keys: list[tuple[str, str]]
    description: str
    enabled: bool

    @property
    def label(self) -> str:
        return "".join(display for display, _key in self.keys)


class Span(NamedTuple):
    start: int
    end: int
    item: Item


class KeyBar(Widget, can_focus=False):
    """The bindings the focused widget and its ancestors show, as ``key Description``; a group
    of keys (``Binding.Group``) is shown once: its keys, then the group's description."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        & > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background;
                            text-style: bold; }
        & > .key-bar--description { color: $footer-description-foreground;
                                    background: $footer-description-background; }
    }
    """
    ALLOW_SELECT = False

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._spans: list[Span] = []
        self._items: list[Item] | None = None  # what shown() gave, until the keys change

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self._items = None
        self.refresh()

    @property
    def drawn(self) -> list[Item]:
        """The entries of the line last drawn."""
        return [span.item for span in self._spans]

    def shown(self) -> list[Item]:
        """What the bar shows, in order."""
        by_action: defaultdict[str, list[tuple[Binding, bool]]] = defaultdict(list)
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled))
        items: list[Item] = []
        firsts = [bindings[0] for bindings in by_action.values()]
        for group, grouped in groupby(firsts, lambda member: member[0].group):
            members = list(grouped)
            keys = [(self.app.get_key_display(b), b.key) for b, _enabled in members]
            if group is not None and len(members) > 1:
                items.append(Item(keys, _(group.description), any(e for _b, e in members)))
            else:
                items.extend(Item([key], _(b.description), e)
                             for key, (b, e) in zip(keys, members, strict=True))
        return items

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        disabled = description_style + Style(dim=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        if self._items is None:
            self._items = self.shown()
        for item in self._items:
            start = line.cell_len
            line.append(f" {item.label} ", key_style if item.enabled else disabled)
            line.append(f"{item.description} ", description_style if item.enabled else disabled)
            self._spans.append(Span(start, line.cell_len, item))
        return line

    def on_click(self, event: events.Click) -> None:
        """A click on an entry presses its key; on a group's keys, the key under the pointer."""
        for start, end, item in self._spans:
            if start <= event.x < end:
                event.stop()
                if not item.enabled:
                    self.app.bell()
                    return
                at = event.x - start - 1  # the label starts after one space
                offset = 0
                for display, key in item.keys:
                    if offset <= at < offset + len(display):
                        self.app.simulate_key(key)
                        return
                    offset += len(display)
                self.app.simulate_key(item.keys[0][1])
                return
