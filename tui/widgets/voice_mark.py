"""The mark that stays on screen while the voice is off, and the reason one key (v) away.

A runner two metres away hears nothing when the sound fails; a notice that fades after a few
seconds is easily missed. So while the voice is unavailable or muted, Today, the workout and the
pain rating show a small mark in the top right corner ("NO VOICE · v why"); it goes as soon as
the voice is back. Each screen yields one `VoiceMark`, which watches the app's `voice_condition`
(set from the speech thread's status messages and the mute key); `v` opens `VoiceWhyScreen`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

if TYPE_CHECKING:  # the voice package loads pydantic: not before Today's first frame
    from tui.voice.status import VoiceStatus

WHY_KEY = "v"
CLOSE_AFTER_S = 15.0
"""The reason closes by itself: nothing may need a key press mid-set."""
COMES_BACK = "The voice comes back by itself as soon as the sound works again."


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
    def label(self) -> str:
        if not self.shown:
            return ""
        word = "NO VOICE" if self.state == "unavailable" else "VOICE MUTED"
        return f" {word} · {WHY_KEY} why "

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
    """

    def __init__(self) -> None:
        super().__init__("", markup=False, id="voice-mark", classes="-clear")

    def on_mount(self) -> None:
        self.watch(self.app, "voice_condition", self._show, init=True)

    def _show(self, condition: VoiceCondition) -> None:
        self.update(condition.label)
        self.set_class(not condition.shown, "-clear")


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
