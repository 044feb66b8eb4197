"""What the workout screen and the pain modal show of the engine's view: one pure function a part.

Each takes a `session.view.WorkoutView` and returns plain text (never markup: exercise names and
how-tos come from the program file). The screens bind widgets to these (tui.widgets.view_parts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from session.engine import Phase

if TYPE_CHECKING:
    from session.view import WorkoutView

RESTING = (Phase.REST, Phase.AWAIT_PAIN)


def clock_face(seconds: int) -> str:
    """`75` -> `1:15`."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def part_name(v: WorkoutView) -> str:
    """Which part the set shown belongs to: "Calf raises", or the circuit's number."""
    return "Calf raises" if v.part == "strength" else f"Circuit {v.circuit}"


def status_line(v: WorkoutView) -> str:
    """Where the session is. (Paused, the bar turns the warning colour and the exercise's place
    says PAUSED: the line stays as it is. Where it does not fit beside the marks, the status bar
    shows `status_short`.)"""
    return _up_next(v, f"{part_name(v)} · {_sets(v)}")


def status_short(v: WorkoutView) -> str:
    """The status line without the part (Today and the summary say it), for when the long one
    does not fit beside the marks (60 columns, the voice mark shown)."""
    return _up_next(v, _sets(v))


def _sets(v: WorkoutView) -> str:
    return f"Set {v.set_index} of {v.sets_total} · {v.set_number} of {v.set_count} sets today"


def _up_next(v: WorkoutView, status: str) -> str:
    return "Up next · " + status if v.up_next else status


def exercise(v: WorkoutView) -> str:
    """The exercise, or PAUSED in its place (and in its colours) while paused."""
    return "Paused" if v.paused else v.exercise


def _heels(v: WorkoutView) -> bool:
    """A both-legs calf raise in its reps: the big word is the way the heels go, not a leg."""
    return v.stroke is not None and v.leg == "both"


def leg(v: WorkoutView) -> str:
    return v.stroke.direction if _heels(v) and v.stroke is not None else v.leg


def leg_label(v: WorkoutView) -> str:
    return "heels, both legs" if _heels(v) else v.leg_label


def count_label(v: WorkoutView) -> str:
    """The words over the big counter (the phase table's)."""
    return v.label


def count(v: WorkoutView) -> str:
    """The rep, the time left, `?` while the pain rating is awaited, or nothing."""
    return v.big_count


def detail(v: WorkoutView) -> str:
    if v.paused and v.phase is not Phase.STOP_RATING:
        # The key first: on one row (60 x 20) the end of a long name is what is cut.
        return f"Paused. Press space to carry on: {v.exercise}."
    if v.phase is Phase.STOP_GRACE:
        return (
            f"You rated {v.grace_rating}/10: the session stops in {v.remaining_whole} s. "
            "Press u to change the rating."
        )
    if v.phase is Phase.STOP_RATING:
        return "Stopped for pain. Rate your pain 0-10 (p)."
    if v.phase in RESTING and v.awaiting_pain:
        return "Rest. Rate your pain 0-10 (p) to go on."
    if v.up_next or v.phase in (Phase.ANNOUNCE, Phase.COUNTDOWN):
        return v.how_to
    if v.stroke is not None:
        load = f"{v.next_load} · " if v.next_load else ""
        return f"{load}Slow and steady: follow the count, up, then down."
    if v.part == "strength":
        return (
            f"{v.next_load} · slow reps on the count" if v.next_load else "Slow reps on the count"
        )
    return f"{v.cadence:.1f} s per rep  (+ faster, - slower)"


def next_up(v: WorkoutView) -> str:
    return f"Next: {v.next_up}"


def rest_label(v: WorkoutView) -> str:
    """Over the pain question: the rest running underneath, and what comes after it."""
    if v.phase is Phase.STOP_RATING:
        return "Stopped for pain · rate it, and the session ends here"
    if v.remaining is not None:
        return ("PAUSED · " if v.paused else "") + f"Rest · next: {v.next_up}"
    return f"Rest · rate your pain to go on · next: {v.next_up}"
