"""Settings: choices are validated, saved in the store and applied to the voice at once."""

from __future__ import annotations

from store import Store
from tests.pilot import leaving, press, settle, wait_for
from tests.tui.conftest import ManualClock, RigFactory, wait_today
from tui.screens.settings import SettingsScreen
from tui.voice import RecordingVoice


async def test_settings_pick_a_voice_and_a_rate_and_save_them(make_rig: RigFactory) -> None:
    voice = RecordingVoice()
    voice.voices = [("english-us", "English (America)"), ("en-gb", "English (Great Britain)")]
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
            "English (America)",
            "English (Great Britain)",
        ]
        picker.value = "en-gb"
        rate = screen.query_one("#voice-rate", Input)
        rate.value = "400"
        await press(pilot, "ctrl+s")
        assert "voice_rate" in str(screen.query_one("#settings-error").render())
        assert isinstance(pilot.app.screen, SettingsScreen)  # nothing saved: out of range
        rate.value = "150"
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: voice.settings.get("rate") == 150, what="the new settings")
        assert voice.settings == {"rate": 150, "volume": 1.0, "voice_id": "en-gb"}
        await wait_today(pilot)  # back on Today, which has loaded its plan again
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        saved = store.settings()
    assert (saved.voice_rate, saved.voice_id, saved.sore_side) == (150, "en-gb", "right")


async def test_ctrl_c_quits_like_any_terminal_program(make_rig: RigFactory) -> None:
    rig = make_rig(ManualClock(1000.0))
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await wait_today(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert leaving(rig.app)
