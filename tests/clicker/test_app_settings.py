"""The clicker in Settings, through the real app: learn its buttons (spoken and shown), pick a
kind of device, clear it; saved in the store with the other settings and used by the next
workout. Export and import keep it; settings saved before it existed still load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button as TextualButton
from textual.widgets import Select, Static

from session.clicker import Button
from store import Store
from tests.cli import achilles
from tests.clicker.remote_rig import key_at, with_clicker
from tests.pilot import plain, press, settle, tap, wait_for
from tests.tui.conftest import RIGHT_SORE, T0, ManualClock, RigFactory, start_workout, wait_today
from tui.clicker.devices import DEVICES
from tui.screens.clicker_learn import ClickerLearnScreen
from tui.screens.settings import SettingsScreen
from tui.screens.today import TodayScreen
from tui.voice import RecordingVoice
from tui.widgets.big_text import BigText
from tui.widgets.clicker_settings import ClickerSettings

FIRST = "Press the button to use for next: pause and resume, and up at the pain question."


async def open_settings(pilot: Pilot[Any]) -> SettingsScreen:
    await wait_today(pilot)
    await press(pilot, "s")
    app = pilot.app
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, SettingsScreen) and bool(app.screen.query(ClickerSettings)),
        what="the settings",
    )
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def open_learning(pilot: Pilot[Any]) -> ClickerLearnScreen:
    app = pilot.app
    await press(pilot, "l")
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, ClickerLearnScreen) and app.screen.learning is not None,
        what="the learning step",
    )
    screen = app.screen
    assert isinstance(screen, ClickerLearnScreen)
    return screen


def shown(screen: ClickerLearnScreen) -> tuple[str, str]:
    """The big line (the button asked for) and the words, as said."""
    big = screen.query_one("#learn-step", BigText).text
    return big, plain(screen.query_one("#learn-say", Static))


def now_row(settings: SettingsScreen) -> str:
    return plain(settings.query_one("#clicker-now", Static))


async def test_learn_the_buttons_in_settings_save_and_use_them(make_rig: RigFactory) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = make_rig(clock, voice=voice)
    app = rig.app
    async with app.run_test(size=(80, 30)) as pilot:
        settings = await open_settings(pilot)
        assert now_row(settings) == "none (the keyboard only)"
        # Escape: nothing learned, nothing changed.
        learn = await open_learning(pilot)
        assert voice.texts[-1] == FIRST and shown(learn) == ("Next", FIRST)
        await press(pilot, "escape")
        assert app.screen is settings and now_row(settings) == "none (the keyboard only)"
        # The whole step: a keyboard key refused, next, back, no third button, the hold.
        learn = await open_learning(pilot)
        await press(pilot, "space")
        refused = "Space is a keyboard key here already. Press another."
        assert voice.texts[-1] == refused and shown(learn) == ("Next", refused)
        clock.set(T0 + 2.0)
        await press(pilot, "pagedown")
        assert voice.texts[-1].startswith("Page down. Now the other button")
        assert shown(learn)[0] == "Back"
        clock.set(T0 + 4.0)
        await press(pilot, "pageup")
        assert shown(learn)[0] == "Confirm"
        clock.set(T0 + 14.5)  # no third button: after ten seconds it goes on without
        learn.tick()
        await settle(pilot)
        said = "None. Now hold the next button down for two seconds."
        assert voice.texts[-1] == said and shown(learn) == ("Hold", said)
        clock.set(T0 + 16.0)
        await press(pilot, "pagedown")
        assert isinstance(app.screen, ClickerLearnScreen)
        clock.set(T0 + 16.5)  # its first repeat: a repeat delay of half a second
        await press(pilot, "pagedown")
        await wait_for(pilot, lambda: app.screen is settings, what="the learned mapping")
        assert voice.texts[-1] == "Done. Next is page down, back is page up."
        learned = settings.query_one(ClickerSettings).read()
        assert learned is not None
        assert learned.keys == {"pagedown": Button.NEXT, "pageup": Button.BACK}
        assert learned.device == "Learned remote"
        # Keys are timed by when they arrived: a few milliseconds of the test's own pace.
        assert learned.repeat_delay == pytest.approx(0.5, abs=0.03)
        assert now_row(settings) == "Learned remote - next: page down; back: page up"
        with Store.open(rig.data_dir, write=False) as store:  # nothing saved before Save
            assert store.settings().clicker is None
        await press(pilot, "ctrl+s")
        await wait_today(pilot)
        with Store.open(rig.data_dir, write=False) as store:
            assert store.settings().clicker == learned
        # The next workout listens to it.
        workout = await start_workout(pilot)
        assert workout.remote is not None and workout.remote.mapping == learned
        await key_at(pilot, clock, "pagedown", T0 + 30.0)
        assert workout.runner is not None and workout.runner.state.paused
    rig.services.close()


async def test_pick_a_kind_of_device_or_none(make_rig: RigFactory) -> None:
    clicker = next(d for d in DEVICES if d.id == "presentation_clicker")
    headset = next(d for d in DEVICES if d.id == "headset")
    rig = make_rig(ManualClock(), settings=with_clicker(clicker.mapping()))
    app = rig.app
    async with app.run_test(size=(80, 30)) as pilot:
        settings = await open_settings(pilot)
        picker = settings.query_one("#clicker-kind", Select)
        assert picker.value == clicker.id
        assert now_row(settings).startswith("Presentation clicker - next: page down; back: page")
        picker.value = headset.id
        await settle(pilot)
        assert settings.query_one(ClickerSettings).read() == headset.mapping()
        assert now_row(settings) == (
            "Headset buttons - next: media track next; back: media track previous; "
            "confirm: media play pause (cannot be held)"
        )
        assert "play/pause confirms" in plain(settings.query_one("#clicker-kind-note", Static))
        await press(pilot, "ctrl+s")
        await wait_today(pilot)
        with Store.open(rig.data_dir, write=False) as store:
            assert store.settings().clicker == headset.mapping()
        settings = await open_settings(pilot)
        settings.query_one("#clicker-clear", TextualButton).press()
        await settle(pilot)
        assert now_row(settings) == "none (the keyboard only)"
        assert settings.query_one("#clicker-kind", Select).is_blank()
        tap(app, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), what="Today")
        await wait_today(pilot)
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        assert store.settings().clicker is None


def test_settings_without_a_clicker_load(tmp_path: Path) -> None:
    before = RIGHT_SORE.model_copy(update={"voice_rate": 150})
    with Store.open(tmp_path) as store:
        store.save_settings(before)
    path = tmp_path / "settings.json"
    doc = json.loads(path.read_text())
    for saved in doc["settings"].values():
        del saved["clicker"]  # as written before the clicker existed
    path.write_text(json.dumps(doc))
    with Store.open(tmp_path, write=False) as store:
        assert store.settings() == before and store.settings().clicker is None


def test_export_and_import_keep_the_clicker(tmp_path: Path) -> None:
    mapping = next(d for d in DEVICES if d.id == "page_turner").mapping()
    with Store.open(tmp_path / "a") as store:
        store.save_settings(with_clicker(mapping))
    backup = tmp_path / "backup.json"
    exported = achilles("--data-dir", tmp_path / "a", "export", "--format", "json", "--out", backup)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(backup.read_text())["settings"]["clicker"]["keys"]["right"] == "next"
    restored = achilles("--data-dir", tmp_path / "b", "import", backup)
    assert restored.returncode == 0, restored.stderr
    with Store.open(tmp_path / "b", write=False) as store:
        assert store.settings().clicker == mapping
