"""What the coach says again and again, so the voice can render it before it is first needed.

A fresh render costs 15-70 ms (more on a busy machine), which would make the first "three" and
every rep number of the first leg late. At start-up, while the runner reads Today, the speech
thread renders these in its idle time and keeps them, so a session's timed cues start at once.
Today's session's words come from walking it through the pure engine, so they are the engine's
(part 1's calf raises too, their tempo words and loads, when the session holds them).
"""

from __future__ import annotations

import datetime as dt

from session import engine
from session.effects import Say
from session.events import Event, PainRating, Tick
from session.program import Program
from session.records import Prescription, Settings

REHEARSAL = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""The wall time of the session walked through to find its words (it is never saved)."""


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
        *(said.switch_legs.format(leg=leg) for leg in ("left", "right")),
        *(said.announce_leg.format(leg=leg) for leg in ("Left", "Right")),
        said.pain_question,
        *(zone.advice for zone in program.pain_zones),
        *rest_callouts,
        said.pain_reminder,
        said.paused,
        said.resumed,
    ]
    return list(dict.fromkeys(p for p in phrases if p.strip()))


def session_phrases(
    program: Program,
    prescription: Prescription,
    settings: Settings,
    limit: int = 20_000,
    *,
    part1: engine.PartOne | None = None,
) -> list[str]:
    """Everything a session of this prescription (and of `part1`, first) says, in the order it
    says it: the pure engine walks the whole session in a moment (every deadline met, every
    rating 0), so the words are exactly the engine's, however the program words them."""
    state, effects = engine.start(
        program,
        prescription,
        settings,
        session_id="rehearsal",
        now=0.0,
        wall_now=REHEARSAL,
        part1=part1,
    )
    said = [e.text for e in effects if isinstance(e, Say)]
    for _ in range(limit):
        if state.finished:
            break
        due = engine.next_due(state)
        if state.awaiting_pain or due is None:
            event: Event = PainRating(0)
            at = state.phase_start
        else:
            event, at = Tick(), due
        state, effects = engine.step(state, event, at)
        said += [e.text for e in effects if isinstance(e, Say)]
    return list(dict.fromkeys(p for p in said if p.strip()))
