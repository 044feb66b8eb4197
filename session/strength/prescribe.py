"""Today's part 1: the week and its dose, a load for each calf raise, and the reasons.

Pure: the caller passes the part-1 summaries of past sessions, the morning judge (see
`session.strength.mornings`), the main program's stop threshold (so both parts judge pain by the
same zones) and an aware `now`, whose time zone gives the local days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from session.strength.load import LoadContext, propose_load, stance_words
from session.strength.mornings import NOT_CHECKED, MorningsAfter
from session.strength.program import StrengthProgram
from session.strength.records import StrengthPrescription, StrengthSettings, StrengthSummary
from session.strength.weeks import week_of


def trained_history(history: Sequence[StrengthSummary]) -> list[StrengthSummary]:
    """Finished sessions with at least one strength set, oldest first: what the rules read."""
    return sorted((s for s in history if s.finished and s.trained), key=lambda s: s.started_at)


def prescribe_strength(
    program: StrengthProgram,
    settings: StrengthSettings,
    history: Sequence[StrengthSummary],
    mornings: MorningsAfter,
    stop_threshold: int,
    now: dt.datetime,
) -> StrengthPrescription:
    """Part 1 for a session starting at `now` (timezone-aware)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    tz = now.tzinfo
    trained = trained_history(history)
    position = week_of(program, (s.day(tz) for s in trained), now.date())
    if trained:
        last = trained[-1]
        morning = mornings(last.ended_at or last.started_at, last.day(tz))
    else:
        morning = NOT_CHECKED
    ctx = LoadContext(program, trained, morning, position, stop_threshold, tz)
    loads = tuple(propose_load(ctx, ex, settings.stance_for(ex)) for ex in program.exercises)
    block = program.doses[position.block]
    return StrengthPrescription(
        week=position.week,
        block=position.block,
        label=block.label,
        sets=block.sets,
        reps=block.reps,
        loads=loads,
        reasons=(*position.reasons, *_stance_notes(program, settings)),
        decided_at=now,
    )


def _stance_notes(program: StrengthProgram, settings: StrengthSettings) -> list[str]:
    """A sentence for each stance the runner chose that the program does not offer."""
    notes = []
    for exercise in program.exercises:
        stance, asked = settings.stance_for(exercise), settings.stances.get(exercise.id)
        if asked is not None and asked != stance:
            notes.append(
                f"{exercise.name}: {stance_words(asked)} is not offered by the program, so "
                f"{stance_words(stance)}."
            )
    return notes
