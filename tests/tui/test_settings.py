"""Settings: choices are validated, saved in the store and applied to the voice at once."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from session.records import Settings
from store import Store
from tests.pilot import leaving, press, settle, text_of, wait_for
from tests.tui.conftest import ManualClock, RigFactory, wait_today
from tui.screens.settings import SettingsScreen, ordered_voices, system_language
from tui.voice import RecordingVoice


async def test_settings_pick_a_voice_and_a_rate_and_save_them(
    make_rig: RigFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    voice = RecordingVoice()
    voice.voices = [
        ("gmw/af", "Afrikaans"),
        ("gmw/en", "English (Great Britain)"),
        ("gmw/en-US", "English (America)"),
    ]
    rig = make_rig(ManualClock(1000.0), voice=voice)
    async with rig.app.run_test(size=(80, 40)) as pilot:
        await wait_today(pilot)
        from textual.widgets import Input, OptionList, Select

        await press(pilot, "s")
        app = pilot.app
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, SettingsScreen) and bool(app.screen.query(OptionList)),
            what="the settings",
        )
        await settle(pilot)  # the Selects' own parts (and the Header's) mount after them
        screen = app.screen
        assert isinstance(screen, SettingsScreen)

        picker = screen.query_one("#voice-id", Select)
        shown = picker.query_one(OptionList).options
        assert [str(option.prompt) for option in shown[1:]] == [
            "English (America)",  # the system's language and region first
            "English (Great Britain)",
            "Afrikaans",
        ]
        picker.value = "gmw/en"
        await settle(pilot)
        # Picked, it says a few words at once, so the runner hears what they chose.
        assert voice.texts[-1] == "Right leg. Three, two, one, go."
        assert voice.settings["voice_id"] == "gmw/en"
        rate = screen.query_one("#voice-rate", Input)
        for wrong in ("400", "fast"):
            rate.value = wrong
            await press(pilot, "ctrl+s")
            assert text_of(app, "#settings-error") == "Voice speed: 80 to 320 words a minute."
            assert isinstance(pilot.app.screen, SettingsScreen)  # nothing saved
        rate.value = "170"
        screen.query_one("#voice-volume", Input).value = "1.5"
        await press(pilot, "ctrl+s")
        assert text_of(app, "#settings-error") == "Voice volume: 0 to 1 (1 is full volume)."
        screen.query_one("#voice-volume", Input).value = "1"
        rate.value = "150"
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: voice.settings.get("rate") == 150, what="the new settings")
        assert voice.settings == {"rate": 150, "volume": 1.0, "voice_id": "gmw/en"}
        await wait_today(pilot)  # back on Today, which has loaded its plan again
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        saved = store.settings()
    assert (saved.voice_rate, saved.voice_id, saved.sore_side) == (150, "gmw/en", "right")


async def test_ctrl_c_quits_like_any_terminal_program(make_rig: RigFactory) -> None:
    rig = make_rig(ManualClock(1000.0))
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await wait_today(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert leaving(rig.app)


def test_the_voices_of_the_systems_language_come_first() -> None:
    voices = [
        ("gmw/af", "Afrikaans"),
        ("gmw/de", "German"),
        ("gmw/en-US", "English (America)"),
        ("gmw/en", "English (Great Britain)"),
        ("gmw/en-GB-scotland", "English (Scotland)"),
        ("roa/fr", "French"),
    ]
    assert system_language({"LANG": "en_GB.UTF-8"}) == ("en", "gb")
    assert system_language({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}) == ("de", "de")
    assert system_language({"LANG": "C.UTF-8"}) == ("en", None)  # the cues are English
    assert system_language({}) == ("en", None)
    names = [name for name, _ in ordered_voices(voices, ("en", "gb"))]
    assert names == [
        "English (Scotland)",  # en-GB: the region too
        "English (America)",
        "English (Great Britain)",
        "Afrikaans",
        "French",
        "German",
    ]
    names = [name for name, _ in ordered_voices(voices, ("de", "de"))]
    assert names[0] == "German" and names[1:] == sorted(names[1:])


async def test_counts_kept_from_a_session_are_shown_and_can_be_dropped(
    make_rig: RigFactory,
) -> None:
    kept = Settings(sore_side="right", kept_cadences={"hop_up": 1.0})
    rig = make_rig(ManualClock(1000.0), settings=kept)
    async with rig.app.run_test(size=(80, 40)) as pilot:
        await wait_today(pilot)
        await press(pilot, "s")
        app = pilot.app
        await wait_for(pilot, lambda: bool(app.screen.query("#kept-counts")), what="settings")
        assert text_of(app, "#kept-counts") == (
            "Counts kept from a session: Single Leg Hop Up 1.0 s per rep."
        )
        app.screen.query_one("#forget-counts", Button).press()
        await settle(pilot)
        assert text_of(app, "#kept-counts") == "Back to the program's counts once you save."
        await press(pilot, "ctrl+s")
        await wait_today(pilot)
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        assert store.settings().kept_cadences == {}
