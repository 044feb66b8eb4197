"""Taps and holds from the key stream a terminal sends (no releases, repeats while held)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from session.clicker import (
    Button,
    ClickerMapping,
    Down,
    Hold,
    Press,
    PressTracker,
    SetAction,
    Tap,
    during_set,
)

CLICKER = ClickerMapping(
    keys={"pagedown": Button.NEXT, "pageup": Button.BACK, "b": Button.CONFIRM},
    repeat_delay=0.5,
    hold_seconds=1.0,
)
RATE = 0.033
"""Seconds between auto-repeats (30 a second)."""


def run(tracker: PressTracker, events: list[tuple[str, float]], end: float) -> list[Press]:
    """Feed key events in order, ticking at every due time on the way, up to `end`."""
    out: list[Press] = []
    for key, at in [*events, ("", end)]:
        while (due := tracker.due()) is not None and due <= at:
            tracker, presses = tracker.tick(due)
            out += presses
        if key:
            tracker, presses = tracker.feed(key, at)
            out += presses
    return out


def held(key: str, start: float, seconds: float, delay: float = 0.5) -> list[tuple[str, float]]:
    """What a terminal sends while a key is held: once, then after `delay`, then at RATE."""
    times = [start]
    t = start + delay
    while t <= start + seconds:
        times.append(t)
        t += RATE
    return [(key, at) for at in times]


def test_a_tap_is_known_once_the_repeat_delay_has_passed() -> None:
    tracker, out = PressTracker(CLICKER).feed("pagedown", 10.0)
    assert out == [Down(Button.NEXT, 10.0)]
    assert tracker.tick(10.6)[1] == []  # it could still start repeating
    assert tracker.due() == 10.0 + 0.5 + 0.15
    assert tracker.tick(10.65)[1] == [Tap(Button.NEXT, 10.0)]


def test_a_hold_is_a_down_then_a_hold_and_no_tap() -> None:
    out = run(PressTracker(CLICKER), held("pageup", 0.0, 2.0), end=5.0)
    assert out[0] == Down(Button.BACK, 0.0)
    assert [type(p) for p in out] == [Down, Hold]
    assert 1.0 <= out[1].at < 1.0 + RATE


def test_a_quick_double_tap_is_two_taps() -> None:
    out = run(PressTracker(CLICKER), [("pagedown", 0.0), ("pagedown", 0.3)], end=3.0)
    assert out == [Down(Button.NEXT, 0.0), Tap(Button.NEXT, 0.3), Tap(Button.NEXT, 0.3)]


def test_a_short_hold_released_early_is_one_tap() -> None:
    out = run(PressTracker(CLICKER), held("pagedown", 0.0, 0.7), end=3.0)
    assert [type(p) for p in out] == [Down, Tap]


def test_another_button_ends_the_press_before() -> None:
    out = run(PressTracker(CLICKER), [("pagedown", 0.0), ("pageup", 0.2)], end=3.0)
    assert out == [Down(Button.NEXT, 0.0), Tap(Button.NEXT, 0.0), Down(Button.BACK, 0.2),
                   Tap(Button.BACK, 0.2)]  # fmt: skip


def test_keys_the_remote_does_not_use_stay_the_keyboards() -> None:
    tracker = PressTracker(CLICKER)
    assert tracker.feed("space", 0.0) == (tracker, [])
    assert tracker.feed("3", 0.0) == (tracker, [])


def test_keys_that_never_repeat_tap_at_once() -> None:
    headset = ClickerMapping(keys={"media_play_pause": Button.NEXT}, repeat_delay=None)
    tracker, out = PressTracker(headset).feed("media_play_pause", 4.0)
    assert out == [Down(Button.NEXT, 4.0), Tap(Button.NEXT, 4.0)]
    assert tracker.due() is None


human = st.lists(
    st.tuples(
        st.sampled_from(["pagedown", "pageup"]),
        st.one_of(st.just(0.0), st.floats(0.0, 0.4), st.floats(1.05, 2.5)),  # press length
        st.floats(0.9, 3.0),  # pause before the next press
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(presses=human, delay=st.floats(0.25, 0.7))
def test_every_press_is_one_down_and_a_tap_or_a_hold(
    presses: list[tuple[str, float, float]], delay: float
) -> None:
    """Presses a person makes (apart by more than the repeat delay), each short or held."""
    mapping = CLICKER.model_copy(update={"repeat_delay": delay})
    events: list[tuple[str, float]] = []
    expected: list[tuple[type, Button]] = []
    t = 0.0
    for key, length, pause in presses:
        button = mapping.keys[key]
        events += held(key, t, length, delay) if length >= delay else [(key, t)]
        expected += [(Down, button), (Hold if length >= 1.0 + RATE else Tap, button)]
        t += max(length, delay) + pause
    out = run(PressTracker(mapping), events, end=t + 5)
    assert [(type(p), p.button) for p in out] == expected


def test_during_a_set_next_pauses_back_and_holding_next_stop_for_pain() -> None:
    assert during_set(Down(Button.NEXT, 0)) is SetAction.TOGGLE_PAUSE
    assert during_set(Down(Button.CONFIRM, 0)) is SetAction.TOGGLE_PAUSE
    assert during_set(Down(Button.BACK, 0)) is SetAction.STOP_FOR_PAIN
    assert during_set(Hold(Button.NEXT, 1)) is SetAction.STOP_FOR_PAIN
    assert during_set(Tap(Button.NEXT, 1)) is None  # the Down has paused already
    assert during_set(Hold(Button.BACK, 1)) is None  # its Down has stopped already
