"""Without espeak-ng the app still coaches a whole session: captions, bells, one plain reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from session.records import SessionStatus, Settings
from store import Store
from tests.pilot import text_of
from tests.tui.conftest import FIXED_NOW, PART1_OFF, start_workout
from tests.tui.test_session_flow import quit_from_summary, rate_sets, stored
from tui.app import make_app
from tui.screens.summary import SummaryScreen
from tui.voice import SpeechThread, VoiceStatus


def no_espeak() -> Any:
    # What pyttsx3.init() raises on a machine without the espeak-ng library.
    raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")


async def test_a_session_runs_on_captions_and_says_once_why_there_is_no_voice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path) as store:
        store.save_settings(Settings(sore_side="left", strength=PART1_OFF))
    voices: list[SpeechThread] = []

    def real_thread_without_espeak(settings: Settings, on_status: Any) -> SpeechThread:
        voice = SpeechThread(on_status=on_status, engine_factory=no_espeak, player=["true"])
        voices.append(voice)
        return voice

    app = make_app(
        data_dir=tmp_path,
        time_scale=150,
        wall=lambda: FIXED_NOW,
        voice_factory=real_thread_without_espeak,
    )
    services = app.services
    notices: list[str] = []
    bells: list[None] = []
    real_notify = app.notify
    monkeypatch.setattr(app, "bell", lambda: bells.append(None))
    monkeypatch.setattr(
        app, "notify", lambda message, **kw: (notices.append(message), real_notify(message, **kw))
    )
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await start_workout(pilot)
            await rate_sets(pilot, [1, 2, 1])
            assert isinstance(app.screen, SummaryScreen)
            assert text_of(app, "#summary-status") == "Session complete. Well done."
            await quit_from_summary(pilot)
    finally:
        services.close()

    status: VoiceStatus = voices[0].status
    assert status.state == "unavailable"
    about_voice = [n for n in notices if n.startswith("No voice")]
    assert about_voice == [
        f"No voice: {status.reason}. To enable it: {status.hint}. "
        "Every cue is shown as a caption instead."
    ]
    assert "espeak-ng" in about_voice[0]
    assert "sudo apt-get install espeak-ng" in about_voice[0]
    # Countdown words ring the bell; at 150x several words share one tick, so count legs.
    assert len(bells) >= 3 * 2
    (record,) = stored(tmp_path)
    assert record.status is SessionStatus.COMPLETED
    assert [s.pain for s in record.sets] == [1, 2, 1]
