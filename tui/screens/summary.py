"""Summary: what was done, how it felt, and what the next session will be and why. Already saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from session.records import SessionStatus
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from session.program import Program
    from session.records import SessionRecord, SetResult
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
        Binding("k", "keep_cadences", "Keep the new count"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(
        self,
        coach: AsyncCoach,
        record: SessionRecord,
        program: Program,
        *,
        cadences: dict[str, tuple[float, float]] | None = None,
    ) -> None:
        super().__init__()
        self.coach = coach
        self.record = record
        self.program = program
        self.cadences = cadences or {}
        """Seconds per rep changed in the session, by exercise: (from, to); k keeps them."""
        self._kept = False

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
            if self.cadences:
                yield Static(self._cadence_offer(), id="summary-cadence", markup=False)
            yield DataTable(id="summary-table", cursor_type="none", zebra_stripes=True)
            yield Static("Working out the next session…", id="summary-next")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._fill_table(self.app.size.width)
        self.load_next()

    def on_resize(self, event: events.Resize) -> None:
        self._fill_table(event.size.width)

    def _fill_table(self, width: int) -> None:
        """Every set, each column whole: the exercise names wrap onto two rows when the window
        is too narrow for them (60 columns), so that no column is cut off."""
        table = self.query_one("#summary-table", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        legs = self.record.legs
        rows = [self._row(s) for s in self.record.sets]
        heads = ("Exercise", "Set", *(leg.capitalize() for leg in legs), "Pain 0-10")
        widths = [max([len(head), *(len(row[i]) for row in rows)]) for i, head in enumerate(heads)]
        # Each column has a cell of padding on either side; one column is kept for a scrollbar.
        room = width - sum(widths[1:]) - 2 * len(heads) - 1
        widths[0] = max(12, min(widths[0], room))
        for head, column_width in zip(heads, widths, strict=True):
            table.add_column(head, width=column_width)
        for row in rows:  # Text, never markup: names and zone labels come from the program file
            table.add_row(*map(Text, row), height=None)
        table.cursor_coordinate = cursor

    def _row(self, s: SetResult) -> tuple[str, ...]:
        reps = {leg.leg: f"{leg.reps_done}/{leg.reps_target}" for leg in s.legs}
        pain = "-" if s.pain is None else f"{s.pain} {self.program.zone_for(s.pain).label}"
        return (
            self.program.exercise(s.exercise).name,
            f"{s.set_index} of {s.sets_total}",
            *(reps.get(leg, "-") for leg in self.record.legs),
            pain,
        )

    @work(exclusive=True)
    async def load_next(self) -> None:
        rx = await self.coach.next_session()
        reasons = "\n".join(f"• {r}" for r in rx.reasons)
        self.query_one("#summary-next", Static).update(
            f"[b]Next session: {rx.label}[/b]\n{reasons}"
        )

    def _counts(self) -> str:
        """`Single Leg Hop Up at 1.0 s per rep (was 1.2)`, for each exercise changed."""
        return ", ".join(
            f"{self.program.exercise(ex).name} at {new:.1f} s per rep (was {old:.1f})"
            for ex, (old, new) in self.cadences.items()
        )

    def _cadence_offer(self) -> str:
        it = "them" if len(self.cadences) > 1 else "it"
        return f"You changed the count: {self._counts()}. Press k to keep {it} for next time."

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep_cadences":
            return bool(self.cadences) and not self._kept
        return True

    @work(exclusive=True, group="keep")
    async def action_keep_cadences(self) -> None:
        """Keep the counts changed with + and - for the next sessions (settings)."""
        if not self.cadences or self._kept:
            return
        await self.coach.keep_cadences({ex: new for ex, (_, new) in self.cadences.items()})
        self._kept = True
        self.refresh_bindings()
        self.query_one("#summary-cadence", Static).update(
            f"Kept for next time: {self._counts()}. + and - change it again during a set."
        )

    def action_done(self) -> None:
        self.dismiss()
