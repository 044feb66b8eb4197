"""A table that draws only the rows on screen: ten years of sessions open as fast as one week.

Textual's DataTable measures every cell of every row it is given (measured: ~2 s for 1,560
sessions x 6 columns on this machine), so the History screen uses this instead: rows of short,
plain cells with a style each, fixed column widths worked out once from the text, a header that
stays put, a row cursor (arrows, Page Up/Down, Home/End, mouse) and Enter to open a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cell = tuple[str, str]
"""A cell's text and its rich style ("" for none)."""
GAP = 2


@lru_cache(maxsize=64)
def _style(text: str) -> Style:
    return Style.parse(text) if text else Style()


class SessionTable(ScrollView, can_focus=True):
    """Rows of styled cells, keyed; posts `SessionTable.Selected` on Enter or a click."""

    COMPONENT_CLASSES = {
        "session-table--header",
        "session-table--cursor",
        "session-table--odd",
    }
    DEFAULT_CSS = """
    SessionTable { height: 1fr; background: $surface; }
    SessionTable > .session-table--header { text-style: bold; background: $panel; }
    SessionTable > .session-table--odd { background: $surface-lighten-1; }
    SessionTable > .session-table--cursor { background: $panel-lighten-2; text-style: bold; }
    SessionTable:focus > .session-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open session"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Selected(Message):
        """A row was chosen (Enter or a click on it)."""

        def __init__(self, table: SessionTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: tuple[str, ...] = ()
        self.right: frozenset[int] = frozenset()
        self.widths: list[int] = []
        self.rows: list[tuple[Cell, ...]] = []
        self.keys: list[str] = []

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        keys: Sequence[str],
        *,
        right: Sequence[str] = (),
    ) -> None:
        """Replace the contents. `right` names the columns aligned to the right."""
        self.columns = tuple(columns)
        self.right = frozenset(self.columns.index(name) for name in right)
        self.rows = [tuple(r) for r in rows]
        self.keys = list(keys)
        self.widths = [cell_len(c) for c in self.columns]
        for row in self.rows:
            for i, (text, _) in enumerate(row):
                n = cell_len(text)
                if n > self.widths[i]:
                    self.widths[i] = n
        width = sum(self.widths) + GAP * len(self.widths)
        self.virtual_size = Size(width, len(self.rows) + 1)
        self.cursor = min(self.cursor, max(len(self.rows) - 1, 0))
        self.refresh()

    # --------------------------------------------------------------------------- drawing

    def _line(self, cells: Sequence[Cell], base: Style) -> list[Segment]:
        segments = [Segment(" " * (GAP // 2), base)]
        for i, ((text, style), width) in enumerate(zip(cells, self.widths, strict=True)):
            pad = " " * (width - cell_len(text))
            padded = pad + text if i in self.right else text + pad
            segments.append(Segment(padded, base + _style(style)))
            segments.append(Segment(" " * GAP, base))
        return segments

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        if y == 0:
            base = self.get_component_rich_style("session-table--header")
            cells = tuple((name, "") for name in self.columns)
        else:
            index = scroll_y + y - 1
            if index >= len(self.rows):
                return Strip.blank(width, self.rich_style)
            if index == self.cursor:
                base = self.get_component_rich_style("session-table--cursor")
            elif index % 2:
                base = self.get_component_rich_style("session-table--odd")
            else:
                base = self.rich_style
            cells = self.rows[index]
        strip = Strip(self._line(cells, base))
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    # --------------------------------------------------------------------------- cursor

    @property
    def _page(self) -> int:
        return max(self.size.height - 1, 1)

    def watch_cursor(self, cursor: int) -> None:
        top = round(self.scroll_y)
        if cursor < top:
            self.scroll_to(y=cursor, animate=False)
        elif cursor >= top + self._page:
            self.scroll_to(y=cursor - self._page + 1, animate=False)
        self.refresh()

    def action_move(self, delta: int) -> None:
        if self.rows:
            self.cursor = min(max(self.cursor + delta, 0), len(self.rows) - 1)

    def action_page(self, direction: int) -> None:
        self.action_move(direction * self._page)

    def action_jump(self, index: int) -> None:
        if self.rows:
            self.cursor = index % len(self.rows)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.keys[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= index < len(self.rows):
            self.cursor = index
            self.action_select()
