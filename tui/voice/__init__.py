"""The voice: spoken coaching that never blocks the UI and never writes to the terminal.

    voice = SpeechThread(rate=..., volume=..., voice_id=..., on_status=...)
    voice.say("Seven", priority=Priority.NORMAL, stale_at=next_rep_time, kind=CueKind.REP)

Modules: `status` (what the voice reports), `cues` (the priority queue and staleness), `render`
(pyttsx3 text to WAV, the only code touching the engine), `player` (the audio player subprocess),
`speech` (the thread), `recording` (voices without audio), `protocol` (the `Voice` the TUI uses).
"""

from session.effects import CueKind, Priority
from tui.voice.player import PLAYER_ENV, AudioUnavailable, find_player
from tui.voice.protocol import Voice, say_effect
from tui.voice.recording import RecordingVoice, SilentVoice
from tui.voice.render import VoiceUnavailable, list_voices, render_to_wav
from tui.voice.speech import CueTiming, SpeechThread, VoiceStats
from tui.voice.status import VoiceState, VoiceStatus

__all__ = [
    "PLAYER_ENV",
    "AudioUnavailable",
    "CueKind",
    "CueTiming",
    "Priority",
    "RecordingVoice",
    "SilentVoice",
    "SpeechThread",
    "Voice",
    "VoiceState",
    "VoiceStats",
    "VoiceStatus",
    "VoiceUnavailable",
    "find_player",
    "list_voices",
    "render_to_wav",
    "say_effect",
]
