"""What the voice reports about itself: whether it can speak and, if not, why and how to fix it.

The TUI shows `describe()` once when the voice is unavailable and falls back to captions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

VoiceState = Literal["starting", "ok", "unavailable", "off"]

INSTALL_ESPEAK = "install espeak-ng: sudo apt-get install espeak-ng"
REINSTALL_ESPEAK = "reinstall espeak-ng: sudo apt-get install --reinstall espeak-ng"
INSTALL_PLAYER = (
    "install an audio player: sudo apt-get install alsa-utils "
    "(or pulseaudio-utils / pipewire-bin), or set ACHILLES_AUDIO_PLAYER"
)
CHECK_AUDIO = "check that speakers or headphones are connected, then run `achilles voice`"
NO_AUDIO = "no working audio output"
SERVER_DOWN = "the sound server is not running"
START_SERVER = (
    "start the sound server: pulseaudio --start "
    "(with PipeWire: systemctl --user start pipewire pipewire-pulse)"
)


@dataclass(frozen=True, slots=True)
class VoiceStatus:
    """`reason` and `hint` are plain English for the runner; None when there is nothing to say.

    A voice that is "ok" may still carry a reason (e.g. the chosen voice is not installed and the
    default is used instead). `recovers`: the voice keeps checking the audio output and speaks
    again by itself once it works (an unavailable sound server or speaker, not a missing engine).
    """

    state: VoiceState
    reason: str | None = None
    hint: str | None = None
    recovers: bool = False

    @property
    def can_speak(self) -> bool:
        """True while starting or ok: cues are worth enqueueing."""
        return self.state in ("starting", "ok")

    def describe(self) -> str:
        """One plain line: "Voice ready." or "No voice: <reason>. To get it: <hint>."."""
        if self.state == "ok":
            return f"Voice ready ({self.reason})." if self.reason else "Voice ready."
        if self.state == "starting":
            return "Voice starting..."
        label = "Voice off" if self.state == "off" else "No voice"
        text = f"{label}: {self.reason}." if self.reason else f"{label}."
        if self.hint:
            text += f" To get it: {self.hint}."
        return text
