"""An Input and a TextArea that never hold a control or invisible character.

Whatever is set, loaded, typed or pasted is kept as :func:`licscreen.present.text.clean` shows
it: an escape sequence pasted from elsewhere becomes ``␛[2J`` on the screen and in the value,
and never reaches the terminal. What the field shows is what it holds, and what a form saves.
"""

from __future__ import annotations

from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from licscreen.present.text import clean, is_clean

TEXT_AREA_WHITESPACE = "\n\t"  # a TextArea shows its lines and expands tabs itself


class LiteralInput(Input):
    """An Input whose value is always one line of visible text."""

    def validate_value(self, value: str) -> str:
        return value if is_clean(value) else clean(value, one_line=True)


class LiteralTextArea(TextArea):
    """A TextArea whose text holds no control or invisible character but newline and tab."""

    def load_text(self, text: str) -> None:
        super().load_text(self._visible(text))

    def edit(self, edit: Edit) -> EditResult:
        edit.text = self._visible(edit.text)
        return super().edit(edit)

    @staticmethod
    def _visible(text: str) -> str:
        return text if is_clean(text, allowed=TEXT_AREA_WHITESPACE) else clean(text)
