"""Theme-aware styles for the warning and error levels of figures."""

from __future__ import annotations

from typing import Any

from textual.app import App

from licscreen.store.models import Level


def level_style(app: App[Any], level: Level, *, bold: bool = True) -> str:
    """A Rich style for ``level`` in the app's current theme ('' for normal)."""
    theme = app.current_theme
    colour = {Level.WARNING: theme.warning, Level.ERROR: theme.error}.get(level)
    if not colour:
        return ""
    return f"bold {colour}" if bold else colour


def accent_style(app: App[Any]) -> str:
    return app.current_theme.accent or app.current_theme.primary
