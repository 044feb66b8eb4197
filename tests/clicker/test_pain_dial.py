"""Rating pain with two buttons, by ear: what is said, and what is committed when."""

from __future__ import annotations

import pytest

from session.clicker import Button, ClickerMapping, Down, Hold, PressTracker, Tap
from session.effects import Say
from session.pain_dial import Commit, DialPhase, PainDial, starting_value

NEXT, BACK, CONFIRM = Button.NEXT, Button.BACK, Button.CONFIRM


def said(effects: list[object]) -> list[str]:
    return [e.text for e in effects if isinstance(e, Say)]


def test_the_spoken_script_up_then_hold_to_confirm() -> None:
    dial, out = PainDial.start(3, 0.0)
    assert said(out) == ["Pain? Three. Next for up, back for down, hold to confirm."]
    dial, out = dial.press(Tap(NEXT, 1.0), 1.0)
    assert said(out) == ["Four."] and dial.value == 4
    dial, out = dial.press(Hold(NEXT, 3.0), 3.0)
    assert said(out) == ["Four. Saved."] and dial.phase is DialPhase.SAVED
    assert dial.due() == 7.0
    assert dial.tick(6.9) == (dial, [])  # a few seconds to change it
    dial, out = dial.tick(7.0)
    assert out == [Commit(4)] and dial.phase is DialPhase.DONE
    with pytest.raises(ValueError, match="already committed"):
        dial.press(Tap(NEXT, 8.0), 8.0)


def test_a_tap_after_saved_changes_it_and_asks_again() -> None:
    dial, _ = PainDial.start(2, 0.0)
    dial, _ = dial.press(Hold(BACK, 1.0), 1.0)
    dial, out = dial.press(Tap(NEXT, 2.0), 2.0)
    assert said(out) == ["Three."] and dial.phase is DialPhase.ASKING
    assert dial.tick(5.0)[1] == []  # the old grace period commits nothing
    dial, out = dial.press(Down(CONFIRM, 6.0), 6.0)
    assert said(out) == ["Three. Saved."]
    dial, out = dial.press(Down(CONFIRM, 6.5), 6.5)  # confirmed twice: at once
    assert out == [Commit(3)]


def test_steps_stop_at_zero_and_ten_and_wrap_with_one_button() -> None:
    dial, _ = PainDial.start(0, 0.0)
    dial, out = dial.press(Tap(BACK, 1.0), 1.0)
    assert dial.value == 0 and said(out) == ["Zero."]
    dial, _ = PainDial.start(10, 0.0)
    dial, _ = dial.press(Tap(NEXT, 1.0), 1.0)
    assert dial.value == 10
    dial, out = PainDial.start(10, 0.0, one_button=True)
    assert said(out) == ["Pain? Ten. Press to go up, hold to confirm."]
    dial, out = dial.press(Tap(NEXT, 1.0), 1.0)
    assert dial.value == 0 and said(out) == ["Zero."]


def test_left_alone_it_reminds_and_never_decides() -> None:
    dial, _ = PainDial.start(4, 0.0, remind_every=20.0)
    out_all: list[object] = []
    t = 0.0
    while t < 100.0:
        t = dial.due() or t + 1
        dial, out = dial.tick(t)
        out_all += out
    assert said(out_all) == ["Pain is four. Hold to confirm."] * 5
    assert not any(isinstance(e, Commit) for e in out_all)


def test_steps_go_stale_but_questions_and_saves_must_be_said() -> None:
    dial, (question,) = PainDial.start(1, 0.0)
    dial, (step,) = dial.press(Tap(NEXT, 1.0), 1.0)
    dial, (saved,) = dial.press(Hold(NEXT, 2.0), 2.0)
    assert isinstance(question, Say) and question.stale_after is None
    assert isinstance(step, Say) and step.stale_after == 2.5
    assert isinstance(saved, Say) and saved.stale_after is None


def test_wrong_starts_are_errors() -> None:
    with pytest.raises(ValueError, match="0-10"):
        PainDial.start(11, 0.0)
    with pytest.raises(ValueError, match="above 0"):
        PainDial.start(3, 0.0, grace=0)


def test_starting_value() -> None:
    assert starting_value(None) == 0
    assert starting_value(5) == 5


def test_from_clicker_keys_to_a_committed_rating() -> None:
    """Page Down twice (quickly), Page Up once, then Page Down held: 3 -> 5 -> 4, saved."""
    mapping = ClickerMapping(
        keys={"pagedown": NEXT, "pageup": BACK}, repeat_delay=0.5, hold_seconds=1.0
    )
    keys = [("pagedown", 1.0), ("pagedown", 1.2), ("pageup", 2.5)]
    keys += [("pagedown", 4.0)] + [("pagedown", 4.5 + n * 0.033) for n in range(20)]
    tracker = PressTracker(mapping)
    dial, out = PainDial.start(3, 0.0)
    spoken = said(out)
    commits: list[Commit] = []
    for key, at in [*keys, ("", 20.0)]:
        while True:
            due = min((d for d in (tracker.due(), dial.due()) if d is not None), default=None)
            if due is None or due > at or dial.phase is DialPhase.DONE:
                break
            tracker, presses = tracker.tick(due)
            for press in presses:
                dial, effects = dial.press(press, due)
                spoken += said(effects)
            dial, effects = dial.tick(due)
            spoken += said(effects)
            commits += [e for e in effects if isinstance(e, Commit)]
        if key and dial.phase is not DialPhase.DONE:
            tracker, presses = tracker.feed(key, at)
            for press in presses:
                dial, effects = dial.press(press, at)
                spoken += said(effects)
    assert spoken[1:] == ["Four.", "Five.", "Four.", "Four. Saved."]
    assert commits == [Commit(4)]
