"""Store and file text for Textual's own widgets, shown literally.

Textual reads a plain string as content markup in many places (a tab's title, the command
palette's hits and their help, a notification unless ``markup=False``): a licence called
``[b]x[/]`` would lose its brackets, and ``[/]`` would raise. These give such places the text
as :func:`licscreen.present.text.clean` shows it (controls and invisible characters as
signs), and never as markup.
"""

from __future__ import annotations

from textual.content import Content

from licscreen.present.text import clean


def literal(value: object) -> Content:
    """One line of text as Content, which is never parsed as markup."""
    return Content(clean(value, one_line=True))


def literal_markup(value: object) -> str:
    """One line of text as markup that shows it exactly: each '[' escaped (Textual's parser
    turns '\\[' into '[' and leaves every other backslash as it is)."""
    return clean(value, one_line=True).replace("[", "\\[")
