"""Big text to read from across the room: a FIGlet font, or plain bold text when it won't fit."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

FONTS = ("ansi_regular", "future")
"""Tallest first: 5 rows of blocks, then 3 rows of box lines (like Textual's Digits)."""


@lru_cache(maxsize=256)
def render_figlet(text: str, font: str) -> tuple[str, ...]:
    import pyfiglet

    art = pyfiglet.figlet_format(text, font=font, width=1000)
    lines = [line.rstrip() for line in art.splitlines()]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return tuple(lines)


class BigText(Widget):
    """Text drawn as large as the widget's size allows: ansi_regular, then future, then plain."""

    DEFAULT_CSS = """
    BigText { height: auto; width: 1fr; }
    """

    text: reactive[str] = reactive("", layout=True)

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.text = text

    def _lines(self, width: int, height: int | None) -> tuple[str, ...]:
        if not self.text:
            return ()
        for font in FONTS:
            lines = render_figlet(self.text.upper(), font)
            if max((len(line) for line in lines), default=0) <= width and (
                height is None or len(lines) <= height
            ):
                return lines
        return (self.text.upper(),)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        max_height = self.styles.max_height
        limit = int(max_height.value) if max_height is not None and max_height.is_cells else None
        return len(self._lines(width, limit))

    def render(self) -> Text:
        lines = self._lines(self.content_size.width, self.content_size.height or None)
        return Text("\n".join(lines), style="bold", no_wrap=True, overflow="crop")
