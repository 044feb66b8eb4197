"""One session from the history: every set (exercise, leg, reps, pain) and why it was prescribed.

Opened from a history row, which holds the session's summary: the heading shows at once. The full
record (every set, and the reasons) is read on the store's thread when the screen opens, from the
one month file that holds it (`Coach.session(id)`: a few ms), and then fills the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from session.history import rating
from tui.coach.thread import HistoryError

if TYPE_CHECKING:
    from session.history import HistoryRow
    from session.program import Program
    from session.records import SessionRecord
    from tui.coach.thread import AsyncCoach

REASONS_HEADING = "[b]Why it was prescribed[/b]"


class SessionDetailScreen(Screen[None]):
    """Read-only: the stored record of one session and its next morning."""

    CSS_PATH = "review.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back to history"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, coach: AsyncCoach, row: HistoryRow, program: Program) -> None:
        super().__init__()
        self.coach = coach
        self.row = row
        self.program = program
        self.record: SessionRecord | None = None
        """The full record, once read."""
        self.problem: str | None = None
        """Why the record could not be read, if it could not."""

    def compose(self) -> ComposeResult:
        row, program = self.row, self.program
        s = row.session
        try:
            circuit = program.circuit(s.circuit).name
        except KeyError:
            circuit = f"Circuit {s.circuit}"
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(
                f"{row.started:%a %d %b %Y, %H:%M} · {circuit}",
                id="detail-heading",
                classes="heading",
                markup=False,
            )
            early = " · started before the rest was over" if s.started_early else ""
            yield Static(
                f"{s.label} · {row.reps_done} of {row.reps_prescribed} reps · "
                f"highest pain {rating(row.max_pain)} · {row.status}{early}",
                id="detail-line",
                markup=False,
            )
            yield Static(_morning_text(row), id="detail-morning")
            yield DataTable(id="detail-sets", cursor_type="none", zebra_stripes=True)
            yield Static(f"{REASONS_HEADING}\n• Loading the sets…", id="detail-reasons")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, group="session-detail")
    async def load(self) -> None:
        """Read the session's full record (its month file only) and show every set."""
        try:
            record = await self.coach.session(self.row.id)
        except HistoryError as exc:
            self._unavailable(f"The sets of this session could not be read: {exc}")
            return
        if record is None:
            self._unavailable(
                "The sets of this session are no longer in your history: the file that held "
                "them was removed, or was damaged and moved aside."
            )
            return
        self.record = record
        self._show(record)

    def _show(self, rec: SessionRecord) -> None:
        table = self.query_one("#detail-sets", DataTable)
        legs = rec.legs
        table.add_columns("Exercise", "Set", *(leg.capitalize() for leg in legs), "Pain")
        stop = self.program.stop_threshold
        for s in rec.sets:
            reps = {leg.leg: f"{leg.reps_done}/{leg.reps_target}" for leg in s.legs}
            pain = Text(rating(s.pain))
            if s.pain is not None:
                zone = self.program.zone_for(s.pain).label
                style = "bold red" if s.pain >= stop else ("yellow" if s.pain >= 4 else "")
                pain = Text(f"{s.pain}/10 {zone}", style=style)
            table.add_row(
                Text(_exercise_name(self.program, s.exercise)),
                f"{s.set_index}/{s.sets_total}" + (" short" if s.skipped else ""),
                *(reps.get(leg, "–") for leg in legs),
                pain,
            )
        if not rec.sets:
            table.add_row("No set was finished.", "", *("" for _ in legs), "")
        reasons = "\n".join(f"• {r}" for r in rec.prescription.reasons)
        # Reasons come from the stored record (an import, too): text, never markup.
        self.query_one("#detail-reasons", Static).update(
            Content.from_markup(
                f"{REASONS_HEADING}\n$reasons", reasons=reasons or "• (none recorded)"
            )
        )

    def _unavailable(self, message: str) -> None:
        self.problem = message
        self.query_one("#detail-reasons", Static).update(f"{REASONS_HEADING}\n• {escape(message)}")

    def action_back(self) -> None:
        self.dismiss()


def _exercise_name(program: Program, exercise_id: str) -> str:
    try:
        return program.exercise(exercise_id).name
    except KeyError:
        return exercise_id


def _morning_text(row: HistoryRow) -> str:
    m = row.morning
    if m is None:
        return "Next morning: no check-in before the next session."
    day = f"{m.checkin.day:%a %d %b}"
    stiff = m.checkin.stiffness_minutes
    extra = f", {stiff} min stiffness" if stiff is not None else ""
    note = f" · “{escape(m.checkin.note)}”" if m.checkin.note else ""
    if m.normal is None:
        return f"Next morning ({day}): {m.pain}/10{extra}, the first check-in.{note}"
    if m.flare:
        return (
            f"Next morning ({day}): [b red]{m.pain}/10{extra}, above your normal of "
            f"{m.normal:g}/10: a flare[/b red].{note}"
        )
    return f"Next morning ({day}): {m.pain}/10{extra}, normal {m.normal:g}/10.{note}"
