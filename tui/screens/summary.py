"""Summary: what was done, how it felt, and what the next session will be and why. Already saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from session.records import SessionStatus

if TYPE_CHECKING:
    from session.program import Program
    from session.records import SessionRecord
    from tui.coach.thread import AsyncCoach

STATUS_TEXT = {
    SessionStatus.COMPLETED: "Session complete. Well done.",
    SessionStatus.STOPPED_FOR_PAIN: "Stopped for pain: no more load today. This is not a setback.",
    SessionStatus.ENDED_EARLY: "Ended early. Every finished set is saved.",
    SessionStatus.IN_PROGRESS: "In progress.",
}


class SummaryScreen(Screen[None]):
    """The session just done. Nothing to confirm: it is saved already."""

    CSS_PATH = "summary.tcss"

    BINDINGS = [
        Binding("enter", "done", "Back to today"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, coach: AsyncCoach, record: SessionRecord, program: Program) -> None:
        super().__init__()
        self.coach = coach
        self.record = record
        self.program = program

    def compose(self) -> ComposeResult:
        rec = self.record
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(STATUS_TEXT[rec.status], id="summary-status", classes="heading")
            dose = f"{rec.reps_done} of {rec.reps_prescribed} reps"
            pain = "no pain rated" if rec.max_pain is None else f"highest pain {rec.max_pain}/10"
            yield Static(f"{rec.prescription.label} · {dose} · {pain}", id="summary-line")
            if rec.status is SessionStatus.STOPPED_FOR_PAIN:
                yield Static(self.program.words.stop_for_pain, id="summary-stop")
            yield DataTable(id="summary-table", cursor_type="none", zebra_stripes=True)
            yield Static("Working out the next session…", id="summary-next")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#summary-table", DataTable)
        table.add_columns(
            "Exercise", "Set", *(leg.capitalize() for leg in self.record.legs), "Pain 0-10"
        )
        for s in self.record.sets:
            reps = {leg.leg: f"{leg.reps_done}/{leg.reps_target}" for leg in s.legs}
            pain = "-" if s.pain is None else f"{s.pain} {self.program.zone_for(s.pain).label}"
            table.add_row(
                self.program.exercise(s.exercise).name,
                f"{s.set_index} of {s.sets_total}",
                *(reps.get(leg, "-") for leg in self.record.legs),
                pain,
            )
        self.load_next()

    @work(exclusive=True)
    async def load_next(self) -> None:
        rx = await self.coach.next_session()
        reasons = "\n".join(f"• {r}" for r in rx.reasons)
        self.query_one("#summary-next", Static).update(
            f"[b]Next session: {rx.label}[/b]\n{reasons}"
        )

    def action_done(self) -> None:
        self.dismiss()
