"""The workout engine: a pure state machine `(state, event, now) -> (state, effects)`.

It walks one session set by set (part 1's calf raises, then the circuit, when the session holds
both, with the program's rest between the parts): for each set, each leg in turn (or both legs
at once, for a both-legs calf raise) gets an announcement, a get-ready countdown once the
announcement has been heard, and counted reps (hops on the exercise's cadence, or a spoken tempo:
"up, two, three" / "down, two, three"), with a switch-legs rest between legs. After the set is
saved, the pain rating is asked while the rest timer runs; the next set starts only once the
rating is in. A rating that stops the session leaves a few seconds to change it; the runner can
stop for pain at any moment.
Each phase is one row of a table (`session.workout.phases`). Every time is an absolute deadline on
the caller's monotonic clock: a transition happens at its scheduled time, not at the tick that
noticed it, so late ticks never add drift.

The cue rule: a cue is heard only while what it says is still true on screen: each `Say` carries
its window, from `at` (when the screen shows it) to `stale_after` (when the screen moves past it:
the next rep or count word, the next second of a countdown, the end of its phase), and the voice
drops it if it cannot start inside it; the cues the runner must hear (the pain question and
advice, a stop, a red flag) have no window, come first by priority, and are said at the next quiet
moment, never dropped.

The engine keeps its side of that rule: it never schedules a cue to be said over one the runner
must hear (the leg ends a full beat after its last rep; the countdown waits for the announcement
to be heard; "Next: ..." joins a rest callout once the rating is likely in).
"""

from __future__ import annotations

from session.workout.begin import PartOne, resume, start
from session.workout.core import advance, next_due, step
from session.workout.phases import PHASES, PhaseRules
from session.workout.results import change_rating
from session.workout.rhythm import rhythm_of
from session.workout.state import Phase, Step, Workout, WorkoutState

__all__ = [
    "PHASES",
    "PartOne",
    "Phase",
    "PhaseRules",
    "Step",
    "Workout",
    "WorkoutState",
    "advance",
    "cadence_adjustable",
    "change_rating",
    "next_due",
    "resume",
    "start",
    "step",
]


def cadence_adjustable(state: WorkoutState) -> bool:
    """Whether + and - may change the current set's seconds per rep (hops yes, a tempo no)."""
    return rhythm_of(state).adjustable
