"""What Textual reports for the keys each kind of remote sends: through its real input parser
(the bytes a terminal or the served page writes), and with Pilot in a tiny app with bindings."""

from __future__ import annotations

import pytest
from textual import events

# The parser Textual's drivers feed with the terminal's bytes. Private, but it is the real
# thing: a key name that comes out of it is what the app gets from a terminal.
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.widgets import Static

from session.clicker import Button
from tui.clicker.devices import DEVICES, KEYBOARD_KEYS, SEQUENCES

DEVICE_KEYS = sorted({key for d in DEVICES for key in (*d.next, *d.back, *d.confirm)})


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_the_terminal_bytes_become_these_key_names(name: str) -> None:
    parser = XTermParser()
    keys = [*parser.feed(SEQUENCES[name]), *parser.feed("")]  # "" flushes a lone Escape
    assert [(type(k), k.key) for k in keys] == [(events.Key, name)]


def test_every_device_key_has_its_bytes_and_none_is_a_keyboard_key() -> None:
    assert set(DEVICE_KEYS) <= set(SEQUENCES)
    assert not set(DEVICE_KEYS) & KEYBOARD_KEYS


class KeyEcho(App[None]):
    """Records every key and runs a binding per remote button, as the screens will."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[str] = []
        self.buttons: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("press")

    def on_mount(self) -> None:
        for device in DEVICES:
            for key, button in device.mapping().keys.items():
                self.bind(key, f"button('{button.value}')", show=False)

    def on_key(self, event: events.Key) -> None:
        self.keys.append(event.key)

    def action_button(self, name: str) -> None:
        self.buttons.append(name)


async def test_pilot_delivers_each_device_key_to_bindings_and_key_events() -> None:
    app = KeyEcho()
    async with app.run_test() as pilot:
        for key in DEVICE_KEYS:
            await pilot.press(key)
        await pilot.pause()
    assert app.keys == DEVICE_KEYS
    expected = []
    for key in DEVICE_KEYS:
        found = {d.mapping().keys[key] for d in DEVICES if key in d.mapping().keys}
        assert len(found) == 1, key  # one meaning per key, whatever the device
        expected.append(found.pop().value)
    assert app.buttons == expected
    assert set(app.buttons) == {b.value for b in Button}


def test_device_kinds_make_valid_mappings() -> None:
    for device in DEVICES:
        mapping = device.mapping()
        assert mapping.has(Button.NEXT) and mapping.has(Button.BACK)
        assert mapping.can_confirm == (device.repeats or mapping.has(Button.CONFIRM))
    headset = next(d for d in DEVICES if d.id == "headset").mapping()
    # Its keys cannot be held: play/pause is its confirm button.
    assert headset.repeat_delay is None and headset.can_confirm
    assert headset.button("media_play_pause") is Button.CONFIRM
