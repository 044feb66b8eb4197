"""Summary: what was done, how it felt, whether it is all saved, and what the next session will be
and why.

The save line (`#summary-saved`) is read from the save ledger (tui.coach.saving) twice a second:
"Saving…", "Every finished set is saved.", or, when the disk is full, how many sets are not on
disk yet and that they are kept and retried. It never says saved before they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from session.records import SessionStatus

if TYPE_CHECKING:
    from session.program import Program
    from session.records import SessionRecord
    from tui.coach.saving import SaveLedger
    from tui.coach.thread import AsyncCoach

STATUS_TEXT = {
    SessionStatus.COMPLETED: "Session complete. Well done.",
    SessionStatus.STOPPED_FOR_PAIN: "Stopped for pain: no more load today. This is not a setback.",
    SessionStatus.ENDED_EARLY: "Ended early.",
    SessionStatus.IN_PROGRESS: "In progress.",
}


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
        saves: SaveLedger | None = None,
    ) -> None:
        super().__init__()
        self.coach = coach
        self.record = record
        self.program = program
        self.saves = saves

    def compose(self) -> ComposeResult:
        rec = self.record
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(STATUS_TEXT[rec.status], id="summary-status", classes="heading")
            yield Static(self._saved_words(), id="summary-saved", markup=False)
            dose = f"{rec.reps_done} of {rec.reps_prescribed} reps"
            pain = "no pain rated" if rec.max_pain is None else f"highest pain {rec.max_pain}/10"
            yield Static(
                f"{rec.prescription.label} · {dose} · {pain}", id="summary-line", markup=False
            )
            if rec.status is SessionStatus.STOPPED_FOR_PAIN:
                yield Static(self.program.words.stop_for_pain, id="summary-stop", markup=False)
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
            pain = Text(
                "-" if s.pain is None else f"{s.pain} {self.program.zone_for(s.pain).label}"
            )
            table.add_row(
                Text(self.program.exercise(s.exercise).name),
                f"{s.set_index} of {s.sets_total}",
                *(reps.get(leg, "-") for leg in self.record.legs),
                pain,
            )
        self.set_interval(0.5, self._show_saved)
        self.load_next()

    def _saved_words(self) -> str:
        status = self.saves.status(self.record.id) if self.saves is not None else None
        return "Saving…" if status is None else status.words()

    def _show_saved(self) -> None:
        words = self._saved_words()
        line = self.query_one("#summary-saved", Static)
        line.set_class(words.startswith("Not saved"), "-unsaved")
        if str(line.content) != words:
            line.update(words)

    @work(exclusive=True)
    async def load_next(self) -> None:
        rx = await self.coach.next_session()
        reasons = "\n".join(f"• {r}" for r in rx.reasons)
        # Labels and reasons come from files: filled in as text, never parsed as markup.
        self.query_one("#summary-next", Static).update(
            Content.from_markup(
                "[b]Next session: $label[/b]\n$reasons", label=rx.label, reasons=reasons
            )
        )

    def action_done(self) -> None:
        self.dismiss()
