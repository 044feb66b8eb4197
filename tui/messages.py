"""What the screens ask of the app: places to go, and controls for the workout in progress.

Screens post these and never import the app or open each other's places: the app (`tui.app`) is
the one router that builds screens and decides where each message leads. (A question a screen
asks, such as the pain rating or "end the session?", is a modal that screen pushes itself and
that returns its answer.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from textual.message import Message

if TYPE_CHECKING:
    from session.clicker import ClickerMapping
    from session.engine import PartOne
    from session.history import HistoryRow
    from session.program import Program
    from session.records import Prescription, SessionRecord, Settings
    from session.strength.program import StrengthProgram
    from tui.coach.coach import Begin
    from tui.coach.trials import BeginTrial

WorkoutRequest = Literal["pause", "skip", "stop_for_pain"]
"""What can be asked of the workout in progress from another screen (e.g. the pain modal)."""


@dataclass
class StartWorkout(Message):
    """Open the workout; `begin` starts it once its screen is up (see `tui.coach.coach.Begin`)."""

    begin: Begin
    clicker: ClickerMapping | None = None
    """The runner's remote, from the settings (None: the keyboard only)."""


@dataclass
class WorkoutFinished(Message):
    """The session is over and saved: show its summary in place of the workout."""

    record: SessionRecord
    program: Program
    cadences: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Seconds per rep changed during the session (+ and -), by exercise: (from, to). The
    summary offers to keep them for next time (`WorkoutState.cadence_changes`)."""
    strength: StrengthProgram | None = None
    """Part 1's program, when the session held part 1."""


@dataclass
class ControlWorkout(Message):
    """Pause or resume, skip, or stop for pain: the workout in progress (from a screen over it)."""

    request: WorkoutRequest


@dataclass
class PlanShown(Message):
    """Today has shown the plan: what waited for it (the voice) may start."""


@dataclass
class OpenHistory(Message):
    """Show the history and trends."""


@dataclass
class OpenSession(Message):
    """Show every set of one session of the history."""

    row: HistoryRow
    program: Program
    strength: StrengthProgram | None = None
    """Part 1's program, to name a session's calf raises."""
    latest: bool = False
    """The newest session (its last rating may be changed)."""


@dataclass
class OpenSettings(Message):
    """Show the settings."""


@dataclass
class LearnClicker(Message):
    """Open the "press your clicker's buttons" step; `reply` gets the learned mapping (None:
    cancelled), for the settings being edited."""

    reply: Callable[[ClickerMapping | None], None]


@dataclass
class PrepareVoice(Message):
    """Today is shown: let the voice render this session's words before they are needed."""

    program: Program
    prescription: Prescription
    settings: Settings
    part1: PartOne | None = None
    """Part 1 of the session (its proposed loads), when it holds the calf raises."""


@dataclass
class VoiceToggled(Message):
    """The voice was muted or unmuted: show its state."""


@dataclass
class TestVoice(Message):
    """Say the sample sentence (or `text`) with these settings (not saved yet)."""

    settings: Settings
    text: str | None = None
    """Words to say instead of the sample (a voice just picked from the list says a few)."""


@dataclass
class OpenRunLog(Message):
    """Log a run (the run form)."""


@dataclass
class OpenTests(Message):
    """Show the functional tests and the questionnaire."""


@dataclass
class StartTrial(Message):
    """Open a functional test coached by voice; `begin` starts it once its screen is up."""

    begin: BeginTrial


@dataclass
class OpenQuestionnaire(Message):
    """Ask the VISA-A-based questionnaire."""
