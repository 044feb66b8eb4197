"""Settings: sore side, legs, voice on/off, speed and volume, which voice, a voice test,
part 1 (the calf raises) on or off with the stance of each, and the clicker (the runner's remote).

A question screen: it returns the settings as edited (None: left without saving) and its opener
saves them; the voice test and the sample said when a voice is picked are `TestVoice` messages
(the app owns the voice). A value out of range is named in words, with its range, taken from
the settings model itself ("Voice speed: 80 to 320 words a minute"), never pydantic's text.
The voices of the system's language come first in the list (the cues are English, so without a
language, English ones). Counts kept from a session (+ and -) are listed, and can be dropped.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
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
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.part1_settings import PartOneSettings

if TYPE_CHECKING:
    from pydantic import ValidationError

    from session.records import Settings
    from session.strength.program import StrengthProgram
    from session.strength.records import StrengthSettings

VOICE_PICKED = "Right leg. Three, two, one, go."
"""What a voice says when it is picked from the list: short, and the words of a session."""

FIELD_WORDS = {
    "voice_rate": ("Voice speed", "{low:g} to {high:g} words a minute"),
    "voice_volume": ("Voice volume", "{low:g} to {high:g} (1 is full volume)"),
}
"""How a field is named to the runner, and how its range is said (numbers from the model)."""


def system_language(env: Mapping[str, str] | None = None) -> tuple[str, str | None]:
    """The system's language and region from the locale variables (`en_GB.UTF-8` -> en, gb);
    English when none is set (C, POSIX): the coach's words are English."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "").split(":")[0].split(".")[0].split("@")[0]
        if value and value not in ("C", "POSIX"):
            language, _, region = value.replace("-", "_").partition("_")
            return language.lower(), region.lower() or None
    return "en", None


def voice_language(voice_id: str) -> tuple[str, str | None]:
    """espeak's `gmw/en-GB-scotland` -> en, gb; `english-us` -> english, us."""
    language, _, region = voice_id.rsplit("/", 1)[-1].lower().partition("-")
    return language, region.split("-")[0] or None


def ordered_voices(
    voices: Sequence[tuple[str, str]], language: tuple[str, str | None]
) -> list[tuple[str, str]]:
    """(name, id) options: the system language's voices first (its region's first of all),
    then the rest, each group by name."""
    lang, region = language

    def rank(voice: tuple[str, str]) -> tuple[int, str]:
        vid, name = voice
        v_lang, v_region = voice_language(vid)
        if v_lang == lang:
            return (0 if region is not None and v_region == region else 1), name.lower()
        return 2, name.lower()

    return [(name, vid) for vid, name in sorted(voices, key=rank)]


def in_words(error: ValidationError, model: type[Settings]) -> str:
    """The first problem of `error` as the runner reads it: the field's name and its range."""
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else ""
    label, span = FIELD_WORDS.get(field, (field.replace("_", " ").capitalize(), ""))
    low = high = None
    for rule in model.model_fields[field].metadata if field in model.model_fields else ():
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
    if span and low is not None and high is not None:
        return f"{label}: {span.format(low=low, high=high)}."
    return f"{label}: not a value it can take."


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
        Binding(LEARN_KEY, "learn_clicker", "Clicker"),
        Binding("escape", "cancel", "Back without saving"),
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        voices: list[tuple[str, str]],
        exercise_names: Mapping[str, str] | None = None,
        language: tuple[str, str | None] | None = None,
        strength: StrengthProgram | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.voices = voices
        self.exercise_names = dict(exercise_names or {})
        self.language = language or system_language()
        self._kept = dict(settings.kept_cadences)
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
                yield Label("Voice speed (words a minute, 80-320)")
                yield Input(str(s.voice_rate), type="integer", id="voice-rate")
            with Horizontal(classes="setting-row"):
                yield Label("Voice volume (0 to 1)")
                yield Input(f"{s.voice_volume:g}", type="number", id="voice-volume")
            with Horizontal(classes="setting-row"):
                yield Label("Which voice (your language's first)")
                yield Select[str](
                    ordered_voices(self.voices, self.language),
                    prompt="The default voice",
                    value=s.voice_id if s.voice_id in self._voice_ids() else Select.NULL,
                    id="voice-id",
                )
            with Horizontal(classes="setting-row"):
                yield Label("Keep the sound awake (for Bluetooth)")
                yield Select[str](
                    KEEP_AWAKE, value=s.keep_audio_awake, allow_blank=False, id="keep-awake"
                )
            if self._kept:
                with Horizontal(classes="setting-row", id="kept-row"):
                    yield Static(self._kept_words(), id="kept-counts", markup=False)
                    yield Button("Back to the program's counts", id="forget-counts")
            yield ClickerSettings(s.clicker)
            yield Static("", id="settings-error", markup=False)
            with Horizontal(classes="setting-row"):
                yield Button("Test the voice", id="test-voice")
                yield Button("Save", variant="primary", id="save")
        yield KeysFooter()

    def _voice_ids(self) -> set[str]:
        return {vid for vid, _ in self.voices}

    def _kept_words(self) -> str:
        counts = ", ".join(
            f"{self.exercise_names.get(ex, ex)} {seconds:.1f} s per rep"
            for ex, seconds in self._kept.items()
        )
        return f"Counts kept from a session: {counts}." if counts else "The program's counts."

    def _read(self) -> Settings | None:
        """The settings as edited, or None (with the reason shown, in words) when a field is
        not a number or out of range."""
        from pydantic import ValidationError

        from session.records import Settings

        side = self.query_one("#sore-side", RadioSet).pressed_button
        train = self.query_one("#train", RadioSet).pressed_button
        error = self.query_one("#settings-error", Static)
        data = self.settings.model_dump() | {
            "sore_side": side.name if side else self.settings.sore_side,
            "train": train.name if train else self.settings.train,
            "voice_enabled": self.query_one("#voice-enabled", Switch).value,
            "voice_rate": self.query_one("#voice-rate", Input).value.strip(),
            "voice_volume": self.query_one("#voice-volume", Input).value.strip(),
            "voice_id": self._chosen_voice(),
            "kept_cadences": self._kept,
            "keep_audio_awake": self.query_one("#keep-awake", Select).value,
            "strength": self._part1().model_dump(),
            "clicker": self.query_one(ClickerSettings).read(),
        }
        try:
            settings = Settings.model_validate(data)
        except ValidationError as exc:
            error.update(in_words(exc, Settings))
            return None
        error.update("")
        return settings

    def _part1(self) -> StrengthSettings:
        found = self.query(PartOneSettings)
        return found.only_one().read() if found else self.settings.strength

    def _chosen_voice(self) -> str | None:
        value = self.query_one("#voice-id", Select).value
        return value if isinstance(value, str) else None

    def on_select_changed(self, event: Select.Changed) -> None:
        """A voice picked from the list says a few words, so the runner hears what it is."""
        if event.select.id == "voice-id" and isinstance(event.value, str):
            settings = self._read()
            if settings is not None:
                self.post_message(TestVoice(settings, VOICE_PICKED))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "test-voice":
            self.action_test_voice()
        elif event.button.id == "forget-counts":
            self._kept = {}
            self.query_one("#kept-counts", Static).update(
                "Back to the program's counts once you save."
            )
            event.button.disabled = True

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
