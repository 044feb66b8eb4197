"""Hand-made history for the running tests: runs, check-ins, session summaries, test results.

Times are local (a fixed CET offset, so no tz database is needed) and days count from Monday
3 March 2025. Mornings are judged by the real rule (session.history via CheckInMornings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from session.records import CheckIn, SessionStatus, SessionSummary, SoreSide
from session.running.functional import FunctionalResult
from session.running.mornings import CheckInMornings
from session.running.plan import History
from session.running.runs import RunKind, RunRecord, make_run
from session.running.speed_program import SpeedProgram
from store.program_file import load_program
from store.speed_program_file import load_speed_program

PROGRAM = load_program()
SPEED: SpeedProgram = load_speed_program(PROGRAM.calming_measures)
CET = dt.timezone(dt.timedelta(hours=1), "CET")
MON = dt.datetime(2025, 3, 3, 0, 0, tzinfo=CET)
"""Monday 3 March 2025, midnight local."""
MEASURES = SPEED.measure_ids()


def at(day: int, hour: int = 18, minute: int = 0) -> dt.datetime:
    """Local time on day `day` (0 = Monday 3 March 2025)."""
    return MON + dt.timedelta(days=day, hours=hour, minutes=minute)


def run(
    day: int,
    kind: RunKind = RunKind.EASY,
    *,
    minutes: float = 40,
    pain: int = 2,
    after: int | None = None,
    calming: Sequence[str] = (),
    hour: int = 18,
    distance_km: float | None = None,
) -> RunRecord:
    start = at(day, hour)
    return make_run(
        started_at=start,
        kind=kind,
        minutes=minutes,
        distance_km=distance_km,
        pain_during=pain,
        pain_after=after,
        calming=calming,
        now=start + dt.timedelta(minutes=minutes + 60),
        known_measures=MEASURES,
    )


def checkin(day: int, pain: int, hour: int = 7) -> CheckIn:
    when = at(day, hour)
    return CheckIn(day=when.date(), pain=pain, recorded_at=when.astimezone(dt.UTC))


def mornings(pains: dict[int, int], window: int = 7) -> CheckInMornings:
    """Check-ins on the given days (day -> pain), judged as the app judges them."""
    return CheckInMornings([checkin(d, p) for d, p in pains.items()], window)


def settled(days: Iterable[int], pain: int = 2) -> dict[int, int]:
    return dict.fromkeys(days, pain)


def session(
    day: int,
    *,
    circuit: int = 2,
    sets: int = 3,
    reps: int = 15,
    pain: int | None = 2,
    status: SessionStatus = SessionStatus.COMPLETED,
) -> SessionSummary:
    start = at(day, 18)
    return SessionSummary(
        id=f"s-{day}",
        started_at=start.astimezone(dt.UTC),
        ended_at=(start + dt.timedelta(minutes=35)).astimezone(dt.UTC),
        status=status,
        step=5 if circuit == 2 and sets == 3 else 0,
        circuit=circuit,
        label=f"Circuit {circuit}: {sets} x {reps}",
        sets=sets,
        reps=reps,
        sets_prescribed=sets * 3,
        sets_done=sets * 3,
        reps_done=sets * 3 * reps * 2,
        reps_prescribed=sets * 3 * reps * 2,
        max_pain=pain,
    )


def mon_wed_fri(first: int, last: int, **kw: object) -> list[SessionSummary]:
    """A session every Monday, Wednesday and Friday from day `first` to `last`."""
    return [session(d, **kw) for d in range(first, last + 1) if d % 7 in (0, 2, 4)]  # type: ignore[arg-type]


def result(
    day: int, kind: str, *, left: int | None = None, right: int | None = None
) -> FunctionalResult:
    when = at(day, 10).astimezone(dt.UTC)
    return FunctionalResult.model_validate(
        {
            "id": f"{kind}-{day}",
            "kind": kind,
            "recorded_at": when,
            "left": left,
            "right": right,
        }
    )


def history(
    *,
    sessions: Sequence[SessionSummary] = (),
    runs: Sequence[RunRecord] = (),
    results: Sequence[FunctionalResult] = (),
    pains: dict[int, int] | None = None,
    sore_side: SoreSide | None = "right",
) -> History:
    return History(sessions, runs, results, mornings(pains or {}), sore_side)
