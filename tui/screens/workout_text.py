"""What the workout screen and the pain modal show of the engine's view: one pure function a part.

Each takes a `session.view.WorkoutView` and returns plain text (never markup: exercise names and
how-tos come from the program file). The screens bind widgets to these (tui.widgets.view_parts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from session.engine import Phase

if TYPE_CHECKING:
    from session.view import WorkoutView

PHASE_WORDS = {
    Phase.ANNOUNCE: "get ready",
    Phase.COUNTDOWN: "get ready",
    Phase.REPS: "rep",
    Phase.SWITCH_LEGS: "switch legs",
    Phase.REST: "rest",
    Phase.AWAIT_PAIN: "rate your pain",
    Phase.FINISHED: "done",
}
RESTING = (Phase.REST, Phase.AWAIT_PAIN)


def clock_face(seconds: int) -> str:
    """`75` -> `1:15`."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def status_line(v: WorkoutView) -> str:
    status = f"Circuit {v.circuit} · Set {v.set_index} of {v.sets_total} · "
    status += f"{v.set_number} of {v.set_count} sets today"
    if v.up_next:
        status = "Up next · " + status
    if v.paused:
        status = "PAUSED · space to carry on · " + status
    return status


def exercise(v: WorkoutView) -> str:
    return v.exercise


def leg(v: WorkoutView) -> str:
    return v.leg


def leg_label(v: WorkoutView) -> str:
    return "next leg" if v.up_next else "leg"


def count_label(v: WorkoutView) -> str:
    return f"rep (of {v.reps_target})" if v.phase is Phase.REPS else PHASE_WORDS[v.phase]


def count(v: WorkoutView) -> str:
    """The rep, the time left, or `?` while the pain rating is awaited."""
    if v.phase is Phase.REPS:
        return f"{v.rep}"
    if v.remaining is not None:
        return clock_face(v.remaining_whole)
    return "?" if v.phase is Phase.AWAIT_PAIN else ""


def detail(v: WorkoutView) -> str:
    if v.phase in RESTING and v.awaiting_pain:
        return "Rest. Rate your pain 0-10 (p) to go on."
    if v.up_next or v.phase in (Phase.ANNOUNCE, Phase.COUNTDOWN):
        return v.how_to
    return f"{v.cadence:.1f} s per rep  (+ faster, - slower)"


def next_up(v: WorkoutView) -> str:
    return f"Next: {v.next_up}"


def rest_label(v: WorkoutView) -> str:
    """Over the pain question: the rest running underneath, and what comes after it."""
    if v.remaining is not None:
        return f"Rest · next: {v.next_up}" + ("  (PAUSED)" if v.paused else "")
    return f"Rest is over · next: {v.next_up} · rate your pain to go on"


def rest_left(v: WorkoutView) -> str:
    return clock_face(v.remaining_whole) if v.remaining is not None else ""
