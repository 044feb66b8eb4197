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
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal, Self

from session.checkin import check_in, checkin_due, make_checkin
from session.recovery import close_unfinished
from store import ImportResult, Store
from store.program_file import load_program
from tui.clock import Clock, EngineClock, WallClock, local_now
from tui.coach.today import Today, next_prescription, todays_plan

# What only some use cases need (the workout engine, the review, the report, the CSV) is imported
# by the method that uses it: the app's first plan waits for this module on the history's thread,
# and those imports were a fifth of that wait (bench/startup.py).
if TYPE_CHECKING:
    from report.physio import Report
    from session.checkin import CheckInResult
    from session.engine import Step
    from session.history import HistoryRow
    from session.program import Program
    from session.records import Prescription, SessionRecord, Settings
    from store.damage import OnCorrupt
    from tui.coach.checkins import CheckInForm
    from tui.coach.review import Review

ExportFormat = Literal["csv", "json"]


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


@dataclass(frozen=True, slots=True)
class Export:
    """An export's text and how many sessions it holds."""

    text: str
    sessions: int


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
    ) -> None:
        self._store = store
        self._program = program
        self._program_path = program_path
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
    ) -> Coach:
        """Open the history in `data_dir` (read-only with `write=False`: no lock, works beside a
        running app). Without `program`, the program file is read on first use."""
        store = Store.open(data_dir, write=write, on_corrupt=on_corrupt)
        return cls(store, program=program, program_path=program_path, wall=wall, clock=clock)

    @property
    def program(self) -> Program:
        """The program given, else the file named at open or the shipped one (read once;
        ProgramError names the field and the value)."""
        if self._program is None:
            self._program = load_program(self._program_path)
        return self._program

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
        program = self.program
        return Startup(program, self._store.settings(), tuple(self._store.notices))

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
        return todays_plan(self._store, self.program, self.now())

    def next_session(self, now: dt.datetime | None = None) -> Prescription:
        """The next session's prescription as of `now` (default: now)."""
        return next_prescription(self._store, self.program, now or self.now())

    def start_workout(self, prescription: Prescription) -> Begin:
        """Make ready a new session of `prescription`: noted as started early if the rest since
        the last session is not over. A session that could have been resumed is closed first, as
        ended early, so that its sets are kept and it never stays in progress for good."""
        now = self.now()
        unfinished = self._store.unfinished()
        if unfinished is not None:
            self._store.save_session(close_unfinished(unfinished))
        from session import engine

        program, settings = self.program, self._store.settings()
        session_id = uuid.uuid4().hex
        early = not prescription.ready_at(now)

        def begin(clock_now: float, wall_now: dt.datetime) -> Step:
            return engine.start(
                program,
                prescription,
                settings,
                session_id=session_id,
                now=clock_now,
                wall_now=wall_now,
                started_early=early,
            )

        return begin

    def resume_workout(self, record: SessionRecord) -> Begin:
        """Make ready to carry on today's unfinished session from the first set not done."""
        from session import engine

        program, settings = self.program, self._store.settings()

        def begin(clock_now: float, wall_now: dt.datetime) -> Step:
            return engine.resume(program, record, settings, now=clock_now, wall_now=wall_now)

        return begin

    def save_session(self, record: SessionRecord) -> None:
        """Save a session as it is now (on disk before returning)."""
        self._store.save_session(record)

    # --- check-ins ------------------------------------------------------------------------------

    def checkin_due(self) -> bool:
        """Whether to offer the morning check-in now (once, the morning after a session)."""
        return checkin_due(self._store.summaries(), self._store.checkins(), self.now())

    def checkin_form(self) -> CheckInForm:
        from tui.coach.checkins import checkin_form

        return checkin_form(self.program, self._store.checkins(), self.now())

    def check_in(
        self, pain: int, stiffness: int | None, note: str, now: dt.datetime | None = None
    ) -> CheckInResult:
        """Save a morning check-in (replacing one of the same day) and say what it means."""
        now = now or self.now()
        new = make_checkin(pain, stiffness, note, now)
        result = check_in(self.program, self._store.summaries(), self._store.checkins(), new, now)
        self._store.add_checkin(new)
        return result

    # --- the review -----------------------------------------------------------------------------

    def review(self) -> Review:
        """Every session's row, the weeks and the streaks, from summaries only."""
        from tui.coach.review import build_review

        now = self.now()
        return build_review(self.program, self._store.summaries(), self._store.checkins(), now)

    def history_rows(self) -> list[HistoryRow]:
        """Every session's row, newest first."""
        from session.history import history_rows

        window = self.program.rules.morning_normal_window
        summaries, checkins = self._store.summaries(), self._store.checkins()
        return history_rows(summaries, checkins, window, self.now().tzinfo)

    def session(self, session_id: str) -> SessionRecord | None:
        """One session's full record (reads at most the month file holding it)."""
        return self._store.session(session_id)

    # --- documents and backups ------------------------------------------------------------------

    def report(self) -> Report:
        """The one-page report for the physio, from summaries and check-ins."""
        from report.physio import build_report

        store = self._store
        return build_report(
            self.program, store.settings(), store.summaries(), store.checkins(), self.now()
        )

    def export(self, fmt: ExportFormat) -> Export:
        """The history as CSV (one row per set per leg) or JSON (a full backup)."""
        from report.sets_csv import to_csv

        sessions = self._store.sessions()
        if fmt == "json":
            text = json.dumps(self._store.export_json(), indent=1, ensure_ascii=False) + "\n"
        else:
            text = to_csv(sessions)
        return Export(text, len(sessions))

    def import_history(self, data: object) -> ImportResult:
        """Add an export's records that are not here yet; a bad file changes nothing."""
        return self._store.import_json(data)

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
