"""A whole combined session through the real app (Pilot) on a manual clock: Today with part 1,
the load screen, the calf raises on their spoken tempo, the rests with their time left and next
load, the rest between the parts, then the circuit exactly as before; every cue in order and on
its beat, every set saved as it ends, the summary of both parts (issue 14).

The app runs on a real store in tmp_path, the shipped programs (program.toml, strength.toml) and a
`RecordingVoice` on the same manual clock, so each cue is recorded at the engine time it is said.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from itertools import pairwise

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from session.effects import CueKind
from session.engine import Phase, next_due
from session.events import Tick
from session.records import SessionRecord, SessionStatus, Settings
from session.view import view
from store import Store
from tests.pilot import footer_keys, press, settle, text_of, wait_for
from tests.tui.conftest import FIXED_NOW, ManualClock, RigFactory, wait_today, workout_of
from tests.tui.test_session_flow import CUES, ORDER, set_script
from tui.screens.loads import LoadScreen
from tui.screens.pain import PainScreen
from tui.screens.summary import SummaryScreen
from tui.voice import RecordingVoice

RIGHT = Settings(sore_side="right")  # part 1 on, as for every runner by default
STANDING, SEATED = "Standing calf raise, knee straight", "Seated calf raise, knee bent"
UP_DOWN = ["up", "two", "three", "down", "two", "three"]
COUNTDOWN = ["three", "two", "one", "go"]
PAIN_QUESTION = "How is the Achilles? Rate the pain, zero to ten."
SAFE = "Safe zone. Good, carry on."
DONE = "Session complete. Well done. Check in tomorrow morning."
RATINGS = [2, 3, 2, 2, 3, 2, 1, 2, 2]
"""One a set: three of each calf raise, then the three exercises of circuit 1."""


def calf_set(cue: str, k: int, load: str) -> list[str]:
    """Everything said from a calf-raise set's announcement to its pain question."""
    return [
        f"{cue}. Both legs. Set {k} of 3: 15 reps with {load}.",
        *COUNTDOWN,
        *(UP_DOWN * 15),
        PAIN_QUESTION,
    ]


def rest(seconds: int, next_words: str, *, opening: str = "") -> list[str]:
    """A rest after the set's rating (given at once): its length, the time left at each callout,
    with what comes next joining the first callout in words at least 10 s in."""
    said = [f"{opening}Rest, {seconds} seconds.", SAFE]
    callouts = [c for c in (60, 30, 10, 3, 2, 1) if c < seconds]
    for c in callouts:
        said.append(f"{c} seconds." if c > 5 else str(c))
        if c == callouts[0]:
            said.append(next_words)
    return said


def expected_script() -> list[str]:
    """The whole session as the runner hears it, in order."""
    plan = [(STANDING, k, "2.5 kilos") for k in (1, 2, 3)] + [
        (SEATED, k, "no added load") for k in (1, 2, 3)
    ]
    said: list[str] = []
    for i, (cue, k, load) in enumerate(plan):
        said += calf_set(cue, k, load)
        if i + 1 < len(plan):
            nxt_cue, _, nxt_load = plan[i + 1]
            said += rest(150, f"Next set: {nxt_cue}, {nxt_load}.")
    said += rest(
        180,
        f"Next: {CUES[ORDER[0]]}, right leg.",
        opening="Calf raises done. Next, the hops. ",
    )
    for i, exercise in enumerate(ORDER):
        said += set_script(exercise)
        if i + 1 < len(ORDER):
            said += [
                "Rest, 45 seconds.",
                SAFE,
                "30 seconds.",
                f"Next: {CUES[ORDER[i + 1]]}, right leg.",
                "10 seconds.",
                "3",
                "2",
                "1",
            ]
    return [*said, SAFE, DONE]


async def run_through(
    pilot: Pilot[None], clock: ManualClock, ratings: list[int], look: Callable[[], None]
) -> None:
    """Move the clock from deadline to deadline as time would pass (the screen's own timer
    would dispatch a tick at each), answering each pain question at once with the next rating,
    and looking at the screen at each step."""
    app = pilot.app
    pending = list(ratings)
    while not isinstance(app.screen, SummaryScreen):
        workout = workout_of(app)
        runner = workout.runner
        assert runner is not None
        if isinstance(app.screen, PainScreen):
            await press(pilot, str(pending.pop(0)))
            continue
        if runner.state.awaiting_pain or runner.state.finished:
            await settle(pilot)  # the pain question (or the summary) opens
            continue
        look()
        due = next_due(runner.state)
        assert due is not None, f"the session waits in {runner.state.phase}"
        clock.set(max(due, clock.t))
        workout.dispatch(Tick())
        await asyncio.sleep(0)  # what the voice reports back (posted to the loop) arrives
        workout._repaint()  # as its ten-a-second repaint would
    assert pending == []


async def test_a_combined_session_through_the_app(make_rig: RigFactory) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = make_rig(clock, voice=voice, settings=RIGHT)
    app = rig.app
    seen: dict[str, set[str]] = {"labels": set(), "rest": set()}
    async with app.run_test(size=(80, 24)) as pilot:
        today = await wait_today(pilot)
        assert today.today is not None and today.today.part1 is not None
        assert text_of(app, "#today-heading") == (
            "Today: calf raises, then Circuit 1, first session: 1 x 15"
        )
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LoadScreen), what="the loads")
        await press(pilot, "plus", "enter")  # 2.5 kg in the backpack for the standing raise
        await wait_for(pilot, lambda: workout_of(app).runner is not None, what="the workout")
        workout = workout_of(app)

        def look() -> None:
            runner = workout.runner
            assert runner is not None
            v = view(runner.state, clock.now())
            if v.phase is Phase.REPS and v.stroke is not None:
                seen["labels"].add(text_of(app, "#w-count-label"))
                assert text_of(app, "#w-status").startswith("Calf raises · Set")
            if v.phase is Phase.REST and v.part == "strength":
                seen["rest"].add(text_of(app, "#w-next"))

        await run_through(pilot, clock, RATINGS, look)
        # Today had the voice render the whole session ahead, part 1's words first.
        assert voice.prepared.index(calf_set(STANDING, 1, "no added load")[0]) < (
            voice.prepared.index(f"{CUES[ORDER[0]]}. Right leg. Set 1 of 1.")
        )
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert text_of(app, "#summary-status") == "Session complete. Well done."
        part1 = summary.query_one("#summary-part1", DataTable)
        assert [[str(c) for c in part1.get_row_at(i)] for i in range(part1.row_count)] == [
            [STANDING, "1/3", "2.5 kg", "15/15", "2 safe"],
            [STANDING, "2/3", "2.5 kg", "15/15", "3 safe"],
            [STANDING, "3/3", "2.5 kg", "15/15", "2 safe"],
            [SEATED, "1/3", "0 kg", "15/15", "2 safe"],
            [SEATED, "2/3", "0 kg", "15/15", "3 safe"],
            [SEATED, "3/3", "0 kg", "15/15", "2 safe"],
        ]
        await wait_for(
            pilot,
            lambda: "Part 1 next time" in text_of(app, "#summary-next"),
            what="the next session",
        )
        await press(pilot, "q")
    rig.services.close()

    # What the runner heard: the whole script, in order, nothing dropped; every word of it was
    # rendered ahead but those of the load the runner chose over the proposal.
    assert voice.texts == expected_script()
    unprepared = set(voice.texts) - set(voice.prepared)
    assert unprepared and all("2.5 kilos" in t for t in unprepared)
    assert voice.dropped == 0
    check_beats(voice)
    # What the screen showed: where in the rep, and the next load during the rests.
    assert {"rep (of 15) · up 1 of 3", "rep (of 15) · down 3 of 3"} <= seen["labels"]
    assert "Next: Standing calf raise, knee straight, both legs, set 2 of 3, 2.5 kg" in seen["rest"]
    assert (
        "Next: Seated calf raise, knee bent, both legs, set 1 of 3, no added load" in seen["rest"]
    )

    # What was saved: both parts, each set with its load, reps, tempo and pain.
    with Store.open(rig.data_dir, write=False) as store:
        (record,) = store.sessions()
    check_saved(record)


def check_beats(voice: RecordingVoice) -> None:
    """Each tempo word a second after the one before it, through every rep of every set; each
    rest's time left said when that much is left, and the next set when the rest is over."""
    said = [(t, text, kind) for (t, text, _), kind in zip(voice.spoken, voice.kinds, strict=True)]
    words = [(t, text) for t, text, kind in said if kind is CueKind.REP][: 6 * 15 * 6]
    assert [text for _, text in words] == UP_DOWN * 15 * 6
    for k in range(6):
        one_set = words[k * 90 : (k + 1) * 90]
        assert all(b - a == pytest.approx(1.0) for (a, _), (b, _) in pairwise(one_set))
    questions = [t for t, _, kind in said if kind is CueKind.PAIN_QUESTION]
    announced = [t for t, _, kind in said if kind is CueKind.ANNOUNCE]
    for k in range(6):  # the rests after the calf raises: 150 s, and 180 s before the hops
        asked, length = questions[k], 150.0 if k < 5 else 180.0
        until = announced[k + 1]
        left = {
            text: t - asked for t, text, kind in said if kind is CueKind.REST and asked < t < until
        }
        for callout, words_said in ((60, "60 seconds."), (30, "30 seconds."), (3, "3"), (1, "1")):
            assert left[words_said] == pytest.approx(length - callout)
        assert announced[k + 1] - asked == pytest.approx(length)


def check_saved(record: SessionRecord) -> None:
    assert record.status is SessionStatus.COMPLETED and record.started_at == FIXED_NOW
    assert record.parts == ("strength", "plyometrics") and record.strength is not None
    part = record.strength
    assert part.status is SessionStatus.COMPLETED and part.ended_at == record.ended_at
    assert part.prescription.week == 1 and (part.prescription.sets, part.prescription.reps) == (
        3,
        15,
    )
    assert [(s.exercise, s.set_index, s.load_kg, s.pain) for s in part.sets] == [
        ("standing_calf_raise", 1, 2.5, 2),
        ("standing_calf_raise", 2, 2.5, 3),
        ("standing_calf_raise", 3, 2.5, 2),
        ("seated_calf_raise", 1, 0.0, 2),
        ("seated_calf_raise", 2, 0.0, 3),
        ("seated_calf_raise", 3, 0.0, 2),
    ]
    for s in part.sets:
        (effort,) = s.legs
        assert (effort.side, effort.reps_done, effort.reps_target) == ("both", 15, 15)
        # "go", a second, then 15 reps of 6 s; the last word keeps its second.
        assert math.isclose((effort.ended_at - effort.started_at).total_seconds(), 91.0)
        assert (s.tempo.lift_seconds, s.tempo.lower_seconds) == (3.0, 3.0)
    assert part.loads_kg == {"standing_calf_raise": 2.5, "seated_calf_raise": 0.0}
    assert [(s.exercise, s.pain) for s in record.sets] == list(zip(ORDER, RATINGS[6:], strict=True))
    assert record.sets[0].started_at >= part.sets[-1].ended_at
    between = (record.sets[0].started_at - part.sets[-1].ended_at).total_seconds()
    assert between >= 180.0


async def test_u_in_the_grace_takes_back_a_six_after_a_calf_raise_set(
    make_rig: RigFactory,
) -> None:
    """The coach says "Press u to change it" after a calf-raise set too: u must work there."""
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = make_rig(clock, voice=voice, settings=RIGHT)
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_today(pilot)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LoadScreen), what="the loads")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: workout_of(app).runner is not None, what="the workout")
        workout = workout_of(app)
        while not isinstance(app.screen, PainScreen):  # the first set, at its own pace
            runner = workout.runner
            assert runner is not None
            if runner.state.awaiting_pain:
                await settle(pilot)
                continue
            due = next_due(runner.state)
            assert due is not None
            clock.set(max(due, clock.t))
            workout.dispatch(Tick())
            await asyncio.sleep(0)
        await press(pilot, "6")
        assert app.screen is workout
        assert voice.texts[-1] == "6. Press u to change it."
        assert "u Re-rate" in footer_keys(app)
        await press(pilot, "u")
        assert isinstance(app.screen, PainScreen)  # asked again
        await press(pilot, "4")
        await settle(pilot)
        runner = workout.runner
        assert runner is not None and runner.state.phase is Phase.REST
        assert not runner.state.finished
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        (record,) = store.sessions()
    (first,) = record.strength_sets
    assert first.pain == 4 and [(c.old, c.new) for c in first.pain_changes] == [(6, 4)]
