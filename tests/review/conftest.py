"""Shared pieces for the review tests: a realistic generated history, a real store, the app.

The history follows the real rules: each session is prescribed by `prescribe` from the one before
and its next morning, three a week (Mon/Wed/Fri at 18:00) with a few missed, a pain rating after
every set, now and then a flared morning or a session stopped for pain. Deterministic for a seed,
so the snapshots never change by themselves.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

import tui.app
from bench.sample_history import make_set
from session.program import Program
from session.progression import prescribe
from session.records import CheckIn, Leg, SessionRecord, SessionStatus, SetResult, Settings
from store import Store
from store.exchange import build_export
from store.program_file import load_program
from tui.app import AchillesApp
from tui.services import Services, silent_voice

CET = dt.timezone(dt.timedelta(hours=1), "CET")
"""A fixed-offset zone keeps the tests independent of the machine's tz database."""
NOW = dt.datetime(2025, 6, 4, 8, 0, tzinfo=CET)
"""Wednesday 4 June 2025, 08:00 local: the wall clock of every app in these tests."""
PROGRAM: Program = load_program()
LEGS: tuple[Leg, ...] = ("right", "left")
RIGHT_SORE = Settings(sore_side="right")


def _sets(
    rx_exercises: tuple[str, ...], sets: int, reps: int, start: dt.datetime, rng: random.Random
) -> list[SetResult]:
    out: list[SetResult] = []
    t = start
    for round_no in range(1, sets + 1):
        for exercise in rx_exercises:
            pain = rng.choice((1, 2, 2, 2, 3, 3, 4))
            out.append(make_set(exercise, round_no, sets, t, reps=reps, pain=pain, legs=LEGS))
            t += dt.timedelta(seconds=105)
    return out


@cache
def history(
    weeks: int = 52, end: dt.datetime = NOW, seed: int = 7
) -> tuple[tuple[SessionRecord, ...], tuple[CheckIn, ...]]:
    """`weeks` weeks of sessions up to `end`, prescribed by the real progression rules."""
    rng = random.Random(seed)
    first = end.date() - dt.timedelta(days=end.weekday() + 7 * weeks)
    sessions: list[SessionRecord] = []
    checkins: list[CheckIn] = []
    for n in range(weeks * 3 + 3):
        day = first + dt.timedelta(days=7 * (n // 3) + 2 * (n % 3))
        start = dt.datetime.combine(day, dt.time(18, 0), tzinfo=end.tzinfo)
        if start >= end:
            break
        if rng.random() < 0.07:
            continue  # a missed session
        # The outcome chain needs only the last session, its morning and the normal before it.
        rx = prescribe(PROGRAM, sessions[-1:], checkins[-10:], start)
        sets = _sets(rx.exercises, rx.sets, rx.reps, start.astimezone(dt.UTC), rng)
        status = SessionStatus.COMPLETED
        roll = rng.random()
        if roll < 0.03:
            status = SessionStatus.STOPPED_FOR_PAIN
            sets = sets[: max(1, len(sets) // 2)]
            sets[-1] = sets[-1].model_copy(update={"pain": 6})
        elif roll < 0.06:
            status = SessionStatus.ENDED_EARLY
            sets = sets[: max(1, len(sets) // 2)]
        sessions.append(
            SessionRecord(
                id=f"s{len(sessions):04d}",
                started_at=start.astimezone(dt.UTC),
                ended_at=sets[-1].ended_at,
                status=status,
                prescription=rx,
                legs=LEGS,
                sets=tuple(sets),
            )
        )
        morning = start + dt.timedelta(hours=13, minutes=30)
        if morning < end and rng.random() > 0.05:
            pain = rng.choice((1, 2, 2, 2, 2, 2, 1, 4) if len(checkins) > 3 else (2,))
            checkins.append(
                CheckIn(
                    day=morning.date(),
                    pain=pain,
                    stiffness_minutes=rng.choice((None, 5, 10)),
                    recorded_at=morning.astimezone(dt.UTC),
                )
            )
    return tuple(sessions), tuple(checkins)


def write_history(
    data_dir: Path,
    sessions: tuple[SessionRecord, ...] | list[SessionRecord] = (),
    checkins: tuple[CheckIn, ...] | list[CheckIn] = (),
    settings: Settings = RIGHT_SORE,
) -> Path:
    """A real data folder holding these records (written as one import: fast for a year)."""
    with Store.open(data_dir) as store:
        store.save_settings(settings)
        if sessions or checkins:
            store.import_json(build_export(settings, list(sessions), list(checkins), NOW))
    return data_dir


@pytest.fixture
def year_dir(tmp_path: Path) -> Path:
    """A data folder with a generated year of sessions and check-ins."""
    return write_history(tmp_path / "data", *history())


@pytest.fixture
def empty_dir(tmp_path: Path) -> Path:
    """A data folder with settings only (no sessions, no check-ins)."""
    return write_history(tmp_path / "data")


class AppFactory:
    def __init__(self) -> None:
        self.made: list[Services] = []

    def __call__(self, data_dir: Path, now: dt.datetime = NOW) -> AchillesApp:
        app = tui.app.make_app(data_dir=data_dir, voice_factory=silent_voice, wall=lambda: now)
        self.made.append(app.services)
        return app


@pytest.fixture
def make_app() -> Iterator[AppFactory]:
    """`make_app(data_dir, now=NOW)` -> an AchillesApp on real services; closed in teardown."""
    factory = AppFactory()
    yield factory
    for services in factory.made:
        services.close()
