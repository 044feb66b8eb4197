"""The keys a remote may never take are read from the screens' own bindings, so a key bound on
the workout or the pain question later is refused by the learning step at once, and no device
kind's key is one of them."""

from __future__ import annotations

from session.clicker_learning import Learning
from tui.clicker.devices import DEVICES
from tui.screens.clicker_learn import bound_keys, reserved_keys
from tui.screens.pain import PainScreen
from tui.screens.workout import WorkoutScreen
from tui.widgets.voice_mark import WHY_KEY


def test_every_key_of_the_workout_and_the_pain_question_is_reserved() -> None:
    screens = bound_keys([*WorkoutScreen.BINDINGS, *PainScreen.BINDINGS])
    assert {"space", "x", "u", "plus", "equals_sign", "t", "0", "9"} <= screens
    assert screens | {WHY_KEY} <= reserved_keys()


def test_no_device_kind_takes_a_key_of_those_screens() -> None:
    screens = bound_keys([*WorkoutScreen.BINDINGS, *PainScreen.BINDINGS]) | {WHY_KEY}
    for device in DEVICES:
        assert not set(device.mapping().keys) & screens, device.id


def test_the_learning_step_refuses_x_the_ouch_key() -> None:
    learning, _ = Learning.start(0.0, reserved=reserved_keys())
    learning, said = learning.key("x", 1.0)
    assert [s.text for s in said] == ["X is a keyboard key here already. Press another."]
    assert learning.keys == {}
