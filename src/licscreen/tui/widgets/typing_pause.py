"""A filter read again once typing pauses, not at every keystroke: each key restarts the wait;
Enter (or Esc) calls at once and drops the wait."""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget

TYPING_PAUSE_S = 0.15  # a list is filtered again once typing pauses this long


class TypingPause:
    """Calls back ``delay`` seconds after the last :meth:`restart`, on ``owner``'s timers."""

    def __init__(self, owner: Widget, delay: float = TYPING_PAUSE_S) -> None:
        self.owner, self.delay = owner, delay
        self._timer: Timer | None = None

    def restart(self, callback: Callable[[], object]) -> None:
        """A key typed: ``callback`` once the typing pauses (the one waiting dropped)."""
        self.stop()
        self._timer = self.owner.set_timer(self.delay, callback)

    def stop(self) -> None:
        """The wait dropped: the caller acts now (Enter, Esc) or not at all."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
