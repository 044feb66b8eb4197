"""`Coach`: every use case of the app and the command line, over one open history.

    with Coach.open(data_dir, write=False) as coach:    # a command, on its own thread
        rx = coach.next_session()

The app runs the same methods on the history's own thread, through `tui.coach.thread.AsyncCoach`.
Each method is one thing the runner does or asks: it reads the stored history (`store`), applies
the pure rules (`session`) and builds the documents (`report`). The Coach knows no Textual, prints
nothing and keeps no state but the open store: a new use case (runs, tests, questionnaires,
strength sets) is a method here, its result type in its own module beside this one, and its twin
on `AsyncCoach`.

Errors: `StoreError` (the history cannot be read or saved; the message is fit to show) and
`ProgramError` (the program file is invalid, naming the field and the value).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from session.checkin import check_in, checkin_due, which_morning
from session.recovery import close_unfinished
from store import ImportResult, Store
from store.program_file import load_program
from store.speed_program_file import load_speed_program
from store.strength_file import load_strength
from tui.clock import Clock, EngineClock, WallClock, local_now
from tui.coach.part1 import NextDay, PartOneReview, PartOneToday, part1_review, part_one
from tui.coach.run_mornings import morning_wanted
from tui.coach.today import Today, next_prescription, next_session, todays_plan

# What only some use cases need (the workout engine, the review, the report, the CSV) is imported
# by the method that uses it: the app's first plan waits for this module on the history's thread,
# and those imports were a fifth of that wait (bench/startup.py).
if TYPE_CHECKING:
    from collections.abc import Mapping

    from report.physio import Report
    from session.checkin import CheckInResult, MorningChoice, WhichMorning
    from session.engine import Step
    from session.history import HistoryRow
    from session.program import Program
    from session.records import Leg, Prescription, SessionRecord, Settings
    from session.running.functional import FunctionalResult
    from session.running.imports import ImportedRun
    from session.running.outcome import Answer
    from session.running.speed_program import SpeedProgram, TestKind
    from session.strength.program import StrengthProgram
    from store.damage import OnCorrupt
    from tui.coach import running, trials
    from tui.coach.checkins import CheckInForm
    from tui.coach.correction import Correction
    from tui.coach.documents import Export, ExportFormat, ExportTable
    from tui.coach.review import Review


Begin = Callable[[float, dt.datetime], "Step"]
"""Starts a workout at engine time `now` and wall time `wall_now` (UTC). The workout screen calls
it once it is up, so the first announcement is timed from when it is said, not from a key press
a screen earlier (at a high --time-scale, those milliseconds are seconds)."""


@dataclass(frozen=True, slots=True)
class Startup:
    """What the app needs before its first screen can show a plan."""

    program: Program
    settings: Settings
    notices: tuple[str, ...]
    """What the store found on opening (a damaged file moved aside, an upgrade): tell the runner."""
    strength: StrengthProgram | None = None
    """Part 1's program (the calf raises), read at start-up so a bad file is named at once."""


class Coach:
    """The use cases over one open `Store` and the program. Open with `Coach.open`."""

    def __init__(
        self,
        store: Store,
        *,
        program: Program | None = None,
        program_path: Path | None = None,
        wall: WallClock = local_now,
        clock: Clock | None = None,
        strength: StrengthProgram | None = None,
        strength_path: Path | None = None,
    ) -> None:
        self._store = store
        self._program = program
        self._program_path = program_path
        self._strength = strength
        self._strength_path = strength_path
        self._speed: SpeedProgram | None = None
        self._wall = wall
        self._clock = clock if clock is not None else EngineClock.started()

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        program: Program | None = None,
        program_path: Path | None = None,
        write: bool = True,
        on_corrupt: OnCorrupt = "move_aside",
        wall: WallClock = local_now,
        clock: Clock | None = None,
        strength: StrengthProgram | None = None,
        strength_path: Path | None = None,
    ) -> Coach:
        """Open the history in `data_dir` (read-only with `write=False`: no lock, works beside a
        running app). Without `program` (or `strength`), its file is read on first use."""
        store = Store.open(data_dir, write=write, on_corrupt=on_corrupt)
        return cls(
            store,
            program=program,
            program_path=program_path,
            wall=wall,
            clock=clock,
            strength=strength,
            strength_path=strength_path,
        )

    @property
    def program(self) -> Program:
        """The program given, else the file named at open or the shipped one (read once;
        ProgramError names the field and the value)."""
        if self._program is None:
            self._program = load_program(self._program_path)
        return self._program

    @property
    def strength(self) -> StrengthProgram:
        """Part 1's program: the one given, else the file named at open or the shipped one."""
        if self._strength is None:
            self._strength = load_strength(self._strength_path)
        return self._strength

    @property
    def speed_program(self) -> SpeedProgram:
        """Back to speed work (the shipped return_to_speed.toml, with the program's calming
        measures), read once; SpeedProgramError (a ProgramError) names the field."""
        if self._speed is None:
            self._speed = load_speed_program(self.program.calming_measures)
        return self._speed

    @property
    def notices(self) -> list[str]:
        """What the store found that the runner should be told (damaged files, upgrades)."""
        return self._store.notices

    def now(self) -> dt.datetime:
        """Wall time, timezone-aware, as the runner's clock shows it."""
        return self._wall()

    def startup(self) -> Startup:
        """Read the program (first: a bad file is named before the history is touched) and the
        settings; the store's notices so far."""
        program, strength = self.program, self.strength
        self.speed_program  # noqa: B018 (read now: a bad file is named before any screen)
        return Startup(program, self._store.settings(), tuple(self._store.notices), strength)

    # --- settings -------------------------------------------------------------------------------

    def settings(self) -> Settings:
        return self._store.settings()

    def save_settings(self, settings: Settings) -> None:
        self._store.save_settings(settings)

    def keep_cadences(self, cadences: dict[str, float]) -> Settings:
        """Keep seconds per rep changed in a session (+ and -) for the next sessions, by
        exercise id; the others stay as they are. Returns the settings as saved."""
        old = self._store.settings()
        kept = {**old.kept_cadences, **cadences}
        new = type(old).model_validate(old.model_dump() | {"kept_cadences": kept})
        self._store.save_settings(new)
        return new

    # --- today and the workout ------------------------------------------------------------------

    def today(self) -> Today:
        """Today's plan; a session left unfinished on an earlier day is closed as ended early."""
        return todays_plan(self._store, self.program, self.strength, self.now())

    def next_session(self, now: dt.datetime | None = None) -> Prescription:
        """The circuit's next dose as of `now` (default: now)."""
        return next_prescription(self._store, self.program, self.strength, now or self.now())

    def next_day(self, now: dt.datetime | None = None) -> NextDay:
        """The next session whole: its parts, the circuit's dose, part 1's loads and why."""
        return next_session(self._store, self.program, self.strength, now or self.now())

    def start_workout(
        self,
        prescription: Prescription,
        *,
        part1: PartOneToday | None = None,
        loads: Mapping[str, float] | None = None,
    ) -> Begin:
        """Make ready a new session of `prescription` (and of `part1`, lifting `loads`: exercise
        id -> kg, the proposal's where absent): noted as started early if the rest since the last
        session is not over. A session that could have been resumed is closed first, as ended
        early, so that its sets are kept and it never stays in progress for good."""
        now = self.now()
        unfinished = self._store.unfinished()
        if unfinished is not None:
            self._store.save_session(close_unfinished(unfinished))
        from session import engine

        program, settings = self.program, self._store.settings()
        session_id = uuid.uuid4().hex
        early = not self.next_day(now).ready_at(now) or not prescription.ready_at(now)
        one = None if part1 is None else part_one(part1, loads)

        def begin(clock_now: float, wall_now: dt.datetime) -> Step:
            return engine.start(
                program,
                prescription,
                settings,
                session_id=session_id,
                now=clock_now,
                wall_now=wall_now,
                started_early=early,
                part1=one,
            )

        return begin

    def resume_workout(self, record: SessionRecord) -> Begin:
        """Make ready to carry on today's unfinished session from the first set not done."""
        from session import engine

        program, settings = self.program, self._store.settings()
        strength = self.strength if record.strength is not None else None

        def begin(clock_now: float, wall_now: dt.datetime) -> Step:
            return engine.resume(
                program, record, settings, now=clock_now, wall_now=wall_now, strength=strength
            )

        return begin

    def save_session(self, record: SessionRecord) -> None:
        """Save a session as it is now (on disk before returning)."""
        self._store.save_session(record)

    def correct_rating(self, session_id: str, rating: int) -> Correction:
        """Change the last set's rating of the latest session afterwards (the change is kept),
        and work out the next session again. Raises CannotCorrect with the reason."""
        from tui.coach.correction import correct_last_rating

        store, program, strength = self._store, self.program, self.strength
        return correct_last_rating(store, program, strength, session_id, rating, self.now())

    # --- check-ins ------------------------------------------------------------------------------

    def checkin_due(self) -> bool:
        """Whether to offer the morning check-in now (once, the morning after a session or a
        run)."""
        store, now = self._store, self.now()
        if checkin_due(store.summaries(), store.checkins(), now, self.program.rules):
            return True
        return morning_wanted(store, self.program, now)

    def checkin_form(self, on: dt.date | dt.datetime | None = None) -> CheckInForm:
        """Which morning a check-in made now (or for `on`) is about, and the words above the
        form. A future day raises AnswerError."""
        from tui.coach.checkins import checkin_form

        store = self._store
        return checkin_form(self.program, store.summaries(), store.checkins(), self.now(), on)

    def check_in(
        self,
        pain: int,
        stiffness: int | None,
        note: str,
        *,
        which: WhichMorning | None = None,
        choice: MorningChoice | None = None,
    ) -> CheckInResult | None:
        """Save a morning check-in (replacing one of the same morning) and say what it means.

        `which`: the morning, as `checkin_form` found it (default: as of now); when it asked,
        `choice` is the runner's answer. None when the answer was "not a morning": nothing is
        saved. AnswerError for a future day, or a question left unanswered."""
        now = self.now()
        store = self._store
        summaries, checkins = store.summaries(), store.checkins()
        if which is None:
            which = which_morning(self.program, summaries, checkins, now)
        new = which.checkin(pain, stiffness, note, choice)
        if new is None:
            return None
        result = check_in(self.program, summaries, checkins, new, now)
        store.add_checkin(new)
        return result

    # --- back to speed work: runs, tests, the questionnaire ------------------------------------

    def running_today(self) -> running.RunningToday:
        """Today's speed-work block: the run rule, weaning, the gate, the ladder, the score due."""
        from tui.coach import running

        return running.running_today(self._store, self.program, self.speed_program, self.now())

    def run_form(self) -> running.RunForm:
        from tui.coach import running

        return running.run_form(self._store, self.speed_program, self.now())

    def log_run(self, answers: running.RunAnswers) -> running.RunLogged:
        """Save a run (RunEntryError names the field) and say what it means for the next one."""
        from tui.coach import running

        store, program, speed = self._store, self.program, self.speed_program
        return running.log_run(store, program, speed, answers, self.now())

    def read_run_files(self, path: Path) -> running.RunFiles:
        """The runs in a watch file or a folder of them, each matched to one already logged."""
        from tui.coach import running

        return running.read_run_files(self._store, path)

    def log_imported(self, imported: ImportedRun, answers: running.RunAnswers) -> running.RunLogged:
        """Save an imported run with its kind and pain (the rest of `answers` too)."""
        from tui.coach import running

        store, program, speed = self._store, self.program, self.speed_program
        return running.log_imported(store, program, speed, imported, answers, self.now())

    def tests_overview(self) -> trials.TestsOverview:
        from tui.coach import trials

        return trials.tests_overview(self._store, self.program, self.speed_program, self.now())

    def start_test(self, kind: TestKind) -> trials.BeginTrial:
        """Make ready a functional test coached by voice (the sore side first)."""
        from tui.coach import trials

        sore = self._store.settings().sore_side
        return trials.begin_trial(self.program, self.speed_program, kind, sore)

    def save_result(self, result: FunctionalResult) -> trials.TestSaved:
        """Save a test's result (from the voice-coached test) and its symmetry."""
        from tui.coach import trials

        return trials.save_result(self._store, self.program, self.speed_program, result, self.now())

    def enter_result(
        self, kind: TestKind, counts: dict[Leg, int], note: str = ""
    ) -> trials.TestSaved:
        """A test done without the voice, entered by hand (ResultError says what fits)."""
        from tui.coach import trials

        store, program, speed = self._store, self.program, self.speed_program
        return trials.enter_result(store, program, speed, kind, counts, note, self.now())

    def questionnaire(self) -> trials.Questionnaire:
        from tui.coach import trials

        return trials.questionnaire(self._store, self.speed_program, self.now())

    def save_score(self, answers: Mapping[str, Answer]) -> trials.ScoreSaved:
        """Score and save the questionnaire (OutcomeAnswerError names the question)."""
        from tui.coach import trials

        return trials.save_score(self._store, self.speed_program, answers, self.now())

    def running_review(self) -> running.RunningReview:
        """Runs, tests and scores, week by week and over time, for History and the report."""
        from tui.coach import running

        return running.running_review(self._store, self.program, self.speed_program, self.now())

    # --- the review -----------------------------------------------------------------------------

    def review(self) -> Review:
        """Every session's row, the weeks and the streaks, from summaries only."""
        from tui.coach.review import build_review

        now = self.now()
        return build_review(self.program, self._store.summaries(), self._store.checkins(), now)

    def history_rows(self) -> list[HistoryRow]:
        """Every session's row (unfinished ones too, with their sets), newest first."""
        from session.history import history_rows

        now, rules = self.now(), self.program.rules
        summaries, checkins = self._store.summaries(), self._store.checkins()
        return history_rows(summaries, checkins, rules, now.tzinfo, now.date())

    def session(self, session_id: str) -> SessionRecord | None:
        """One session's full record (reads at most the month file holding it)."""
        return self._store.session(session_id)

    def part1_review(self) -> PartOneReview:
        """Part 1 in the history: a row per exercise of each session, the load by week."""
        return part1_review(self.strength, self._store.summaries(), self.now())

    # --- documents and backups ------------------------------------------------------------------

    def report(self) -> Report:
        """The one-page report for the physio, from summaries and check-ins."""
        from tui.coach.documents import Programs, physio_report

        programs = Programs(self.program, self.strength, self.speed_program)
        running = (self.running_today(), self.running_review())
        return physio_report(self._store, programs, running, self.now())

    def export(self, fmt: ExportFormat, table: ExportTable = "sets") -> Export:
        """The history as CSV (one row per set per leg; or per run, test or score with `table`)
        or JSON (a full backup: sessions, check-ins, settings, runs, tests, scores)."""
        from tui.coach.documents import export_history

        return export_history(self._store, fmt, table, self.now().tzinfo)

    def import_history(self, data: object) -> ImportResult:
        """Add an export's records that are not here yet, checked against the present and the
        programs (unknown exercises, circuits, calf raises and calming measures are refused); a
        bad file changes nothing."""
        return self._store.import_json(
            data, now=self.now(), program=self.program, strength=self.strength
        )

    # --- closing --------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the store (releasing the writer's lock). Everything was saved already."""
        self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
