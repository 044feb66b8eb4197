"""`AsyncCoach`: the app's coach. Every use case of `Coach`, awaited, run on the history's thread.

One thread owns the store: every read and write runs there, in order, never on the UI loop.
Ordered, single-threaded access means a set's save can never overtake the save of the rating that
follows it, and TinyDB is never touched from two threads at once. The `Coach` (the store, the
program) is opened there on first use, so nothing heavy is imported or read before the app's
first frame: this module imports neither the store nor the models at run time.

Screens receive an `AsyncCoach` and await its methods; a failed read or write raises
`HistoryError` with the store's plain message.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, TypeVar

from store.errors import StoreError
from tui.clock import WallClock

if TYPE_CHECKING:
    from collections.abc import Mapping

    from session.checkin import CheckInResult, MorningChoice, WhichMorning
    from session.records import Leg, Prescription, SessionRecord, Settings
    from session.running.functional import FunctionalResult
    from session.running.outcome import Answer
    from session.running.speed_program import TestKind
    from tui.coach.checkins import CheckInForm
    from tui.coach.coach import Begin, Coach, Startup
    from tui.coach.correction import Correction
    from tui.coach.part1 import NextDay, PartOneReview, PartOneToday
    from tui.coach.review import Review
    from tui.coach.running import RunAnswers, RunForm, RunLogged, RunningReview, RunningToday
    from tui.coach.today import Today
    from tui.coach.trials import BeginTrial, Questionnaire, ScoreSaved, TestSaved, TestsOverview

T = TypeVar("T")


class HistoryError(Exception):
    """The history could not be read or saved. The message is plain English, fit to show."""


class CannotStart(Exception):
    """The coach cannot open: another instance writes, or a program or data file is unusable.
    The message is fit to show; `code` is the exit status (2: the program file, else 1)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


class AsyncCoach:
    """Runs `fn(coach)` on the history's own thread; the coach is opened there on first use."""

    def __init__(self, opener: Callable[[], Coach], wall: WallClock) -> None:
        self._opener = opener
        self._wall = wall
        self._coach: Coach | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="achilles-store")
        self._startup: Future[Startup] | None = None
        self._closed = False

    def _with_coach(self, fn: Callable[[Coach], T]) -> T:
        if self._coach is None:
            self._coach = self._opener()
        return fn(self._coach)

    def call(self, fn: Callable[[Coach], T]) -> Future[T]:
        """Queue `fn` behind everything queued before; returns at once (errors as raised)."""
        return self._pool.submit(self._with_coach, fn)

    async def run(self, fn: Callable[[Coach], T]) -> T:
        """Await `fn(coach)` from the UI loop without blocking it. Raises HistoryError."""
        try:
            return await asyncio.wrap_future(self.call(fn))
        except StoreError as exc:
            raise HistoryError(str(exc)) from exc

    def now(self) -> dt.datetime:
        """Wall time, as the coach sees it (no store involved: call it from the UI loop)."""
        return self._wall()

    # --- start-up -------------------------------------------------------------------------------

    async def startup(self) -> Startup:
        """Open the history and read the program and settings, once (the first call starts it,
        every caller awaits the same). Raises CannotStart."""
        if self._startup is None:
            self._startup = self._pool.submit(self._start)
        return await asyncio.wrap_future(self._startup)

    def _start(self) -> Startup:
        from session.program import ProgramError  # on the history's thread, after first paint

        try:
            return self._with_coach(lambda c: c.startup())
        except ProgramError as exc:
            raise CannotStart(str(exc), 2) from exc
        except StoreError as exc:
            raise CannotStart(str(exc), 1) from exc

    async def started(self) -> Startup | None:
        """The start-up's result once done; None when it failed (the app is then exiting)."""
        try:
            return await self.startup()
        except CannotStart:
            return None

    # --- the use cases (see `Coach` for what each does) -----------------------------------------

    async def settings(self) -> Settings:
        return await self.run(lambda c: c.settings())

    async def save_settings(self, settings: Settings) -> None:
        await self.run(lambda c: c.save_settings(settings))

    async def keep_cadences(self, cadences: dict[str, float]) -> Settings:
        return await self.run(lambda c: c.keep_cadences(cadences))

    async def today(self) -> Today:
        return await self.run(lambda c: c.today())

    async def next_session(self) -> Prescription:
        return await self.run(lambda c: c.next_session())

    async def next_day(self) -> NextDay:
        return await self.run(lambda c: c.next_day())

    async def start_workout(
        self,
        prescription: Prescription,
        *,
        part1: PartOneToday | None = None,
        loads: Mapping[str, float] | None = None,
    ) -> Begin:
        return await self.run(lambda c: c.start_workout(prescription, part1=part1, loads=loads))

    async def resume_workout(self, record: SessionRecord) -> Begin:
        return await self.run(lambda c: c.resume_workout(record))

    def save_session(self, record: SessionRecord) -> Future[None]:
        """Queue a session's save; never awaited on the UI loop (see `WorkoutRunner`)."""
        return self.call(lambda c: c.save_session(record))

    async def correct_rating(self, session_id: str, rating: int) -> Correction:
        """Raises CannotCorrect (not a HistoryError) when the rating cannot be changed."""
        return await self.run(lambda c: c.correct_rating(session_id, rating))

    async def checkin_due(self) -> bool:
        return await self.run(lambda c: c.checkin_due())

    async def checkin_form(self) -> CheckInForm:
        """Raises AnswerError (not a HistoryError) for a morning that cannot be checked in."""
        return await self.run(lambda c: c.checkin_form())

    async def check_in(
        self,
        pain: int,
        stiffness: int | None,
        note: str,
        *,
        which: WhichMorning | None = None,
        choice: MorningChoice | None = None,
    ) -> CheckInResult | None:
        return await self.run(
            lambda c: c.check_in(pain, stiffness, note, which=which, choice=choice)
        )

    async def review(self) -> Review:
        return await self.run(lambda c: c.review())

    async def session(self, session_id: str) -> SessionRecord | None:
        return await self.run(lambda c: c.session(session_id))

    async def part1_review(self) -> PartOneReview:
        return await self.run(lambda c: c.part1_review())

    # --- back to speed work ---------------------------------------------------------------------

    async def running_today(self) -> RunningToday:
        return await self.run(lambda c: c.running_today())

    async def run_form(self) -> RunForm:
        return await self.run(lambda c: c.run_form())

    async def log_run(self, answers: RunAnswers) -> RunLogged:
        """Raises RunEntryError (the message names the field) as `Coach.log_run` does."""
        return await self.run(lambda c: c.log_run(answers))

    async def tests_overview(self) -> TestsOverview:
        return await self.run(lambda c: c.tests_overview())

    async def start_test(self, kind: TestKind) -> BeginTrial:
        return await self.run(lambda c: c.start_test(kind))

    def save_result(self, result: FunctionalResult) -> Future[TestSaved]:
        """Queue a test result's save; the test screen never waits for it on the UI loop."""
        return self.call(lambda c: c.save_result(result))

    async def enter_result(
        self, kind: TestKind, counts: dict[Leg, int], note: str = ""
    ) -> TestSaved:
        return await self.run(lambda c: c.enter_result(kind, counts, note))

    async def questionnaire(self) -> Questionnaire:
        return await self.run(lambda c: c.questionnaire())

    async def save_score(self, answers: Mapping[str, Answer]) -> ScoreSaved:
        return await self.run(lambda c: c.save_score(answers))

    async def running_review(self) -> RunningReview:
        return await self.run(lambda c: c.running_review())

    # --- closing --------------------------------------------------------------------------------

    def close(self) -> None:
        """Finish every queued write, then close the history (releasing its lock). Idempotent."""
        if self._closed:
            return
        self._closed = True

        def _close() -> None:
            if self._coach is not None:
                self._coach.close()

        self._pool.submit(_close)
        self._pool.shutdown(wait=True)
