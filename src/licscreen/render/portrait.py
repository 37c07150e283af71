"""A user's portrait drawn with half-block characters: two pixels a cell, one above the other."""

from __future__ import annotations

import io

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

UPPER_HALF = "\u2580"


class HalfBlockImage:
    """A Rich renderable of an image, ``width`` cells wide and ``width // 2`` lines high."""

    def __init__(self, pixels: list[list[tuple[int, int, int]]]) -> None:
        self.pixels = pixels

    @classmethod
    def from_bytes(cls, data: bytes, width: int = 16) -> HalfBlockImage | None:
        """Decode an image (PNG, JPEG...); None when the bytes are not an image we can read."""
        from PIL import Image, UnidentifiedImageError  # only paid for when a portrait is shown

        try:
            with Image.open(io.BytesIO(data)) as image:
                rgb = image.convert("RGB")
                height = max(2, round(width * rgb.height / max(1, rgb.width) / 2) * 2)
                raw = rgb.resize((width, height)).tobytes()
                flat = [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            return None
        return cls([flat[y * width : (y + 1) * width] for y in range(height)])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for top, bottom in zip(self.pixels[0::2], self.pixels[1::2], strict=False):
            for upper, lower in zip(top, bottom, strict=True):
                yield Segment(UPPER_HALF, Style(color=f"rgb{upper}", bgcolor=f"rgb{lower}"))
            yield Segment.line()
