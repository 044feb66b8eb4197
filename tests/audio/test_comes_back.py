"""The voice comes back: the private sound server is killed (as a crash would) and started again.

The real speech thread (espeak-ng) plays with paplay or aplay to the private server. When the
server dies, the next cue fails; the voice says why in plain words (the sound server is not
running, and how to start it), forgets what was queued and checks the output every few seconds;
once the server is back, it reports so and speaks again, and the recording holds what it says.
The same through the real app: its mark shows while the server is down and goes when it is back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from session.records import Settings
from store import Store
from tests.audio.listen import Listener, from_raw, read_wav
from tests.audio.server import SoundServer
from tests.audio.session import SORE_RIGHT
from tests.tui.conftest import wait_for as wait_in_app
from tests.tui.conftest import wait_today
from tui.app import AchillesApp
from tui.clock import EngineClock
from tui.services import Services
from tui.voice import SpeechThread, VoiceStatus
from tui.voice.factory import voice_from_settings
from tui.voice.speech import RETRY_EVERY_S
from tui.voice.status import SERVER_DOWN, START_SERVER
from tui.widgets.voice_mark import VoiceMark

PLAYERS = pytest.mark.parametrize("player", [("paplay",), ("aplay", "-q")], ids=["paplay", "aplay"])


@pytest.fixture
def threads() -> Iterator[list[SpeechThread]]:
    made: list[SpeechThread] = []
    yield made
    for voice in made:
        voice.close()


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def say_and_hear(voice: SpeechThread, server: SoundServer, wavs: Path, text: str) -> float:
    """Say `text` while recording; the best score of its own WAV in the recording."""
    with server.recording() as recorder:
        recorder.wait_started()
        time.sleep(0.5)
        done: list[bool] = []
        voice.say(text, on_end=done.append)
        wait_for(lambda: bool(done), 10, f"{text!r} to end")
        time.sleep(0.3)
    assert done == [True], f"{text!r} was not played to its end"
    (timing,) = [t for t in voice.stats().timings if t.text == text][-1:]
    listener = Listener(
        from_raw(recorder.samples), recorder.origin, {text: read_wav(wavs / timing.wav)}
    )
    return float(listener.scores(text).max())


@PLAYERS
def test_after_the_sound_server_dies_and_returns_the_voice_speaks_again(
    sound_server: SoundServer, threads: list[SpeechThread], tmp_path: Path, player: tuple[str, ...]
) -> None:
    seen: list[VoiceStatus] = []
    wavs = tmp_path / "wavs"
    voice = SpeechThread(player=player, on_status=seen.append, workdir=wavs)
    threads.append(voice)
    assert voice.wait_ready(15).state == "ok"
    assert say_and_hear(voice, sound_server, wavs, "one") > 0.9

    sound_server.kill()
    ended: list[bool] = []
    voice.say("Single leg hop up.", on_end=ended.append)
    wait_for(lambda: voice.status.state == "unavailable", 5, "the voice to notice")
    status = voice.status
    assert status.reason is not None and SERVER_DOWN in status.reason, status.reason
    assert status.hint == START_SERVER and status.recovers
    assert "check that speakers" not in status.describe()
    assert ended == [False]
    voice.say("two", on_end=ended.append)  # while the server is down: not spoken, not kept
    assert ended == [False, False]

    time.sleep(RETRY_EVERY_S + 0.5)  # it keeps checking; still down
    assert voice.status.state == "unavailable" and voice.alive
    sound_server.start()
    back = time.monotonic()
    wait_for(lambda: voice.status.state == "ok", RETRY_EVERY_S + 5, "the voice to come back")
    assert time.monotonic() - back < RETRY_EVERY_S + 1.5
    assert [s.state for s in seen] == ["ok", "unavailable", "ok"]
    assert say_and_hear(voice, sound_server, wavs, "three") > 0.9
    assert voice.stats().outages == 1


async def test_the_app_marks_the_voice_off_while_the_server_is_down(
    sound_server: SoundServer, tmp_path: Path
) -> None:
    with Store.open(tmp_path / "data") as store:
        store.save_settings(SORE_RIGHT)  # Enter starts the circuit (part 1 off)
    voices: list[SpeechThread] = []

    def factory(settings: Settings, on_status: Callable[[VoiceStatus], None]) -> SpeechThread:
        voices.append(voice_from_settings(settings, on_status, player=("paplay",)))
        return voices[-1]

    services = Services(
        data_dir=tmp_path / "data", clock=EngineClock.started(1.0), voice_factory=factory
    )
    app = AchillesApp(services)

    def marked() -> bool:
        # A screen just pushed (the workout) has no mark until it is composed.
        marks = app.screen.query(VoiceMark)
        return any(bool(m.display) and "NO VOICE" in str(m.render()) for m in marks)

    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_today(pilot)
            await wait_in_app(pilot, lambda: voices[-1].status.state == "ok", timeout=15)
            assert not marked()
            sound_server.kill()
            app.simulate_key("enter")  # the announcement is the first cue to fail
            await wait_in_app(pilot, marked, timeout=10, what="the mark")
            sound_server.start()
            await wait_in_app(
                pilot, lambda: not marked(), timeout=RETRY_EVERY_S + 5, what="the mark to go"
            )
            assert voices[-1].status.state == "ok"
            spoken = voices[-1].spoken
            await wait_in_app(pilot, lambda: voices[-1].spoken > spoken, timeout=5)
            app.exit()
    finally:
        services.close()
