"""Shared builders for the session tests: the program, prescriptions, records, a fake clock."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from session import engine
from session.effects import CueKind, Effect, Persist, Say
from session.engine import WorkoutState
from session.events import CueEnded, Event, PainRating, Tick
from session.program import Program
from session.progression import prescription_at
from session.records import (
    CheckIn,
    LegResult,
    Prescription,
    SessionRecord,
    SessionStatus,
    SetResult,
    Settings,
)
from store.program_file import load_program

PROGRAM: Program = load_program()

# A fixed-offset zone keeps the tests independent of the machine's tz database.
CET = dt.timezone(dt.timedelta(hours=1), "CET")
MONDAY = dt.datetime(2025, 1, 6, 18, 0, tzinfo=CET)  # Mon 06 Jan 2025, 18:00 local
WALL0 = dt.datetime(2025, 1, 6, 17, 0, tzinfo=dt.UTC)  # the engine's wall origin (UTC)
T0 = 1000.0  # the engine's monotonic origin
TICK = 0.25


def tempo_program(*, reps: int = 3, sets: int = 2, up: int = 3, down: int = 3) -> Program:
    """The shipped program plus one small tempo exercise (a calf raise, `up` s up and `down` s
    down) in a circuit of its own, as the last ladder step: enough to drive the tempo mechanics.
    Its content is a test's, not the strength program's."""
    data = PROGRAM.model_dump()
    data["exercises"] = [
        *data["exercises"],
        {
            "id": "calf_raise",
            "name": "Standing Calf Raise",
            "how_to": "Stand on the edge of a step. Rise slowly onto the toes, then lower slowly.",
            "cue": "Calf raise, knee straight",
            "kind": "tempo",
            "tempo_up": up,
            "tempo_down": down,
        },
    ]
    data["circuits"] = [*data["circuits"], {"id": 3, "name": "Tempo", "exercises": ["calf_raise"]}]
    data["ladder"] = [*data["ladder"], {"circuit": 3, "sets": sets, "reps": reps, "label": "Tempo"}]
    return Program.model_validate(data)


def rx_for(program: Program, step: int, *, now: dt.datetime = MONDAY) -> Prescription:
    """The prescription for a ladder step, as progression would build it."""
    return prescription_at(program, step, reasons=("test",), decided_at=now)


def session_record(
    program: Program,
    step: int,
    started: dt.datetime,
    *,
    status: SessionStatus = SessionStatus.COMPLETED,
    pains: Sequence[int] = (2,),
    minutes: float = 40.0,
    sid: str | None = None,
) -> SessionRecord:
    """A finished session at `step`, one set result per pain rating, ending `minutes` later."""
    rx = rx_for(program, step, now=started)
    ended = started + dt.timedelta(minutes=minutes)
    sets = tuple(
        SetResult(
            exercise=rx.exercises[i % len(rx.exercises)],
            set_index=i // len(rx.exercises) + 1,
            sets_total=rx.sets,
            legs=(
                LegResult(
                    leg="right",
                    reps_done=rx.reps,
                    reps_target=rx.reps,
                    started_at=started,
                    ended_at=started,
                ),
            ),
            pain=pain,
            started_at=started,
            ended_at=ended,
        )
        for i, pain in enumerate(pains)
    )
    return SessionRecord(
        id=sid or f"s-{started.isoformat()}",
        started_at=started,
        ended_at=ended if status is not SessionStatus.IN_PROGRESS else None,
        status=status,
        prescription=rx,
        legs=("right",),
        sets=sets,
    )


def checkin(when: dt.datetime, pain: int) -> CheckIn:
    return CheckIn(day=when.date(), pain=pain, recorded_at=when)


def says(effects: Sequence[Effect]) -> list[Say]:
    return [e for e in effects if isinstance(e, Say)]


def persists(effects: Sequence[Effect]) -> list[Persist]:
    return [e for e in effects if isinstance(e, Persist)]


def grid_after(t: float, origin: float = T0, tick: float = TICK) -> float:
    """The first fake-clock tick at or after `t`."""
    return origin + math.ceil((t - origin) / tick - 1e-9) * tick


Rater = Callable[[WorkoutState, float], int | None]


@dataclass
class Run:
    """A session driven on a fake clock that ticks every `tick` seconds.

    `rater(state, now)` is asked at every tick while a rating is missing after a set; it returns
    a rating to give now, or None to keep waiting. With `hear` (the default), every cue that asks
    to be heard back (`Say.key`) is reported heard at once, as `RecordingVoice` does; without it
    the test sends `CueEnded` itself.
    """

    state: WorkoutState
    now: float
    effects: list[Effect] = field(default_factory=list)
    tick: float = TICK
    events: list[tuple[float, Event]] = field(default_factory=list)
    hear: bool = True

    @classmethod
    def begin(
        cls,
        program: Program = PROGRAM,
        step: int = 1,
        settings: Settings | None = None,
        *,
        rx: Prescription | None = None,
        now: float = T0,
        tick: float = TICK,
        hear: bool = True,
    ) -> Run:
        state, effects = engine.start(
            program,
            rx or rx_for(program, step),
            settings or Settings(sore_side="right"),
            session_id="s1",
            now=now,
            wall_now=WALL0,
        )
        run = cls(state=state, now=now, tick=tick, hear=hear)
        run.effects.extend(effects)
        run.heard(effects)
        return run

    def send(self, event: Event, now: float | None = None) -> list[Effect]:
        """Step the engine; with `hear`, the effects include those of the cues heard back."""
        if now is not None:
            assert now >= self.now
            self.now = now
        self.state, effects = engine.step(self.state, event, self.now)
        self.events.append((self.now, event))
        self.effects.extend(effects)
        return effects + self.heard(effects)

    def heard(self, effects: Sequence[Effect]) -> list[Effect]:
        """Report every keyed cue in `effects` heard now (when `hear`); the effects that makes."""
        more: list[Effect] = []
        if self.hear:
            for cue in says(effects):
                if cue.key is not None:
                    more += self.send(CueEnded(cue.key, spoken=True))
        return more

    def awaiting(self) -> bool:
        return self.state.awaiting_pain

    def run(
        self,
        *,
        until: float | None = None,
        stop: Callable[[WorkoutState], bool] | None = None,
        rater: Rater | None = None,
        max_ticks: int = 100_000,
    ) -> Run:
        """Tick until `until`, until `stop(state)` holds, or until the session is finished."""
        for _ in range(max_ticks):
            if self.state.finished or (stop is not None and stop(self.state)):
                return self
            if until is not None and self.now + self.tick > until + 1e-9:
                return self
            self.send(Tick(), self.now + self.tick)
            if rater is not None and self.awaiting() and not self.state.finished:
                rating = rater(self.state, self.now)
                if rating is not None:
                    self.send(PainRating(rating))
        raise AssertionError("the session did not end within the tick budget")

    def says(self) -> list[Say]:
        return says(self.effects)

    def cues(self, *kinds: CueKind) -> list[Say]:
        return [s for s in self.says() if not kinds or s.kind in kinds]


def rate_after(seconds: float, ratings: Sequence[int]) -> Rater:
    """Give the i-th rating `seconds` after it was asked for (the last one once they run out)."""
    given: list[int] = []

    def rater(state: WorkoutState, now: float) -> int | None:
        if now < state.phase_start + seconds:
            return None
        rating = ratings[len(given)] if len(given) < len(ratings) else ratings[-1]
        given.append(rating)
        return rating

    return rater


def wall(t: float) -> dt.datetime:
    """The UTC moment of engine time `t` in runs started by `Run.begin`."""
    return WALL0 + dt.timedelta(seconds=t - T0)


def close(a: dt.datetime, b: dt.datetime) -> bool:
    return abs((a - b).total_seconds()) < 1e-3
