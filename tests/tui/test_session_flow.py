"""Whole sessions through the real app (Pilot): a store in tmp_path, a recording voice, pain keys.

The fast tests run the app on a real EngineClock at a high time scale (a ~5 minute session in a
couple of seconds, through the same timers as at real speed); the pause and small-terminal tests
run on a ManualClock, so every number on screen is exact.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from session.effects import CueKind, Priority
from session.engine import Phase
from session.records import SessionRecord, SessionStatus
from store import Store
from tests.pilot import drawn, footer_keys, leaving, plain, press, tap, text_of, wait_for
from tests.tui.conftest import (
    FIXED_NOW,
    T0,
    ManualClock,
    RigFactory,
    big_lines,
    move_to,
    start_workout,
    wait_today,
    workout_of,
)
from tui.clock import EngineClock
from tui.screens.pain import PainScreen
from tui.screens.summary import SummaryScreen
from tui.screens.today import TodayScreen
from tui.screens.workout import WorkoutScreen
from tui.voice import RecordingVoice
from tui.widgets.big_text import BigText, render_figlet
from tui.widgets.pain_scale import key_for

SCALE = 150.0
"""Engine seconds per real second in the fast tests: the first session (~5 min) takes ~2 s."""

ORDER = ("hop_up", "forward_hop", "wall_side_hops")
NAMES = {
    "hop_up": "Single Leg Hop Up",
    "forward_hop": "Single Leg Forward Hop",
    "wall_side_hops": "Wall-Assisted Single Leg Sideways Hops",
}
CUES = {
    "hop_up": "Single leg hop up",
    "forward_hop": "Single leg forward hop",
    "wall_side_hops": "Sideways hops, hand on the wall",
}
CADENCE = {"hop_up": 1.2, "forward_hop": 2.5, "wall_side_hops": 1.2}
COUNTDOWN = ["three", "two", "one", "go"]
REPS = [str(n) for n in range(1, 16)]
PAIN_QUESTION = "How is the Achilles? Rate the pain, zero to ten."
SAFE = "Safe zone. Good, carry on."
ACCEPTABLE = "Acceptable. Keep it controlled, and never sharp."
TOO_MUCH = (
    "That is too much. We stop adding load for today. More pain brings no extra benefit, "
    "and can flare the tendon."
)
STOP = "We stop here for today. Rest, and check in tomorrow morning."
DONE = "Session complete. Well done. Check in tomorrow morning."
ADVICE = {1: SAFE, 2: SAFE, 3: SAFE, 4: ACCEPTABLE, 5: ACCEPTABLE}


def set_script(exercise: str) -> list[str]:
    """Everything said from a set's announcement to its pain question (right leg, then left)."""
    return [
        f"{CUES[exercise]}. Right leg. Set 1 of 1.",
        *COUNTDOWN,
        *REPS,
        "Switch to your left leg.",
        "Left leg.",
        *COUNTDOWN,
        *REPS,
        PAIN_QUESTION,
    ]


def rest_script(upcoming: str) -> list[str]:
    """What starts the rest. "Next: ..." comes later, with the 30 seconds callout."""
    return ["Rest, 45 seconds."]


def next_up_script(upcoming: str) -> list[str]:
    return ["30 seconds.", f"Next: {CUES[upcoming]}, right leg."]


def find_block(texts: list[str], block: list[str], start: int = 0) -> int:
    """Where `block` occurs contiguously in `texts` at or after `start`; fails if nowhere."""
    for i in range(start, len(texts) - len(block) + 1):
        if texts[i : i + len(block)] == block:
            return i
    raise AssertionError(f"{block[:3]}... not said in order (from cue {start})")


async def rate_sets(
    pilot: Pilot[None], ratings: list[int], *, timeout: float = 12.0
) -> list[PainScreen]:
    """Answer each pain modal as it shows, with the next rating, until the Summary shows."""
    app = pilot.app
    answered: list[PainScreen] = []
    pending = list(ratings)

    def step() -> bool:
        screen = app.screen
        if isinstance(screen, SummaryScreen):
            return True
        if isinstance(screen, PainScreen) and all(screen is not s for s in answered):
            assert pending, "a pain rating was asked more often than there are sets"
            answered.append(screen)
            tap(app, key_for(pending.pop(0)))
        return False

    await wait_for(pilot, step, timeout=timeout, what="the session to finish")
    assert pending == [], f"ratings left over: {pending}"

    def loaded() -> bool:  # the Summary may not have composed its widgets yet
        return bool(app.screen.query("#summary-next")) and text_of(app, "#summary-next").startswith(
            "Next session:"
        )

    await wait_for(pilot, loaded, what="the summary to load")
    return answered


async def quit_from_summary(pilot: Pilot[None]) -> None:
    """Leave as a runner does, with q on the Summary.

    (Ending the test with the app never having seen a message since the Summary's Header
    mounted makes Textual run the Header's pending title update after it is gone.)
    """
    assert isinstance(pilot.app.screen, SummaryScreen)
    await press(pilot, "q")
    await wait_for(pilot, lambda: leaving(pilot.app), what="the app to quit")


def stored(data_dir: Path) -> list[SessionRecord]:
    """The sessions on disk, read as another process would (after the app's store is closed)."""
    with Store.open(data_dir, write=False) as store:
        return store.sessions()


def seconds(a: dt.datetime, b: dt.datetime) -> float:
    return (b - a).total_seconds()


def assert_close(actual: float, expected: float) -> None:
    assert abs(actual - expected) < 1e-3, f"{actual} != {expected}"


def check_full_set(record: SessionRecord, index: int, exercise: str, pain: int) -> None:
    """One set done in full: right leg then left, 15 reps each, with its timings."""
    s = record.sets[index]
    assert (s.exercise, s.set_index, s.sets_total) == (exercise, 1, 1)
    assert [leg.leg for leg in s.legs] == ["right", "left"]
    assert [(leg.reps_done, leg.reps_target) for leg in s.legs] == [(15, 15), (15, 15)]
    assert s.pain == pain
    assert s.skipped is False
    right, left = s.legs
    # Announce and get ready (3 s) before each leg; reps at the exercise's cadence, the last with
    # its own beat; switch legs (10 s) between them. Deadlines are absolute, so those times are
    # exact. The countdown starts once the announcement is heard (3 s at the least; 10 s, or a
    # report just before then and its 0.5 s gap, at the most): the voice's report comes through
    # the event loop, which at this time scale is engine seconds late.
    assert 6.0 - 1e-3 <= seconds(s.started_at, right.started_at) <= 13.5 + 1e-3
    assert_close(seconds(right.started_at, right.ended_at), 16 * CADENCE[exercise])
    assert 16.0 - 1e-3 <= seconds(right.ended_at, left.started_at) <= 23.5 + 1e-3
    assert_close(seconds(left.started_at, left.ended_at), 16 * CADENCE[exercise])
    assert s.ended_at == left.ended_at


async def test_whole_session_is_coached_and_saved_set_by_set(make_rig: RigFactory) -> None:
    rig = make_rig(EngineClock.started(SCALE))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        modals = await rate_sets(pilot, [2, 4, 1])
        assert len(modals) == 3
        assert isinstance(app.screen, SummaryScreen)
        assert text_of(app, "#summary-status") == "Session complete. Well done."
        assert text_of(app, "#summary-line") == (
            "Circuit 1, first session: 1 x 15 · 90 of 90 reps · highest pain 4/10"
        )
        table = app.screen.query_one("#summary-table", DataTable)
        assert [str(c.label) for c in table.ordered_columns] == [
            "Exercise",
            "Set",
            "Right",
            "Left",
            "Pain 0-10",
        ]
        assert [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)] == [
            ["Single Leg Hop Up", "1 of 1", "15/15", "15/15", "2 safe"],
            ["Single Leg Forward Hop", "1 of 1", "15/15", "15/15", "4 acceptable"],
            ["Wall-Assisted Single Leg Sideways Hops", "1 of 1", "15/15", "15/15", "1 safe"],
        ]
        assert text_of(app, "#summary-next").splitlines()[0] == (
            "Next session: Circuit 1, second session: 2 x 15"
        )
        captions = [c.text for c in workout.runner.captions]  # type: ignore[union-attr]
        await quit_from_summary(pilot)
    rig.services.close()

    # The store: one completed session, set by set.
    (record,) = stored(rig.data_dir)
    assert record.status is SessionStatus.COMPLETED
    assert record.legs == ("right", "left")
    assert record.started_at == FIXED_NOW
    assert [s.exercise for s in record.sets] == list(ORDER)
    for i, (exercise, pain) in enumerate(zip(ORDER, [2, 4, 1], strict=True)):
        check_full_set(record, i, exercise, pain)
    assert record.sets[0].started_at == FIXED_NOW
    for a, b in pairwise(record.sets):
        assert seconds(a.ended_at, b.started_at) >= 45.0 - 1e-3  # the rest between exercises
    assert record.ended_at is not None
    assert record.ended_at >= record.sets[-1].ended_at

    # The voice: every cue shown as a caption was said (this voice never finds a cue stale).
    texts = rig.voice.texts
    assert texts == captions
    assert rig.voice.dropped == 0
    at = 0
    for i, (exercise, pain) in enumerate(zip(ORDER, [2, 4, 1], strict=True)):
        block = set_script(exercise)
        if i + 1 < len(ORDER):
            block += rest_script(ORDER[i + 1])
        start = find_block(texts, block, at)
        advice = texts.index(ADVICE[pain], start + len(block))
        if i + 1 < len(ORDER):
            # The advice comes after this set's question and before the next set's announcement;
            # "Next: ..." with the 30 seconds callout, before it too.
            announce = texts.index(f"{CUES[ORDER[i + 1]]}. Right leg. Set 1 of 1.", start)
            assert advice < announce
            assert start < find_block(texts, next_up_script(ORDER[i + 1]), start) < announce
        at = advice + 1
    assert texts[-2:] == [SAFE, DONE]
    assert rig.voice.spoken[-1][2] is Priority.HIGH
    assert CueKind.ANNOUNCE in rig.voice.kinds
    assert rig.voice.kinds.count(CueKind.PAIN_QUESTION) == 3
    assert rig.voice.kinds.count(CueKind.PAIN_ADVICE) == 3
    assert rig.voice.kinds.count(CueKind.REP) == 3 * 2 * 15


async def test_pain_of_six_stops_the_session(make_rig: RigFactory) -> None:
    rig = make_rig(EngineClock.started(SCALE))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await start_workout(pilot)
        await rate_sets(pilot, [6])
        assert isinstance(app.screen, SummaryScreen)
        assert text_of(app, "#summary-status") == "Stopped for pain: no more load today."
        assert text_of(app, "#summary-stop") == STOP
        shown = " ".join(row.strip() for row in drawn(app.screen.query_one("#summary-stop")))
        assert "We stop here for today. Rest, and check in" in shown
        assert text_of(app, "#summary-line") == (
            "Circuit 1, first session: 1 x 15 · 30 of 90 reps · highest pain 6/10"
        )
        table = app.screen.query_one("#summary-table", DataTable)
        assert [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)] == [
            ["Single Leg Hop Up", "1 of 1", "15/15", "15/15", "6 too much"],
        ]
        said = len(rig.voice.spoken)
        await pilot.pause(0.3)  # 45 engine seconds: the rest would have run out by now
        assert len(rig.voice.spoken) == said, "the coach went on after the stop"
        await quit_from_summary(pilot)
    rig.services.close()

    (record,) = stored(rig.data_dir)
    assert record.status is SessionStatus.STOPPED_FOR_PAIN
    assert len(record.sets) == 1
    check_full_set(record, 0, "hop_up", 6)
    assert record.ended_at is not None

    texts = rig.voice.texts
    start = find_block(texts, set_script("hop_up") + rest_script("forward_hop"))
    after = rig.voice.spoken[start + len(set_script("hop_up")) + 1 :]
    # Nothing of the next set; the rest callouts may come before the rating; then a few seconds
    # to change it, and the stop.
    assert not any(text.startswith(f"{CUES['forward_hop']}.") for _, text, _ in after)
    assert [(text, prio) for _, text, prio in after[-3:]] == [
        ("6. Press u to change it.", Priority.HIGH),
        (TOO_MUCH, Priority.URGENT),
        (STOP, Priority.URGENT),
    ]
    assert rig.voice.kinds[-1] is CueKind.STOP


async def test_quit_mid_session_then_resume_from_the_first_set_not_done(
    make_rig: RigFactory,
) -> None:
    # The first run on a manual clock, so the quit lands exactly in the second set's reps.
    clock = ManualClock()
    first = make_rig(clock)
    app = first.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        await move_to(pilot, clock, T0 + 60.4 + 5)  # set 1 is done: its rest has begun
        assert isinstance(app.screen, PainScreen)
        await press(pilot, "2")
        # Set 2 starts when the 45 s rest is over; its reps (2.5 s each) 6 s later.
        await move_to(pilot, clock, T0 + 105.4 + 6 + 2.5 * 3 + 0.5)
        assert workout.runner is not None
        state = workout.runner.state
        assert (state.set_pos, state.phase, state.rep) == (1, Phase.REPS, 3)
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: leaving(app), what="the app to quit")
    first.services.close()

    (left_behind,) = stored(first.data_dir)
    assert left_behind.status is SessionStatus.IN_PROGRESS
    assert [(s.exercise, s.pain) for s in left_behind.sets] == [("hop_up", 2)]

    # A new app on the same data, ten minutes later the same day.
    later = FIXED_NOW + dt.timedelta(minutes=10)
    second = make_rig(
        EngineClock.started(SCALE), data_dir=first.data_dir, settings=None, wall=later
    )
    app = second.app
    async with app.run_test(size=(80, 24)) as pilot:
        today = await wait_today(pilot)
        assert today.today is not None and today.today.resumable is not None
        assert not today.query_one("#today-resume").has_class("hidden")
        assert text_of(app, "#today-resume") == (
            "You have an unfinished session from 09:30 (1 set(s) saved). "
            "Press r to carry on with it."
        )
        assert "r Resume" in footer_keys(app)  # the footer offers the key
        await press(pilot, "r")
        await wait_for(
            pilot,
            lambda: any(isinstance(s, WorkoutScreen) and s.runner for s in app.screen_stack),
            what="the resumed workout",
        )
        await rate_sets(pilot, [4, 1])
        assert text_of(app, "#summary-line") == (
            "Circuit 1, first session: 1 x 15 · 90 of 90 reps · highest pain 4/10"
        )
        await quit_from_summary(pilot)
    second.services.close()

    # It carried on with the second exercise: the first was not done again.
    texts = second.voice.texts
    assert texts[0] == f"{CUES['forward_hop']}. Right leg. Set 1 of 1."
    assert not any(CUES["hop_up"] in text for text in texts)
    find_block(texts, set_script("forward_hop") + rest_script("wall_side_hops"))
    find_block(texts, set_script("wall_side_hops"))

    (record,) = stored(first.data_dir)
    assert record.id == left_behind.id
    assert record.status is SessionStatus.COMPLETED
    assert record.sets[0] == left_behind.sets[0]
    assert [(s.exercise, s.set_index) for s in record.sets] == [(ex, 1) for ex in ORDER]
    for i, (exercise, pain) in enumerate(zip(ORDER, [2, 4, 1], strict=True)):
        check_full_set(record, i, exercise, pain)
    assert record.sets[1].started_at == later
    for a, b in pairwise(record.sets):
        assert a.ended_at < b.started_at


def workout_texts(app: App[Any]) -> tuple[str, str, str]:
    """The big leg, the big count, and the status line of the workout screen."""
    workout = workout_of(app)
    return (
        workout.query_one("#w-leg", BigText).text,
        workout.query_one("#w-count", BigText).text,
        plain(workout.query_one("#w-status", Static)),
    )


async def test_pause_stops_every_timer_and_resume_carries_on(make_rig: RigFactory) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = make_rig(clock, voice=voice)
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        runner = workout.runner
        assert runner is not None
        # Reps start at T0 + 6 (announce 3 s, get ready 3 s); rep n is due at T0 + 6 + 1.2 n.
        await move_to(pilot, clock, T0 + 6 + 1.2 * 5 + 0.5)
        assert (runner.state.phase, runner.state.rep) == (Phase.REPS, 5)
        assert workout_texts(app)[:2] == ("right", "5")
        assert voice.texts[-1] == "5"

        await press(pilot, "space")
        assert voice.texts[-1] == "Paused."
        said = len(voice.spoken)
        assert workout.has_class("-paused")
        assert workout._due is None  # no tick is scheduled while paused
        assert runner.seconds_to_next_due() is None

        await move_to(pilot, clock, T0 + 6 + 1.2 * 5 + 100.5)  # 100 s pass, paused
        await press(pilot, "n")  # skipping does nothing while paused
        await pilot.pause(0.25)  # the screen's repaint timer runs a few times
        assert runner.state.rep == 5
        leg, count, status = workout_texts(app)
        assert (leg, count) == ("right", "5")
        assert status == "Circuit 1 · Set 1 of 1 · 1 of 3 sets today"
        # Unmistakable from two metres: PAUSED in the block font where the exercise was, and
        # the footer says what space does now.
        assert drawn(workout.query_one("#w-exercise", BigText)) == big_lines(
            "paused", "ansi_regular"
        )
        assert "space Resume" in footer_keys(app) and "space Pause" not in footer_keys(app)
        assert text_of(app, "#w-detail") == "Paused. Press space to carry on: Single Leg Hop Up."
        assert len(voice.spoken) == said, voice.texts[said:]

        # The runner has walked back: "Ready", "go" 1.5 s later, and rep 6 a beat after that.
        resumed = T0 + 6 + 1.2 * 5 + 100.5
        await press(pilot, "space")
        assert voice.texts[-1] == "Ready"
        assert not workout.has_class("-paused")
        assert "space Pause" in footer_keys(app) and "space Resume" not in footer_keys(app)
        assert workout_texts(app)[:2] == ("right", "5")
        assert text_of(app, "#w-count-label") == "ready…"
        await move_to(pilot, clock, resumed + 1.5)
        assert voice.texts[-1] == "go"
        await move_to(pilot, clock, resumed + 1.5 + 1.2 - 0.01)
        assert runner.state.rep == 5
        await move_to(pilot, clock, resumed + 1.5 + 1.2 + 0.01)
        assert runner.state.rep == 6
        assert workout_texts(app)[:2] == ("right", "6")
        assert voice.texts[-3:] == ["Ready", "go", "6"]

        # Pause again during the rest, from the pain modal: the countdown stands still too.
        # The right leg's last 10 reps and its last beat, the switch, the left leg.
        rest_start = resumed + 1.5 + 11 * 1.2 + 10 + 6 + 16 * 1.2
        await move_to(pilot, clock, rest_start + 5)
        pain = app.screen
        assert isinstance(pain, PainScreen)
        assert runner.state.phase is Phase.REST
        rest = workout.query_one("#w-count", BigText)
        # In view above the pain box, in the block font (the rows under it left blank).
        assert [row for row in drawn(rest) if row] == big_lines("40", "ansi_regular")
        await press(pilot, "space")
        assert "space Resume" in footer_keys(app)  # the pain box's footer
        said = len(voice.spoken)
        await move_to(pilot, clock, rest_start + 5 + 300)
        await pilot.pause(0.25)
        assert rest.text == "40"
        assert text_of(app, "#pain-rest-label").startswith("PAUSED · Rest · next: ")
        assert len(voice.spoken) == said, voice.texts[said:]
        await press(pilot, "space")
        assert "space Pause" in footer_keys(app)
        await move_to(pilot, clock, rest_start + 5 + 300 + 10.01)
        # The workout repaints its countdown ten times a second, under the pain box.
        await wait_for(pilot, lambda: rest.text == "30", timeout=2, what="30 on screen")
        assert [row for row in drawn(rest) if row] == big_lines("30", "ansi_regular")
        assert voice.texts[-3:] == [
            "Go on.",
            "30 seconds.",
            "Next: Single leg forward hop, right leg.",
        ]
    rig.services.close()


async def test_the_smallest_window_still_shows_leg_count_and_caption(
    make_rig: RigFactory,
) -> None:
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    async with app.run_test(size=(60, 20)) as pilot:  # the smallest supported (size_guard.py)
        workout = await start_workout(pilot)
        await move_to(pilot, clock, T0 + 6 + 1.2 * 7 + 0.5)
        await pilot.pause()
        leg = workout.query_one("#w-leg", BigText)
        count = workout.query_one("#w-count", BigText)
        caption = workout.query_one("#w-caption")
        for widget in (leg, count, caption):
            region = widget.content_region
            assert region.height > 0 and region.bottom <= 20 - 1, widget  # above the footer
        # The block font for the leg; the count doubled, in the rows left over.
        assert drawn(leg)[:5] == big_lines("right", "ansi_regular")
        assert drawn(count)[:10] == list(render_figlet("7", "ansi_regular", 2))
        assert drawn(caption) == ["7"]
        assert text_of(app, "#w-status") == "Circuit 1 · Set 1 of 1 · 1 of 3 sets today"
    rig.services.close()


async def test_today_at_first_launch_asks_the_sore_side(make_rig: RigFactory) -> None:
    rig = make_rig(ManualClock(), settings=None)
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        from tui.screens.first_launch import FirstLaunchScreen

        await wait_for(pilot, lambda: isinstance(app.screen, FirstLaunchScreen), what="questions")
        await press(pilot, "l", "enter")
        today = await wait_today(pilot)
        assert isinstance(today, TodayScreen)
        # Part 1 is on for a new runner: calf raises first, then the circuit.
        assert text_of(app, "#today-summary") == (
            "Then the circuit: 1 set of 15 reps of each exercise, each leg in turn "
            "(left, then right)."
        )
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        settings = store.settings()
    assert (settings.sore_side, settings.train) == ("left", "both")
