"""The smallest supported window, and the notice shown over any screen below it.

At 60 columns by 20 rows and above every screen of a session shows every control and every
number: the footers' keys to "q End" and "q Quit", the pain scale to "10 (t)", the summary's
columns, the leg and the count in the block font, and the rest countdown above the pain box.
Below it, rather than cut any of that, the app covers the screen with `SizeGuard`: "make the
window bigger", with the size needed and the size now. The screen underneath keeps running
(the voice keeps counting, and every key still works: x, the pain keys, q), so a window made
small mid-set loses nothing.

A window narrower than 60 columns but at least 30 rows tall is phone-shaped (a phone in portrait
through `achilles serve`): it gets the phone layout (tui/phone.tcss, the class -narrow), which
stacks what does not fit side by side, down to 36 columns.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Static

MIN_SIZE = Size(60, 20)
"""The smallest supported window, columns x rows (README: "Window size")."""
PHONE_MIN_SIZE = Size(36, 30)
"""The smallest phone-shaped window (narrower than 60 columns): the phone layout."""


def needed(size: Size) -> Size | None:
    """The size the window needs, or None when `size` is big enough."""
    if size.width >= MIN_SIZE.width and size.height >= MIN_SIZE.height:
        return None
    if size.width < MIN_SIZE.width and size.height >= PHONE_MIN_SIZE.height:
        return None if size.width >= PHONE_MIN_SIZE.width else PHONE_MIN_SIZE
    return MIN_SIZE


def notice(size: Size, need: Size) -> str:
    """What the guard says, with the size needed and the size now (columns x rows)."""
    return (
        "Make the window bigger.\n\n"
        f"The coach needs at least {need.width} x {need.height} (columns x rows) to show "
        f"every number and every key; this window is {size.width} x {size.height}.\n\n"
        "Everything carries on underneath: the voice, the timers, and your keys."
    )


class SizeGuard(Static):
    """Covers its screen while the window is too small; hidden otherwise."""

    DEFAULT_CSS = """
    SizeGuard {
        overlay: screen;
        position: absolute;
        offset: 0 0;
        width: 100%;
        height: 100%;
        display: none;
        background: $warning 30%;
        color: $text;
        text-style: bold;
        padding: 1 2;
        content-align: center middle;
        text-align: center;
    }
    SizeGuard.-shown { display: block; }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False, id="size-guard")

    def show_for(self, size: Size) -> None:
        need = needed(size)
        if need is not None:
            self.update(notice(size, need))
        self.set_class(need is not None, "-shown")
