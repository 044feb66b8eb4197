"""Each kind of remote through the real app: the keys that device sends, at the moments chosen.

During a set its buttons pause and resume (with the engine's lead-in, as space does) and stop
for pain (the back button at once, or holding next, as x does); at the pain question they dial
the rating up and down from the session's last one, each step spoken and lit on the scale, and
the rating confirmed is said back, then saved after its grace as a digit key saves it.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from session.engine import Phase
from session.records import SessionStatus
from store import Store
from tests.clicker.remote_rig import (
    QUIET,
    advance,
    asking,
    click,
    dialed,
    hold,
    key_at,
    said_since,
    until_pain_question,
    with_clicker,
)
from tests.pilot import text_of, wait_for
from tests.tui.conftest import T0, ManualClock, Rig, RigFactory, start_workout
from tui.clicker.devices import DEVICES, DeviceKind
from tui.screens.pain import PainScreen
from tui.screens.summary import SummaryScreen
from tui.voice import RecordingVoice
from tui.widgets.pain_scale import PainCell

KINDS = [pytest.param(d, id=d.id) for d in DEVICES]
REPEATING = [pytest.param(d, id=d.id) for d in DEVICES if d.repeats]
MID_SET = T0 + 8.0
"""Engine time in the first set's reps (the announcement, the countdown, then rep 3 or so)."""
GRACE = 4.0
WORDS = ("Zero", "One", "Two", "Three", "Four", "Five")


def confirm_words(kind: DeviceKind) -> str:
    return "hold to confirm." if kind.repeats else "then press confirm."


async def confirm(pilot: Pilot[Any], clock: ManualClock, kind: DeviceKind, t: float) -> float:
    """Confirm the dial: a hold of next where keys repeat, else the confirm button; returns when
    it was confirmed."""
    if kind.repeats:
        return await hold(pilot, clock, kind.next[0], t, 1.05)
    await key_at(pilot, clock, kind.confirm[0], t)  # a key that never repeats: a tap at once
    return t


@pytest.mark.parametrize("kind", KINDS)
async def test_pause_resume_then_dial_the_rating(kind: DeviceKind, make_rig: RigFactory) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = make_rig(clock, voice=voice, settings=with_clicker(kind.mapping()))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        assert workout.remote is not None
        runner = workout.runner
        assert runner is not None
        t = MID_SET
        await advance(pilot, clock, t)
        assert runner.state.phase is Phase.REPS
        # Every next and confirm key pauses, and resumes with the lead-in.
        for key in (*kind.next, *kind.confirm, kind.next[0]):
            was_paused = runner.state.paused
            mark = len(voice.texts)
            await key_at(pilot, clock, key, t)
            assert runner.state.paused is not was_paused, key
            words = said_since(voice, mark)
            assert words[:1] == (["Ready"] if was_paused else ["Paused."]), (key, words)
            t += QUIET + 1.0
            await advance(pilot, clock, t)
        if runner.state.paused:
            await key_at(pilot, clock, kind.next[0], t)
        assert not runner.state.paused
        # The set ends: the question, and the dial from zero (no rating yet this session).
        mark = len(voice.texts)
        t = await until_pain_question(pilot, clock, t + 1)
        screen = app.screen
        assert isinstance(screen, PainScreen)
        question = f"Pain? Zero. Next for up, back for down, {confirm_words(kind)}"
        assert question in said_since(voice, mark)
        assert text_of(app, "#pain-keys").startswith(question)
        assert dialed(screen) == [0]
        # Up three times, each next key in turn, then down with each back key, and up again.
        ups = [kind.next[i % len(kind.next)] for i in range(3)]
        value = 0
        for key in (*ups, *kind.back, kind.next[0]):
            value += -1 if key in kind.back else 1
            word = WORDS[value]
            mark = len(voice.texts)
            t = await click(pilot, clock, key, t + 0.5)
            assert f"{word}." in said_since(voice, mark), (key, said_since(voice, mark))
            assert dialed(screen) == [value]
            assert text_of(app, "#pain-keys").startswith(f"{word}.")
        word = WORDS[value]
        mark = len(voice.texts)
        t = await confirm(pilot, clock, kind, t + 0.5)
        assert f"{word}. Saved." in said_since(voice, mark)
        # A few seconds to change it: said back, lit as saved, not given to the engine yet.
        await advance(pilot, clock, t + GRACE - 0.5)
        assert app.screen is screen
        assert [cell.rating for cell in screen.query(".-dialed-saved").results(PainCell)] == [value]
        assert runner.state.record.sets[0].pain is None
        await advance(pilot, clock, t + GRACE + 0.1)
        await wait_for(pilot, lambda: app.screen is workout, what="the rating to be taken")
        assert runner.state.record.sets[0].pain == value
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        (record,) = store.sessions()
    first = record.sets[0]
    assert first.pain == value and first.stopped is None


async def rate_and_finish(
    pilot: Pilot[Any], clock: ManualClock, kind: DeviceKind, voice: RecordingVoice, t: float
) -> None:
    """At the question after a stop: up to three, confirmed, changed to two in the grace,
    confirmed again; then the session ends on it."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, PainScreen)
    for _ in range(3):
        t = await click(pilot, clock, kind.next[0], t + 0.5)
    t = await confirm(pilot, clock, kind, t + 0.5)
    assert voice.texts[-1] == "Three. Saved."
    mark = len(voice.texts)
    t = await click(pilot, clock, kind.back[0], t + 1.0)  # in the grace: changed, asked again
    assert said_since(voice, mark) == ["Two."] and dialed(screen) == [2]
    await advance(pilot, clock, t + GRACE + 1)  # the old grace is over: nothing is saved
    assert app.screen is screen
    t = await confirm(pilot, clock, kind, t + GRACE + 1.5)
    assert voice.texts[-1] == "Two. Saved."
    await advance(pilot, clock, t + GRACE + 0.1)
    await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the summary")


def stopped_with(rig: Rig, rating: int) -> None:
    with Store.open(rig.data_dir, write=False) as store:
        (record,) = store.sessions()
    assert record.status is SessionStatus.STOPPED_FOR_PAIN
    (result,) = record.sets
    assert result.pain == rating and result.stopped is not None
    assert result.stopped.phase == "reps"


@pytest.mark.parametrize("kind", KINDS)
async def test_the_back_button_stops_for_pain_at_once(
    kind: DeviceKind, make_rig: RigFactory
) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = make_rig(clock, voice=voice, settings=with_clicker(kind.mapping()))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await start_workout(pilot)
        await advance(pilot, clock, MID_SET)
        mark = len(voice.texts)
        await key_at(pilot, clock, kind.back[0], MID_SET)
        assert isinstance(app.screen, PainScreen)
        said = said_since(voice, mark)
        assert said[0] == "Stopping for pain. Rate the pain, zero to ten."  # as x says it
        assert "Paused." not in said
        await wait_for(pilot, lambda: asking(app.screen), what="the dial")
        assert voice.texts[-1].startswith("Pain? Zero.")
        await rate_and_finish(pilot, clock, kind, voice, MID_SET + QUIET)
    rig.services.close()
    stopped_with(rig, 2)


@pytest.mark.parametrize("kind", REPEATING)
async def test_holding_next_pauses_then_stops_for_pain_and_the_hold_confirms_nothing(
    kind: DeviceKind, make_rig: RigFactory
) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    rig = make_rig(clock, voice=voice, settings=with_clicker(kind.mapping()))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        await advance(pilot, clock, MID_SET)
        mark = len(voice.texts)
        # Held for three seconds: paused at once, stopped at one second, and held on into
        # the pain question, where it must not confirm the starting value.
        let_go = await hold(pilot, clock, kind.next[0], MID_SET, 3.0)
        said = said_since(voice, mark)
        assert said[:2] == ["Paused.", "Stopping for pain. Rate the pain, zero to ten."]
        screen = app.screen
        assert isinstance(screen, PainScreen)
        await advance(pilot, clock, let_go + QUIET)
        assert not any("Saved" in text for text in said_since(voice, mark))
        assert dialed(screen) == [0]
        assert workout.runner is not None and workout.runner.state.phase is Phase.STOP_RATING
        await rate_and_finish(pilot, clock, kind, voice, let_go + QUIET)
    rig.services.close()
    stopped_with(rig, 2)
