"""The keys each kind of remote sends, as Textual reports them (`events.Key.key`), as data.

`SEQUENCES` is what a terminal (xterm, VTE, tmux, xterm.js in the served page) writes for each
key, and what Textual's input parser turns into the key name: the tests feed these bytes through
the parser and send the names with Pilot, so every name here is one Textual really delivers.
"""

from __future__ import annotations

from dataclasses import dataclass

from session.clicker import Button, ClickerMapping

SEQUENCES: dict[str, str] = {
    "pagedown": "\x1b[6~",
    "pageup": "\x1b[5~",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "down": "\x1b[B",
    "up": "\x1b[A",
    "b": "b",
    "full_stop": ".",
    "f5": "\x1b[15~",
    "shift+f5": "\x1b[15;2~",
    "escape": "\x1b",
    "enter": "\r",
    "space": " ",
    # Media keys: only through the kitty keyboard protocol, which Textual turns on; sent by
    # kitty, WezTerm, foot and Ghostty when the desktop does not keep the media keys for itself.
    "media_play_pause": "\x1b[57430u",
    "media_track_next": "\x1b[57435u",
    "media_track_previous": "\x1b[57436u",
    "raise_volume": "\x1b[57439u",
    "lower_volume": "\x1b[57438u",
}
"""Key name -> the bytes a terminal sends for it."""


@dataclass(frozen=True, slots=True)
class DeviceKind:
    id: str
    name: str
    next: tuple[str, ...]
    back: tuple[str, ...]
    confirm: tuple[str, ...]
    repeats: bool
    """Its keys repeat when held (a system keyboard key does; media keys do not)."""
    note: str

    def mapping(self) -> ClickerMapping:
        """A starting mapping for this kind (the learning step measures the real one)."""
        keys = {key: Button.CONFIRM for key in self.confirm}
        keys |= {key: Button.BACK for key in self.back}
        keys |= {key: Button.NEXT for key in self.next}
        return ClickerMapping(
            keys=keys, device=self.name, repeat_delay=0.66 if self.repeats else None
        )


DEVICES: tuple[DeviceKind, ...] = (
    DeviceKind(
        id="presentation_clicker",
        name="Presentation clicker",
        next=("pagedown",),
        back=("pageup",),
        confirm=("b", "full_stop", "f5", "shift+f5", "escape"),
        repeats=True,
        note="Logitech R400/R500/Spotlight, Kensington and most USB or Bluetooth slide "
        "clickers: next/back are Page Down/Page Up; the 'start show' button sends F5 or "
        "Shift+F5 (then Escape), the 'blank screen' button b or a full stop.",
    ),
    DeviceKind(
        id="page_turner",
        name="Page turner or foot pedal",
        next=("pagedown", "right", "down"),
        back=("pageup", "left", "up"),
        confirm=(),
        repeats=True,
        note="Bluetooth page turners and foot pedals (AirTurn, PageFlip, generic) send Page "
        "Down/Up or the arrow keys, by the mode chosen on the device. Their Space/Enter mode "
        "clashes with the keyboard's keys: pick another mode.",
    ),
    DeviceKind(
        id="headset",
        name="Headset buttons",
        next=("media_track_next",),
        back=("media_track_previous",),
        # Its keys cannot be held (they never repeat), so play/pause is the confirm button: it
        # pauses and resumes during a set as next does, and saves a pain rating.
        confirm=("media_play_pause",),
        repeats=False,
        note="Next track / previous track step a pain rating up and down, play/pause confirms "
        "it; during a set play/pause (or next) pauses and previous stops for pain. Media keys "
        "reach the app only in a terminal that speaks the kitty keyboard protocol (kitty, "
        "WezTerm, foot, Ghostty) and only if the desktop does not take them for its media "
        "player; never through the browser page. They cannot be held.",
    ),
)

KEYBOARD_KEYS: frozenset[str] = frozenset(
    {"space", "n", "plus", "equals_sign", "minus", "m", "p", "q", "t", "x", "u", "v", "enter"}
    | {str(digit) for digit in range(10)}
    | {"ctrl+c", "ctrl+q"}
)
"""Keys the workout and pain screens (and the app's voice mark) bind today: a remote never takes
them. The learning step reserves these and whatever those screens bind
(`tui.screens.clicker_learn.reserved_keys`)."""
