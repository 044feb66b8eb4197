"""The back-to-speed-work screens through the real app (Pilot) on a real store: the run log, the
tests coached by voice (a ManualClock, so every cue's moment is exact), the count, and the
VISA-A-based questionnaire; and Today's speed-work block."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Select, SelectionList, Static

import tui.screens.tests as tests_screen
from session.events import Tick
from session.workout.functional import next_trial_due
from store import Store
from tests.pilot import plain, press, settle, wait_for
from tests.tui.conftest import FIXED_NOW, RIGHT_SORE, T0, ManualClock, Rig, RigFactory, wait_today
from tui.app import make_app
from tui.screens.checkin import CheckInScreen
from tui.screens.count import CountScreen
from tui.screens.questionnaire import QuestionnaireScreen
from tui.screens.run_log import RunLogScreen
from tui.screens.today import TodayScreen
from tui.screens.trial import TrialScreen
from tui.voice import RecordingVoice


def moving_rig(make_rig: RigFactory, clock: ManualClock, voice: RecordingVoice) -> Rig:
    """An app whose wall clock moves with the manual clock (FIXED_NOW at T0): a test's result is
    stamped with the moment it ends, and the screens read it back as of then."""
    data_dir = make_rig.tmp_path / "data"
    with Store.open(data_dir) as store:
        store.save_settings(RIGHT_SORE)
    app = make_app(
        data_dir=data_dir,
        clock=clock,
        wall=lambda: FIXED_NOW + dt.timedelta(seconds=clock.t - T0),
        voice_factory=lambda settings, on_status: voice,
    )
    rig = Rig(app, app.services, voice, clock, data_dir)
    make_rig.made.append(rig)
    return rig


def text(screen: Screen[Any], selector: str) -> str:
    return plain(screen.query_one(selector, Static))


async def on_top(pilot: Pilot[None], kind: type[Screen[Any]]) -> Any:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind), what=kind.__name__)
    return pilot.app.screen


# --- the run log -------------------------------------------------------------------------------


async def open_run_log(pilot: Pilot[None], *, offered_checkin: bool = False) -> RunLogScreen:
    if offered_checkin:  # the morning after a run: the check-in comes first, once
        await on_top(pilot, CheckInScreen)
        await press(pilot, "escape")
    await wait_today(pilot)
    await press(pilot, "l")
    screen: RunLogScreen = await on_top(pilot, RunLogScreen)
    await wait_for(pilot, lambda: screen.form is not None, what="the run form")
    await settle(pilot)
    return screen


async def test_a_run_logged_from_today_is_saved_and_says_what_it_means(
    make_rig: RigFactory,
) -> None:
    rig = make_rig(ManualClock())
    async with rig.app.run_test(size=(80, 24)) as pilot:
        screen = await open_run_log(pilot)
        # A slip first: pain 12. Explained, its field focused, nothing saved.
        await press(pilot, "4", "0", "tab", "tab", "tab", "7", ".", "5", "tab", "1", "2", "enter")
        await wait_for(pilot, lambda: "outside the scale" in text(screen, "#run-error"))
        assert text(screen, "#run-error") == "pain during: 12 is outside the scale; enter 0 to 10."
        assert pilot.app.focused is screen.query_one("#run-pain")
        with Store.open(rig.data_dir, write=False) as store:
            assert store.runs() == []
        # Correct it, an hour-after rating, two calming measures ticked, a note.
        await press(pilot, "backspace", "backspace", "2", "tab", "1", "tab")
        measures = screen.query_one("#run-measures", SelectionList)
        assert pilot.app.focused is measures
        await press(pilot, "down", "down", "space", "down", "down", "space")
        await press(pilot, "tab", *"windy", "enter")
        await wait_for(pilot, lambda: screen.logged is not None, what="the run to be saved")
        await settle(pilot)
        assert text(screen, "#run-saved") == "Saved: your easy run on Mon 10 Mar (40 min)."
        advice = text(screen, "#run-advice")
        assert "No morning check-in since your easy run on Mon 10 Mar (40 min)" in advice
        assert "Easy running only for now." in advice
    with Store.open(rig.data_dir, write=False) as store:
        (run,) = store.runs()
    assert (run.kind, run.minutes, run.distance_km, run.pain_during, run.pain_after) == (
        "easy",
        40,
        7.5,
        2,
        1,
    )
    assert run.calming == ("heel_lift", "slow_pace") and run.note == "windy"
    assert run.started_at == FIXED_NOW.replace(hour=8, minute=50).astimezone(run.started_at.tzinfo)


async def test_the_next_run_form_ticks_the_last_runs_measures_but_starts_at_easy(
    make_rig: RigFactory,
) -> None:
    rig = make_rig(ManualClock())
    from tests.running.builders import run

    with Store.open(rig.data_dir) as store:
        store.save_run(run(0, kind="long", calming=("heel_lift",)))  # type: ignore[arg-type]
    async with rig.app.run_test(size=(80, 24)) as pilot:
        screen = await open_run_log(pilot, offered_checkin=True)
        assert screen.query_one("#run-kind", Select).value == "easy"  # a slip is never speed
        assert screen.query_one("#run-measures", SelectionList).selected == ["heel_lift"]
        # A hard run: 7/10 during. Saved, with the stop zone's words and the dial-back.
        await press(pilot, "5", "0", "tab", "tab", "tab", "tab", "7", "enter")
        await wait_for(pilot, lambda: screen.logged is not None, what="the run to be saved")
        await settle(pilot)
        advice = text(screen, "#run-advice")
        assert advice.startswith("• 7/10 is in the")
        assert "Dial the running back: keep the next run easy and shorter, at most 37 minutes" in (
            advice
        )
        await press(pilot, "enter")
        today = await on_top(pilot, TodayScreen)
        await wait_for(pilot, lambda: "hurt 7/10" in text(today, "#today-speed"))


# --- the tests, coached by voice ---------------------------------------------------------------


async def open_trial(pilot: Pilot[None], key: str) -> TrialScreen:
    await wait_today(pilot)
    await press(pilot, "t")
    tests: tests_screen.TestsScreen = await on_top(pilot, tests_screen.TestsScreen)
    await wait_for(pilot, lambda: tests.overview is not None, what="the tests to load")
    await press(pilot, key)
    screen: TrialScreen = await on_top(pilot, TrialScreen)
    await wait_for(pilot, lambda: screen.runner is not None, what="the test to start")
    await settle(pilot)
    return screen


def trial_of(pilot: Pilot[None]) -> TrialScreen:
    for screen in reversed(pilot.app.screen_stack):
        if isinstance(screen, TrialScreen):
            return screen
    raise AssertionError("no trial screen")


async def move(pilot: Pilot[None], clock: ManualClock, to: float) -> None:
    """Move the clock on to engine time T0 + `to` as real time would pass, stopping at every
    deadline the screen's timer would fire on."""
    screen = trial_of(pilot)
    while screen.runner is not None and not screen.runner.state.paused:
        due = next_trial_due(screen.runner.state)
        if due is None or due > T0 + to:
            break
        clock.set(max(due, clock.t))
        screen.dispatch(Tick())
        await settle(pilot)
    clock.set(T0 + to)
    screen.dispatch(Tick())
    await settle(pilot)


HEEL_RAISE_SCRIPT = [
    "Heel raises to the beat. Right leg. Press any key when you can no longer keep the pace or "
    "the height.",
    *("three", "two", "one", "go", "1", "down", "2", "down", "3"),
    "2, Right leg.",
    "Switch to your left leg.",
    "Left leg. Press any key when you can no longer keep the pace or the height.",
    *("three", "two", "one", "go", "1", "down", "2", "down", "3", "down", "4"),
    "3, Left leg.",
    "Sore side 2, other side 3: 67 percent. Test done and saved.",
]


async def test_the_heel_raises_are_paced_and_counted_aloud_and_any_key_stops_each_leg(
    make_rig: RigFactory,
) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)  # a cue said after its moment would be dropped
    rig = moving_rig(make_rig, clock, voice)
    async with rig.app.run_test(size=(80, 24)) as pilot:
        screen = await open_trial(pilot, "1")
        assert text(screen, "#t-status") == "Heel-raise endurance · leg 1 of 2"
        await move(pilot, clock, 8.5)  # heard at once: read for 3 s, go at 6, "2" at 9
        assert screen.view is not None and screen.view.big_count == "1"
        assert screen.has_class("-any-key") and "any key to stop" in text(screen, "#t-label")
        await move(pilot, clock, 11.5)
        await press(pilot, "space")  # any key: not a pause here
        state = screen.runner.state  # type: ignore[union-attr]
        assert state.counts == (("right", 2),) and not state.paused
        await move(pilot, clock, 34.7)
        await press(pilot, "k")
        await wait_for(pilot, lambda: screen.saved is not None, what="the result to be saved")
        assert voice.texts == HEEL_RAISE_SCRIPT
        assert voice.dropped == 0
        shown = text(screen, "#t-result")
        assert shown.startswith("Saved: left 3, right 2.\nSore side 67% of the other side.")
        assert "Readiness gate, heel-raise endurance symmetry: not met yet." in shown
        await press(pilot, "enter")
        tests: tests_screen.TestsScreen = await on_top(pilot, tests_screen.TestsScreen)
        await wait_for(pilot, lambda: "left 3, right 2" in text(tests, "#tests-heel_raise-facts"))
        assert "sore side 67% of the other" in text(tests, "#tests-heel_raise-facts")
    with Store.open(rig.data_dir, write=False) as store:
        (result,) = store.results()
    assert (result.kind, result.left, result.right) == ("heel_raise", 3, 2)


async def test_ten_hops_counted_aloud_then_the_pain_free_count_per_leg(
    make_rig: RigFactory,
) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = moving_rig(make_rig, clock, voice)
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await open_trial(pilot, "2")
        await move(pilot, clock, 19.5)  # go at 6, ten hops 1.2 s apart, a beat more: 19.2
        count: CountScreen = await on_top(pilot, CountScreen)
        assert count.most == 10
        await press(pilot, "1", "2", "enter")  # 12 of 10: explained, not sent
        assert "12 is more than the test counts: type 0 to 10." in text(count, "#count-error")
        await press(pilot, "backspace", "enter")
        await on_top(pilot, TrialScreen)
        await move(pilot, clock, 40)
        await move(pilot, clock, 60)
        count = await on_top(pilot, CountScreen)
        await press(pilot, "1", "0", "enter")
        screen = trial_of(pilot)
        await wait_for(pilot, lambda: screen.saved is not None, what="the result to be saved")
    right = [str(n) for n in range(1, 11)]
    question = "How many of the 10 hops were free of pain? Enter the number."
    assert voice.texts[:16] == [
        "Ten single-leg hops. Right leg.",
        *("three", "two", "one", "go"),
        *right,
        question,
    ]
    assert voice.texts[16:18] == ["1, Right leg.", "Switch to your left leg."]
    assert voice.texts[-2:] == [
        "10, Left leg.",
        "Sore side 1, other side 10: 10 percent. Test done and saved.",
    ]
    assert voice.dropped == 0


async def test_side_hops_timed_go_ten_seconds_stop_and_x_stops_for_pain(
    make_rig: RigFactory,
) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = moving_rig(make_rig, clock, voice)
    async with rig.app.run_test(size=(80, 24)) as pilot:
        screen = await open_trial(pilot, "3")
        await move(pilot, clock, 20)
        assert screen.view is not None and screen.view.big_count == "0:16"
        await move(pilot, clock, 36)
        await on_top(pilot, CountScreen)
        await press(pilot, "3", "1", "enter")
        await on_top(pilot, TrialScreen)
        await move(pilot, clock, 50)
        await press(pilot, "x")
        await wait_for(pilot, lambda: screen.saved is not None, what="the result to be saved")
        assert "Stopped for pain during the left leg." in text(screen, "#t-result")
    assert voice.texts[:8] == [
        "Side hops for thirty seconds. Right leg.",
        *("three", "two", "one", "go"),
        "10 seconds.",
        "Stop.",
        "How many side hops did you count? Enter the number.",
    ]
    assert voice.texts[-1].startswith("We stop the test here: pain comes first.")
    with Store.open(rig.data_dir, write=False) as store:
        (result,) = store.results()
    assert (result.kind, result.right, result.left) == ("side_hop", 31, None)


# --- the questionnaire -------------------------------------------------------------------------


async def test_the_questionnaire_asks_eight_questions_and_saves_the_score(
    make_rig: RigFactory,
) -> None:
    rig = make_rig(ManualClock())
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await wait_today(pilot)
        await press(pilot, "t")
        tests: tests_screen.TestsScreen = await on_top(pilot, tests_screen.TestsScreen)
        await wait_for(pilot, lambda: tests.overview is not None)
        assert "has not been done yet" in text(tests, "#tests-score-facts")
        await press(pilot, "o")
        screen: QuestionnaireScreen = await on_top(pilot, QuestionnaireScreen)
        await wait_for(pilot, lambda: screen.questionnaire is not None)
        await settle(pilot)
        assert text(screen, "#quest-topic") == "Question 1 of 8"
        await press(pilot, "1", "5", "enter")  # 15 minutes of stiffness: 8 points
        await press(pilot, "1", "1", "enter")  # 11 is off the scale
        assert text(screen, "#quest-error").endswith("11 is out of range; enter 0 to 10.")
        await press(pilot, "backspace", "enter")  # 1: 9 points
        await press(pilot, "b")  # back a question, and on again
        assert text(screen, "#quest-topic") == "Question 2 of 8"
        await press(pilot, "3", "enter", "1", "enter", "2", "enter", "3", "enter", "6", "enter")
        assert "1  None" in text(screen, "#quest-choices")
        await press(pilot, "2")  # reduced training: 4
        assert text(screen, "#quest-question").endswith("Which describes you?")
        await press(pilot, "2", "4")  # some pain, 21-30 minutes: 14
        await wait_for(pilot, lambda: screen.saved is not None, what="the score to be saved")
        await settle(pilot)
        result = text(screen, "#quest-result")
        assert result.startswith("VISA-A-based score: 63 of 100. Saved.")
        assert "Above 90 is usually called recovered." in result
    with Store.open(rig.data_dir, write=False) as store:
        (score,) = store.scores()
    assert score.score == 63 and score.answers["training_time"] == (1, 3)
