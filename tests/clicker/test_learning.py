"""Settings' "press your remote's buttons": spoken steps in, a saved mapping out."""

from __future__ import annotations

from session.clicker import Button, ClickerMapping
from session.clicker_learning import HOLD_WAIT, WAIT, Learning, Step, spoken
from session.effects import Say
from tui.clicker.devices import KEYBOARD_KEYS


def texts(out: list[Say]) -> list[str]:
    return [s.text for s in out]


def test_a_presentation_clicker_with_three_buttons_and_a_measured_repeat_delay() -> None:
    learning, out = Learning.start(0.0, reserved=KEYBOARD_KEYS, device="R400")
    assert texts(out)[0].startswith("Press the button to use for next")
    learning, out = learning.key("pagedown", 2.0)
    assert texts(out)[0].startswith("Page down. Now the other button")
    learning, out = learning.key("pagedown", 2.5)  # still held down: repeats are ignored
    assert out == [] and learning.step is Step.BACK
    learning, out = learning.key("pageup", 4.0)
    assert texts(out)[0].startswith("Page up. A third button")
    learning, out = learning.key("b", 6.0)
    assert texts(out) == ["B. Now hold the next button down for two seconds."]
    learning, out = learning.key("pagedown", 8.0)
    assert out == []
    learning, out = learning.key("pagedown", 8.55)  # the first repeat: the delay is 0.55 s
    assert texts(out) == ["Done. Next is page down, back is page up, confirm is b."]
    assert learning.result() == ClickerMapping(
        keys={"pagedown": Button.NEXT, "pageup": Button.BACK, "b": Button.CONFIRM},
        device="R400",
        repeat_delay=0.55,
    )


def test_keyboard_keys_are_refused_and_optional_buttons_skipped_by_waiting() -> None:
    learning, _ = Learning.start(0.0, reserved=KEYBOARD_KEYS)
    learning, out = learning.key("space", 1.0)
    assert texts(out) == ["Space is a keyboard key here already. Press another."]
    assert learning.step is Step.NEXT
    learning, _ = learning.key("right", 2.0)
    assert learning.due() == 2.0 + WAIT
    learning, out = learning.tick(2.0 + WAIT)
    assert texts(out)[0].startswith("None. A third button")
    learning, out = learning.tick(2.0 + 2 * WAIT)
    assert texts(out)[0] == "None. Now hold the next button down for two seconds."
    learning, _ = learning.key("right", 30.0)
    learning, _ = learning.key("right", 30.5)
    mapping = learning.result()
    assert mapping is not None and mapping.keys == {"right": Button.NEXT}
    assert mapping.can_confirm  # by holding


def test_a_headset_whose_keys_never_repeat_is_told_it_cannot_confirm() -> None:
    learning, _ = Learning.start(0.0, reserved=KEYBOARD_KEYS)
    learning, _ = learning.key("media_play_pause", 1.0)
    learning, _ = learning.key("media_track_previous", 2.0)
    learning, _ = learning.tick(2.0 + WAIT)  # no third button
    learning, _ = learning.key("media_play_pause", 20.0)  # held, but nothing repeats
    assert learning.result() is None
    learning, out = learning.tick(20.0 + HOLD_WAIT)
    assert "cannot confirm a pain rating" in texts(out)[0]
    mapping = learning.result()
    assert mapping is not None and mapping.repeat_delay is None and not mapping.can_confirm


def test_key_names_are_said_as_words() -> None:
    assert spoken("pagedown") == "page down"
    assert spoken("media_play_pause") == "media play pause"
    assert spoken("shift+f5") == "shift plus f5"
