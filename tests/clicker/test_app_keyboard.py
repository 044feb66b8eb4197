"""With a remote set, the keyboard works exactly as before, and the remote's buttons do exactly
what the keyboard's keys do: the same words at the same moments, the same record saved."""

from __future__ import annotations

from session.clicker import Button, ClickerMapping
from session.engine import Phase
from session.records import SessionRecord
from store import Store
from tests.clicker.remote_rig import (
    QUIET,
    advance,
    asking,
    click,
    dialed,
    key_at,
    said_since,
    until_pain_question,
    with_clicker,
)
from tests.pilot import press, settle, wait_for
from tests.tui.conftest import T0, ManualClock, RigFactory, start_workout, wait_today
from tui.clicker.devices import DEVICES
from tui.screens.pain import PainScreen
from tui.screens.settings import SettingsScreen
from tui.screens.summary import SummaryScreen
from tui.screens.today import TodayScreen
from tui.voice import RecordingVoice

CLICKER = next(d for d in DEVICES if d.id == "presentation_clicker").mapping()


async def run(
    make_rig: RigFactory, mapping: ClickerMapping | None, keys: tuple[str, str, str], tag: str
) -> tuple[list[tuple[float, str]], SessionRecord]:
    """Pause at 8 s, resume at 11 s, stop for pain at 15 s, rate it 3 on the keyboard."""
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = make_rig(clock, voice=voice, settings=with_clicker(mapping), data_dir=None)
    rig_dir = rig.data_dir.with_name(f"data-{tag}")
    rig.data_dir.rename(rig_dir)
    rig = make_rig(clock, voice=voice, settings=None, data_dir=rig_dir)
    app = rig.app
    pause, resume, stop = keys
    async with app.run_test(size=(80, 24)) as pilot:
        await start_workout(pilot)
        for key, t in ((pause, T0 + 8.0), (resume, T0 + 11.0), (stop, T0 + 15.0)):
            await key_at(pilot, clock, key, t)
            await advance(pilot, clock, t + QUIET)
        assert isinstance(app.screen, PainScreen)
        await key_at(pilot, clock, "3", T0 + 17.0)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the summary")
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        (record,) = store.sessions()
    return [(at, text) for at, text, _ in voice.spoken], record


async def test_the_remote_does_what_space_and_x_do(make_rig: RigFactory) -> None:
    heard_keys, by_keys = await run(make_rig, None, ("space", "space", "x"), "keys")
    heard_remote, by_remote = await run(make_rig, CLICKER, ("pagedown", "pagedown", "pageup"), "r")
    dial = [(at, text) for at, text in heard_remote if text.startswith("Pain? ")]
    assert dial == [(T0 + 15.0, "Pain? Zero. Next for up, back for down, hold to confirm.")]
    assert [h for h in heard_remote if h not in dial] == heard_keys
    assert "Ready" in [text for _, text in heard_keys]  # the resume's lead-in
    same = {"id", "started_at"}
    assert by_remote.model_dump(exclude=same) == by_keys.model_dump(exclude=same)


async def test_the_keyboard_still_works_with_a_remote_set(make_rig: RigFactory) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = make_rig(clock, voice=voice, settings=with_clicker(CLICKER))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        runner = workout.runner
        assert runner is not None and workout.remote is not None
        await key_at(pilot, clock, "space", T0 + 8.0)
        assert runner.state.paused and voice.texts[-1] == "Paused."
        await key_at(pilot, clock, "space", T0 + 10.0)
        assert not runner.state.paused and voice.texts[-1] == "Ready"
        t = await until_pain_question(pilot, clock, T0 + 10.0)
        screen = app.screen
        assert isinstance(screen, PainScreen)
        t = await click(pilot, clock, "pagedown", t + 0.5)
        assert voice.texts[-1] == "One." and dialed(screen) == [1]
        # A digit answers at once, in the middle of dialling: it wins, nothing more is said.
        mark = len(voice.texts)
        await key_at(pilot, clock, "4", t + 0.5)
        assert app.screen is workout
        assert not any(text.endswith("Saved.") for text in said_since(voice, mark))
        # x in the rest stops for pain; the dial then starts from this session's last rating.
        mark = len(voice.texts)
        await key_at(pilot, clock, "x", t + 2.0)
        await wait_for(pilot, lambda: isinstance(app.screen, PainScreen), what="the question")
        await wait_for(pilot, lambda: asking(app.screen), what="the dial")
        assert said_since(voice, mark)[:2] == [
            "Stopping for pain. Rate the pain, zero to ten.",
            "Pain? Four. Next for up, back for down, hold to confirm.",
        ]
        screen = app.screen
        assert isinstance(screen, PainScreen) and dialed(screen) == [4]
        await key_at(pilot, clock, "t", t + 3.0)  # t: ten
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the summary")
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        (record,) = store.sessions()
    (first,) = record.sets
    assert first.pain == 10 and [(c.old, c.new) for c in first.pain_changes] == [(4, 10)]


async def test_the_remote_acts_only_on_the_workout_and_pain_screens(make_rig: RigFactory) -> None:
    clock = ManualClock()
    rig = make_rig(clock, settings=with_clicker(CLICKER))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_today(pilot)
        await press(pilot, "pagedown", "f5")  # Today: nothing starts, nothing opens
        assert isinstance(app.screen, TodayScreen)
        await press(pilot, "s")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen), what="settings")
        await settle(pilot)
        await press(pilot, "escape")  # the clicker's escape is still Settings' "back"
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), what="Today")
    rig.services.close()


async def test_without_a_remote_its_keys_do_nothing_in_a_set(make_rig: RigFactory) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = make_rig(clock, voice=voice)
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        assert workout.remote is None
        await advance(pilot, clock, T0 + 8.0)
        mark = len(voice.texts)
        for key in ("pagedown", "pageup", "escape", "media_play_pause"):
            await key_at(pilot, clock, key, T0 + 8.0)
        assert workout.runner is not None and not workout.runner.state.paused
        assert app.screen is workout and said_since(voice, mark) == []
    rig.services.close()


async def test_a_remote_that_cannot_confirm_pauses_and_stops_at_the_question(
    make_rig: RigFactory,
) -> None:
    """Keys that never repeat and no confirm button: no dial (it could never save); its buttons
    do at the question what they do in a set, and the rating is for the keyboard or the phone."""
    mapping = ClickerMapping(
        keys={"media_track_next": Button.NEXT, "media_track_previous": Button.BACK},
        repeat_delay=None,
    )
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = make_rig(clock, voice=voice, settings=with_clicker(mapping))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        runner = workout.runner
        assert runner is not None
        mark = len(voice.texts)
        t = await until_pain_question(pilot, clock, T0 + 8.0)
        assert not any(text.startswith("Pain? ") for text in said_since(voice, mark))
        screen = app.screen
        assert isinstance(screen, PainScreen) and dialed(screen) == []
        await key_at(pilot, clock, "media_track_next", t + 1)
        assert runner.state.paused and voice.texts[-1] == "Paused."
        await key_at(pilot, clock, "media_track_next", t + 2)
        assert not runner.state.paused
        await key_at(pilot, clock, "media_track_previous", t + 3)
        assert runner.state.phase is Phase.STOP_RATING
        assert voice.texts[-1] == "Stopping for pain. Rate the pain, zero to ten."
        await key_at(pilot, clock, "2", t + 4)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the summary")
    rig.services.close()
