"""Settings: sore side, legs, voice on/off, rate and volume, which voice, a voice test, and
part 1 (the calf raises) on or off with the stance of each, and the clicker (the runner's remote).

A question screen: it returns the settings as edited (None: left without saving) and its opener
saves them; the voice test is a `TestVoice` message (the app owns the voice).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
    Switch,
)

from tui.messages import TestVoice
from tui.screens.first_launch import SIDES, TRAIN
from tui.widgets.clicker_settings import LEARN_KEY, ClickerSettings
from tui.widgets.part1_settings import PartOneSettings

if TYPE_CHECKING:
    from session.records import Settings
    from session.strength.program import StrengthProgram
    from session.strength.records import StrengthSettings

KEEP_AWAKE = [
    ("When it is Bluetooth", "auto"),
    ("Always", "on"),
    ("Never", "off"),
]
"""Bluetooth speakers swallow the first word after a silence; an inaudible stream prevents it."""


class SettingsScreen(Screen["Settings | None"]):
    """The runner's settings, `voices` being the installed ones as (id, name)."""

    CSS_PATH = "setup.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("t", "test_voice", "Test the voice"),
        Binding(LEARN_KEY, "learn_clicker", "Learn the clicker"),
        Binding("escape", "cancel", "Back without saving"),
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        voices: list[tuple[str, str]],
        strength: StrengthProgram | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.voices = voices
        self.strength = strength
        """Part 1's program, for its switch and stances (None: not offered here)."""

    def compose(self) -> ComposeResult:
        s = self.settings
        yield Header()
        with VerticalScroll(id="settings"):
            yield Static("Settings", classes="heading")
            yield Label("Sore side")
            with RadioSet(id="sore-side"):
                for value, label in SIDES:
                    yield RadioButton(label, value=s.sore_side == value, name=value)
            yield Label("Legs to train")
            with RadioSet(id="train"):
                for value, label in TRAIN:
                    yield RadioButton(label, value=s.train == value, name=value)
            if self.strength is not None:
                yield PartOneSettings(s.strength, self.strength)
            with Horizontal(classes="setting-row"):
                yield Label("Voice")
                yield Switch(value=s.voice_enabled, id="voice-enabled")
            with Horizontal(classes="setting-row"):
                yield Label("Voice rate (words per minute, 80-320)")
                yield Input(str(s.voice_rate), type="integer", id="voice-rate")
            with Horizontal(classes="setting-row"):
                yield Label("Voice volume (0.0-1.0)")
                yield Input(f"{s.voice_volume:g}", type="number", id="voice-volume")
            with Horizontal(classes="setting-row"):
                yield Label("Which voice")
                yield Select[str](
                    self._voice_options(),
                    prompt="The default voice",
                    value=s.voice_id if s.voice_id in self._voice_ids() else Select.NULL,
                    id="voice-id",
                )
            with Horizontal(classes="setting-row"):
                yield Label("Keep the sound awake (for Bluetooth)")
                yield Select[str](
                    KEEP_AWAKE, value=s.keep_audio_awake, allow_blank=False, id="keep-awake"
                )
            yield ClickerSettings(s.clicker)
            yield Static("", id="settings-error")
            with Horizontal(classes="setting-row"):
                yield Button("Test the voice", id="test-voice")
                yield Button("Save", variant="primary", id="save")
        yield Footer()

    def _voice_ids(self) -> set[str]:
        return {vid for vid, _ in self.voices}

    def _voice_options(self) -> list[tuple[str, str]]:
        return sorted(((name, vid) for vid, name in self.voices), key=lambda o: o[0].lower())

    def _read(self) -> Settings | None:
        """The settings as edited, or None (with the reason shown) when a field is out of range."""
        from pydantic import ValidationError

        from session.records import Settings

        side = self.query_one("#sore-side", RadioSet).pressed_button
        train = self.query_one("#train", RadioSet).pressed_button
        error = self.query_one("#settings-error", Static)
        try:
            rate = int(self.query_one("#voice-rate", Input).value)
            volume = float(self.query_one("#voice-volume", Input).value)
            data = self.settings.model_dump() | {
                "sore_side": side.name if side else self.settings.sore_side,
                "train": train.name if train else self.settings.train,
                "voice_enabled": self.query_one("#voice-enabled", Switch).value,
                "voice_rate": rate,
                "voice_volume": volume,
                "voice_id": self._chosen_voice(),
                "keep_audio_awake": self.query_one("#keep-awake", Select).value,
                "strength": self._part1().model_dump(),
                "clicker": self.query_one(ClickerSettings).read(),
            }
            settings = Settings.model_validate(data)
        except ValueError as exc:
            if isinstance(exc, ValidationError):
                first = exc.errors()[0]
                error.update(f"{first['loc'][0]}: {first['msg']}")
            else:
                error.update("Voice rate and volume must be numbers.")
            return None
        error.update("")
        return settings

    def _part1(self) -> StrengthSettings:
        found = self.query(PartOneSettings)
        return found.only_one().read() if found else self.settings.strength

    def _chosen_voice(self) -> str | None:
        value = self.query_one("#voice-id", Select).value
        return value if isinstance(value, str) else None

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "test-voice":
            self.action_test_voice()

    def action_save(self) -> None:
        settings = self._read()
        if settings is not None:
            self.dismiss(settings)

    def action_test_voice(self) -> None:
        settings = self._read()
        if settings is not None:
            self.post_message(TestVoice(settings))

    def action_learn_clicker(self) -> None:
        self.query_one(ClickerSettings).learn()

    def action_cancel(self) -> None:
        self.dismiss(None)
