"""Summary: what was done (part 1's calf raises and the circuit), how it felt, whether it is all
saved, and what the next session will be and why.

The save line (`#summary-saved`) is read from the save ledger (tui.coach.saving) twice a second:
"Saving…", "Every finished set is saved.", or, when the disk is full, how many sets are not on
disk yet and that they are kept and retried. It never says saved before they are.

High pain is never treated lightly: at a rating in a zone that says to get it checked (8-10 in the
seed program) the zone's advice and the red flags are shown; after a stop for pain through x, the
red flags' spoken line (said by the engine as the session ended) is shown with them. `u` changes
the last circuit set's rating (a slip, or a second thought): the change is saved and kept, and the
next session is worked out again, shown and said (once every set is on disk: a correction made
over a save still failing would be undone by its retry). Text from files (names, labels,
reasons, advice) is shown as text, never parsed as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from session.effects import CueKind, Priority
from session.records import SessionStatus
from tui.coach.correction import CannotCorrect
from tui.coach.thread import HistoryError
from tui.screens.rating import RatingScreen
from tui.widgets import part1_tables
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from session.program import Program
    from session.records import Prescription, SessionRecord, SetResult
    from session.strength.program import StrengthProgram
    from tui.coach.part1 import PartOneToday
    from tui.coach.saving import SaveLedger, SaveStatus
    from tui.coach.thread import AsyncCoach
    from tui.voice import Voice

STATUS_TEXT = {
    SessionStatus.COMPLETED: "Session complete. Well done.",
    SessionStatus.STOPPED_FOR_PAIN: "Stopped for pain: no more load today.",
    SessionStatus.ENDED_EARLY: "Ended early.",
    SessionStatus.IN_PROGRESS: "In progress.",
}


def stopped_through_x(record: SessionRecord) -> bool:
    """The runner stopped for pain themselves (x): a set (of either part) keeps where it
    stopped."""
    return any(s.stopped is not None for s in record.all_sets)


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
    """The session just done. Nothing to confirm: it is saved as it goes (the save line says
    whether it all is)."""

    CSS_PATH = "summary.tcss"

    BINDINGS = [
        Binding("enter", "done", "Back to today"),
        Binding("k", "keep_cadences", "Keep the new count"),
        Binding("u", "change_rating", "Change last rating"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(
        self,
        coach: AsyncCoach,
        record: SessionRecord,
        program: Program,
        strength: StrengthProgram | None = None,
        voice: Voice | None = None,
        saves: SaveLedger | None = None,
        *,
        cadences: dict[str, tuple[float, float]] | None = None,
    ) -> None:
        super().__init__()
        self.coach = coach
        self.record = record
        self.program = program
        self.strength = strength
        """Part 1's program, to name the calf raises of a session that held them."""
        self.voice = voice
        self.saves = saves
        self.next: Prescription | None = None
        self.cadences = cadences or {}
        """Seconds per rep changed in the session, by exercise: (from, to); k keeps them."""
        self._kept = False
        self.next_part1: PartOneToday | None = None

    def compose(self) -> ComposeResult:
        rec = self.record
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(STATUS_TEXT[rec.status], id="summary-status", classes="heading")
            yield Static(self._saved_words(), id="summary-saved", markup=False)
            yield Static(summary_line(rec), id="summary-line", markup=False)
            if rec.status is SessionStatus.STOPPED_FOR_PAIN:
                yield Static(self.program.words.stop_for_pain, id="summary-stop", markup=False)
            if self.cadences:
                yield Static(self._cadence_offer(), id="summary-cadence", markup=False)
            yield Static("", id="summary-advice", classes="hidden", markup=False)
            yield Static("", id="summary-redflags", classes="hidden")
            if rec.strength is not None and self.strength is not None:
                yield DataTable(id="summary-part1", cursor_type="none", zebra_stripes=True)
            if rec.holds_hops:
                yield DataTable(id="summary-table", cursor_type="none", zebra_stripes=True)
            yield Static("", id="summary-change", classes="hidden", markup=False)
            yield Static("Working out the next session…", id="summary-next")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._fill_tables(self.app.size.width)
        self._show_safety()
        self.set_interval(0.5, self._show_saved)
        self.load_next()

    def _save_status(self) -> SaveStatus | None:
        return self.saves.status(self.record.id) if self.saves is not None else None

    def _saved_words(self) -> str:
        status = self._save_status()
        return "Saving…" if status is None else status.words()

    def _show_saved(self) -> None:
        words = self._saved_words()
        line = self.query_one("#summary-saved", Static)
        line.set_class(words.startswith("Not saved"), "-unsaved")
        if str(line.content) != words:
            line.update(words)

    def on_resize(self, event: events.Resize) -> None:
        self._fill_tables(event.size.width)

    def _fill_tables(self, width: int) -> None:
        """Part 1's sets and the circuit's, each column whole at `width` columns."""
        if self.record.strength is not None and self.strength is not None:
            part1 = self.query_one("#summary-part1", DataTable)
            part1_tables.fill(part1, self.program, self.strength, self.record.strength, width)
        if self.record.holds_hops:
            self._fill_table(width)

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
        # Each column has a cell of padding on either side; two columns are kept for a scrollbar
        # (the summary scrolls when both parts' tables are on it).
        room = width - sum(widths[1:]) - 2 * len(heads) - 2
        widths[0] = max(12, min(widths[0], room))
        for head, column_width in zip(heads, widths, strict=True):
            table.add_column(head, width=column_width)
        for row in rows:  # Text, never markup: names and zone labels come from the program file
            table.add_row(*map(Text, row), height=None)
        table.cursor_coordinate = cursor

    def _row(self, s: SetResult) -> tuple[str, ...]:
        reps = {leg.leg: f"{leg.reps_done}/{leg.reps_target}" for leg in s.legs}
        return (
            self.program.exercise(s.exercise).name,
            f"{s.set_index} of {s.sets_total}",
            *(reps.get(leg, "-") for leg in self.record.legs),
            self._pain_cell(s),
        )

    def _pain_cell(self, s: SetResult) -> str:
        if s.pain is None:
            return "-"
        was = f" (was {s.pain_changes[-1].old})" if s.pain_changes else ""
        return f"{s.pain} {self.program.zone_for(s.pain).label}{was}"

    def _show_safety(self) -> None:
        """The zone's advice at a rating that says to get it checked; the red flags then, and
        after a stop through x (with the line the coach said)."""
        program, rec = self.program, self.record
        high = rec.max_pain is not None and rec.max_pain >= program.clinician_threshold
        advice = self.query_one("#summary-advice", Static)
        if high and rec.max_pain is not None:
            advice.update(program.zone_for(rec.max_pain).advice)
        advice.set_class(not high, "hidden")
        flags = program.red_flags
        box = self.query_one("#summary-redflags", Static)
        spoken = flags.spoken if stopped_through_x(rec) else ""
        if not (high or spoken) or not (flags.signs or spoken):
            box.add_class("hidden")
            return
        signs = [flags.heading, *(f"• {s}" for s in flags.signs)] if flags.signs else []
        box.update(
            Content.from_markup(
                "[b]$spoken[/b]\n$signs" if spoken else "$signs",
                spoken=spoken,
                signs="\n".join(signs),
            )
        )
        box.border_title = "Red flags"
        box.remove_class("hidden")

    @work(exclusive=True, group="summary-next")
    async def load_next(self) -> None:
        nxt = await self.coach.next_day()
        self.next_part1 = nxt.part1
        self._show_next(nxt.prescription)

    def _show_next(self, rx: Prescription) -> None:
        """The circuit's next dose and why, then part 1's next loads (a corrected circuit
        rating changes the circuit's dose; part 1's loads are read from part 1's ratings)."""
        self.next = rx
        reasons = "\n".join(f"• {r}" for r in rx.reasons)
        # Labels and reasons come from files: filled in as text, never parsed as markup.
        text = Content.from_markup(
            "[b]Next session: $label[/b]\n$reasons", label=rx.label, reasons=reasons
        )
        if self.next_part1 is not None:
            first, *loads = part1_tables.next_words(self.next_part1)
            more = Content.from_markup(
                "\n[b]$first[/b]\n$loads", first=first, loads="\n".join(f"• {x}" for x in loads)
            )
            text = text + more
        self.query_one("#summary-next", Static).update(text)

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
        if action == "change_rating":
            return bool(self.record.sets)
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

    @work(exclusive=True, group="summary-change")
    async def action_change_rating(self) -> None:
        """u: the last set's rating, asked again; saved, kept, and the next session said."""
        if not self.record.sets:
            return
        last = self.record.sets[-1]
        was = "not rated" if last.pain is None else f"rated {last.pain}/10"
        question = f"The last set was {was}. What should its rating be?"
        change = self.query_one("#summary-change", Static)
        status = self._save_status()
        if status is not None and not status.saved:
            change.update(
                "The rating can be changed once every set is saved (see above): the change "
                "would be lost to the save still being tried."
            )
            change.remove_class("hidden")
            return
        rating = await self.app.push_screen_wait(RatingScreen(self.program.pain_zones, question))
        if rating is None:
            return
        try:
            fix = await self.coach.correct_rating(self.record.id, rating)
        except (CannotCorrect, HistoryError) as exc:
            change.update(str(exc))
            change.remove_class("hidden")
            return
        self.record = fix.record
        self._fill_tables(self.app.size.width)  # the pain column may widen: "(was 5)"
        self.query_one("#summary-line", Static).update(summary_line(fix.record))
        change.update("\n".join(fix.words()))
        change.remove_class("hidden")
        self._show_safety()
        self._show_next(fix.after)
        if fix.changed and self.voice is not None:
            self.voice.say(fix.spoken(), priority=Priority.HIGH, kind=CueKind.INFO)

    def action_done(self) -> None:
        self.dismiss()
