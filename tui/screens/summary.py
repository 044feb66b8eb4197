"""Summary: what was done, how it felt, and what the next session will be and why. Already saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from session.records import SessionStatus
from tui.widgets import part1_tables

if TYPE_CHECKING:
    from session.program import Program
    from session.records import SessionRecord
    from session.strength.program import StrengthProgram
    from tui.coach.thread import AsyncCoach

STATUS_TEXT = {
    SessionStatus.COMPLETED: "Session complete. Well done.",
    SessionStatus.STOPPED_FOR_PAIN: "Stopped for pain: no more load today. This is not a setback.",
    SessionStatus.ENDED_EARLY: "Ended early. Every finished set is saved.",
    SessionStatus.IN_PROGRESS: "In progress.",
}


def summary_line(rec: SessionRecord) -> str:
    """What was done, in one line: the circuit's dose and reps, part 1's, the highest pain."""
    pain = "no pain rated" if rec.max_pain is None else f"highest pain {rec.max_pain}/10"
    done = []
    if rec.strength is not None:
        p1 = rec.strength.prescription
        lifted = sum(s.reps_done for s in rec.strength.sets)
        planned = (
            p1.sets
            * p1.reps
            * sum(1 if p.stance == "both" else len(rec.strength.legs) for p in p1.loads)
        )
        done.append(f"calf raises {p1.dose}: {lifted} of {planned} reps")
    if rec.holds_hops:
        done.append(f"{rec.prescription.label} · {rec.reps_done} of {rec.reps_prescribed} reps")
    return " · ".join([*done, pain])


class SummaryScreen(Screen[None]):
    """The session just done. Nothing to confirm: it is saved already."""

    CSS_PATH = "summary.tcss"

    BINDINGS = [
        Binding("enter", "done", "Back to today"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(
        self,
        coach: AsyncCoach,
        record: SessionRecord,
        program: Program,
        strength: StrengthProgram | None = None,
    ) -> None:
        super().__init__()
        self.coach = coach
        self.record = record
        self.program = program
        self.strength = strength
        """Part 1's program, to name the calf raises of a session that held them."""

    def compose(self) -> ComposeResult:
        rec = self.record
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(STATUS_TEXT[rec.status], id="summary-status", classes="heading")
            yield Static(summary_line(rec), id="summary-line", markup=False)
            if rec.status is SessionStatus.STOPPED_FOR_PAIN:
                yield Static(self.program.words.stop_for_pain, id="summary-stop")
            if rec.strength is not None and self.strength is not None:
                yield DataTable(id="summary-part1", cursor_type="none", zebra_stripes=True)
            if rec.holds_hops:
                yield DataTable(id="summary-table", cursor_type="none", zebra_stripes=True)
            yield Static("Working out the next session…", id="summary-next")
        yield Footer()

    def on_mount(self) -> None:
        if self.record.strength is not None and self.strength is not None:
            part1 = self.query_one("#summary-part1", DataTable)
            part1_tables.fill(part1, self.program, self.strength, self.record.strength)
        if self.record.holds_hops:
            self._fill_hops()
        self.load_next()

    def _fill_hops(self) -> None:
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

    @work(exclusive=True)
    async def load_next(self) -> None:
        nxt = await self.coach.next_day()
        rx = nxt.prescription
        reasons = "\n".join(f"• {escape(r)}" for r in rx.reasons)
        text = f"[b]Next session: {escape(rx.label)}[/b]\n{reasons}"
        if nxt.part1 is not None:
            first, *loads = part1_tables.next_words(nxt.part1)
            text += f"\n[b]{escape(first)}[/b]\n" + "\n".join(f"• {escape(x)}" for x in loads)
        self.query_one("#summary-next", Static).update(text)

    def action_done(self) -> None:
        self.dismiss()
