"""The mark that stays on screen while the voice is off, and the reason one key (v) away.

A runner two metres away hears nothing when the sound fails; a notice that fades after a few
seconds is easily missed. So while the voice is unavailable or muted, Today, the workout and the
pain rating show a small mark in the top right corner ("NO VOICE · v why"; in a window under 80
columns just "NO VOICE", so that the status beside it, or the title under it, is not covered);
it goes as soon as the voice is back. The workout and the tests have a fixed spot for it at the
right end of their status bar (`MarksBar`); the pain box's mark sits exactly over the workout's.
Each screen yields one `VoiceMark`, which watches the app's `voice_condition` (set from the
speech thread's status messages and the mute key); `v` opens `VoiceWhyScreen`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widgets import Static

if TYPE_CHECKING:  # the voice package loads pydantic: not before Today's first frame
    from tui.voice.status import VoiceStatus

WHY_KEY = "v"
CLOSE_AFTER_S = 15.0
"""The reason closes by itself: nothing may need a key press mid-set."""
COMES_BACK = "The voice comes back by itself as soon as the sound works again."
COMPACT_BELOW = 80
"""Window columns under which the mark leaves out "v why" (the key works all the same)."""


@dataclass(frozen=True, slots=True)
class VoiceCondition:
    """What the mark shows: the voice's state, its own words about it, and the mute key."""

    state: str = "starting"
    description: str = ""
    recovers: bool = False
    muted: bool = False

    @classmethod
    def of(cls, status: VoiceStatus, muted: bool) -> VoiceCondition:
        return cls(status.state, status.describe(), status.recovers, muted)

    @property
    def shown(self) -> bool:
        """Unavailable (no sound, no engine) or muted. Off by choice (--no-voice, settings) and
        starting up are not worth a mark."""
        return self.muted or self.state == "unavailable"

    @property
    def word(self) -> str:
        return "NO VOICE" if self.state == "unavailable" else "VOICE MUTED"

    @property
    def label(self) -> str:
        return f" {self.word} · {WHY_KEY} why " if self.shown else ""

    @property
    def short_label(self) -> str:
        """Without the key (it works all the same), where columns are few."""
        return f" {self.word} " if self.shown else ""

    def explain(self) -> str:
        """The reason and what to do, in plain words."""
        if self.state == "unavailable":
            text = self.description
            if self.recovers:
                text += " " + COMES_BACK
            return text + " Meanwhile every cue is shown on screen, and countdowns ring the bell."
        if self.muted:
            return "You muted the voice. Press m during a session to turn it back on."
        return self.description


class VoiceMark(Static):
    """A one-line mark in the top right corner, above the screen's own widgets."""

    # Its own layer, so docking it takes no column from the screen's layout (unscoped, for the
    # Screen rule; "default" is the layer every other widget is on).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    Screen { layers: default voice-mark; }
    VoiceMark {
        layer: voice-mark;
        dock: right;
        width: auto;
        height: 1;
        background: $warning;
        color: $text;
        text-style: bold;
    }
    VoiceMark.-clear { display: none; }
    /* In a status bar (MarksBar): in the row's flow, at its right end. */
    MarksBar VoiceMark { dock: none; layer: default; }
    """

    compact: var[bool] = var(False)
    """The short label (no "v why"), in a window under `COMPACT_BELOW` columns."""

    def __init__(self) -> None:
        super().__init__("", markup=False, id="voice-mark", classes="-clear")
        self._condition = VoiceCondition()

    def on_mount(self) -> None:
        self._fit()
        # A docked mark's own size does not follow the window's; its screen's layout does.
        self.screen.screen_layout_refresh_signal.subscribe(self, lambda _: self._fit())
        self.watch(self.app, "voice_condition", self._show, init=True)

    def _fit(self) -> None:
        self.compact = self.app.size.width < COMPACT_BELOW

    def watch_compact(self) -> None:
        self._show(self._condition)

    def _show(self, condition: VoiceCondition) -> None:
        self._condition = condition
        self.update(condition.short_label if self.compact else condition.label)
        self.set_class(not condition.shown, "-clear")


class MarksBar(Horizontal):
    """A one-row status bar with the fixed spot for a voice mark at its right end (in the row's
    flow rather than over it): the status beside it gives way (`ViewText`'s short form)."""


class VoiceWhyScreen(ModalScreen[None]):
    """Why there is no voice, and how to get it back; any key closes it, or it closes itself."""

    DEFAULT_CSS = """
    VoiceWhyScreen { align: center middle; }
    #voice-why { width: 70; max-width: 100%; height: auto; padding: 1 2;
                 background: $panel; border: thick $warning; }
    #voice-why-close { color: $text-muted; padding: 1 0 0 0; }
    """
    BINDINGS = [Binding("escape,enter,space,v", "close", "Close")]

    def __init__(self, condition: VoiceCondition) -> None:
        super().__init__()
        self.condition = condition

    def compose(self) -> ComposeResult:
        with Vertical(id="voice-why"):
            yield Static(self.condition.explain(), id="voice-why-text", markup=False)
            yield Static("Any key closes this.", id="voice-why-close")

    def on_mount(self) -> None:
        self.set_timer(CLOSE_AFTER_S, self.action_close)

    def on_key(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        if self.is_active:
            self.dismiss(None)
