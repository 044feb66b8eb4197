"""The keep-awake setting: "auto" by default, chosen in Settings, saved, and given to the voice."""

from __future__ import annotations

from textual.widgets import Select

from session.records import Settings
from store import Store
from tests.pilot import press, settle, wait_for
from tests.tui.conftest import ManualClock, RigFactory, make_rig, wait_today
from tui.screens.settings import SettingsScreen

__all__ = ["make_rig"]


def test_auto_is_the_default_and_old_settings_read_as_auto() -> None:
    assert Settings().keep_audio_awake == "auto"
    assert Settings.model_validate({"sore_side": "left"}).keep_audio_awake == "auto"


async def test_settings_choose_it_save_it_and_tell_the_voice(make_rig: RigFactory) -> None:
    rig = make_rig(ManualClock(1000.0))
    async with rig.app.run_test(size=(80, 40)) as pilot:
        await wait_today(pilot)
        await press(pilot, "s")
        app = pilot.app
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, SettingsScreen) and bool(app.screen.query("#keep-awake"))
            ),
            what="the settings",
        )
        await settle(pilot)  # the Select's own parts mount after it
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        picker = screen.query_one("#keep-awake", Select)
        assert picker.value == "auto"
        picker.value = "on"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsScreen), what="saving")
        await settle(pilot)
        assert rig.voice.keep_awake == "on"
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        assert store.settings().keep_audio_awake == "on"
