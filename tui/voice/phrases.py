"""What the coach says again and again, so the voice can render it before it is first needed.

A fresh render costs 15-70 ms (more on a busy machine), which would make the first "three" and
every rep number of the first leg late. At start-up, while the runner reads Today, the speech
thread renders these in its idle time and keeps them, so a session's timed cues start at once.
A phrase the engine words differently is simply rendered when first said.
"""

from __future__ import annotations

from collections.abc import Sequence

from session.plan import plan_sets, rest_after
from session.program import Program
from session.records import Leg, Prescription


def program_phrases(program: Program) -> list[str]:
    """Rep numbers, countdown words, leg and rest callouts, the pain question and its answers,
    most urgent in time first (the numbers and countdown words of the first leg)."""
    timing, said = program.timing, program.words
    most_reps = max(step.reps for step in program.ladder)
    n = timing.get_ready
    countdown = (
        list(said.countdown)
        if len(said.countdown) == n + 1
        else [*(str(n - i) for i in range(n)), "go"]
    )
    rest_callouts = [
        str(s) if s <= 5 else said.rest_left.format(seconds=s) for s in timing.rest_callouts
    ]
    phrases = [
        *countdown,
        *(str(rep) for rep in range(1, most_reps + 1)),
        said.switch_legs,
        *(said.announce_leg.format(leg=leg) for leg in ("Left", "Right")),
        said.pain_question,
        *(zone.advice for zone in program.pain_zones),
        *rest_callouts,
        said.pain_reminder,
        said.paused,
        said.resumed,
    ]
    return list(dict.fromkeys(p for p in phrases if p.strip()))


def session_phrases(program: Program, prescription: Prescription, legs: Sequence[Leg]) -> list[str]:
    """What a session of this prescription says once or twice: each set's announcement, the
    rests and what comes next (worded as the engine words them), in the order they come."""
    words = program.words
    sets = plan_sets(program, prescription)
    phrases: list[str] = []
    for pos, plan in enumerate(sets):
        exercise = program.exercise(plan.exercise).cue
        phrases.append(
            words.announce.format(
                exercise=exercise,
                leg=legs[0].capitalize(),
                set=plan.set_index,
                sets=plan.sets_total,
            )
        )
        if pos + 1 < len(sets):
            upcoming = sets[pos + 1]
            rest = rest_after(program, plan, upcoming)
            phrases.append(words.rest.format(seconds=round(rest)))
            phrases.append(
                words.next_up.format(exercise=program.exercise(upcoming.exercise).cue, leg=legs[0])
            )
    phrases += [words.session_done, words.stop_for_pain, words.ended_early]
    return list(dict.fromkeys(p for p in phrases if p.strip()))
