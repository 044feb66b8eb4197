"""Big text to read from across the room: a FIGlet font, or plain bold text when it won't fit.

The widget picks the largest rendering that fits its box, tallest first: the 5-row block font
doubled (10 rows, for a rep count in a roomy terminal), the block font itself, a 3-row font of
box lines (like Textual's Digits), then plain text. With `height: auto` its box is as tall as its
`max-height` allows; with a fixed or `1fr` height the box decides. The fonts are pyfiglet's,
drawn by `tui.widgets.figlet` (pyfiglet's own import would slow the first frame).
"""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

FONTS = (("ansi_regular", 2), ("ansi_regular", 1), ("future", 1))
"""(FIGlet font, scale), tallest first: 10 rows, 5 rows of blocks, 3 rows of box lines."""


@lru_cache(maxsize=256)
def render_figlet(text: str, font: str, scale: int = 1) -> tuple[str, ...]:
    """`text` in a FIGlet font, blank rows trimmed; `scale` repeats each cell and row (a block
    font stays solid when doubled; a font of lines would not, so only blocks are scaled)."""
    from tui.widgets.figlet import render

    lines = [line.rstrip() for line in render(text, font)]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if scale == 1:
        return tuple(lines)
    wide = ["".join(char * scale for char in line) for line in lines]
    return tuple(line for line in wide for _ in range(scale))


def fitting(text: str, width: int, height: int | None) -> tuple[str, ...]:
    """The largest rendering of `text` that fits `width` x `height` (None: any height)."""
    if not text:
        return ()
    for font, scale in FONTS:
        lines = render_figlet(text.upper(), font, scale)
        wide = max((len(line) for line in lines), default=0)
        if wide <= width and (height is None or len(lines) <= height):
            return lines
    return (text.upper(),)


class BigText(Widget):
    """Text drawn as large as the widget's box allows (see `FONTS`), then plain."""

    DEFAULT_CSS = """
    BigText { height: auto; width: 1fr; max-height: 5; }
    """

    text: reactive[str] = reactive("", layout=True)

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.text = text

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        max_height = self.styles.max_height
        limit = int(max_height.value) if max_height is not None and max_height.is_cells else None
        return len(fitting(self.text, width, limit))

    def render(self) -> Text:
        lines = fitting(self.text, self.content_size.width, self.content_size.height or None)
        return Text("\n".join(lines), style="bold", no_wrap=True, overflow="crop")
