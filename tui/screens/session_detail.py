"""One session from the history: every set (exercise, leg, reps, pain; part 1's calf raises with
their load), the mornings after it, and why it was prescribed.

Opened from a history row, which holds the session's summary: the heading shows at once. The full
record (every set, and the reasons) is read on the store's thread when the screen opens, from the
one month file that holds it (`Coach.session(id)`: a few ms), and then fills the table.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from session.history import rating
from tui.coach.thread import HistoryError
from tui.widgets import part1_tables
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from session.history import HistoryRow
    from session.morning import Morning
    from session.program import Program
    from session.records import SessionRecord
    from session.strength.program import StrengthProgram
    from tui.coach.thread import AsyncCoach

REASONS_HEADING = "[b]Why it was prescribed[/b]"


class SessionDetailScreen(Screen[None]):
    """The stored record of one session and the mornings after it."""

    CSS_PATH = "review.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back to history"),
        Binding("u", "change_rating", "Change last rating"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(
        self,
        coach: AsyncCoach,
        row: HistoryRow,
        program: Program,
        strength: StrengthProgram | None = None,
        *,
        latest: bool = False,
    ) -> None:
        super().__init__()
        self.coach = coach
        self.row = row
        self.program = program
        self.strength = strength
        """Part 1's program, to name the session's calf raises."""
        self.latest = latest
        """The newest session: its last rating can be changed (the next dose follows it)."""
        self.record: SessionRecord | None = None
        """The full record, once read."""
        self.problem: str | None = None
        """Why the record could not be read, if it could not."""

    def compose(self) -> ComposeResult:
        row, program = self.row, self.program
        try:
            circuit = program.circuit(row.circuit).name
        except KeyError:
            circuit = f"Circuit {row.circuit}"
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(
                f"{row.started:%a %d %b %Y, %H:%M} · {circuit}",
                id="detail-heading",
                classes="heading",
                markup=False,
            )
            yield Static(detail_line(row), id="detail-line", markup=False)
            yield Static(mornings_text(row, latest=self.latest), id="detail-morning")
            if self.strength is not None and row.session.strength is not None:
                yield DataTable(id="detail-part1", cursor_type="none", zebra_stripes=True)
            yield DataTable(id="detail-sets", cursor_type="none", zebra_stripes=True)
            yield Static("", id="detail-change", classes="hidden", markup=False)
            yield Static(f"{REASONS_HEADING}\n• Loading the sets…", id="detail-reasons")
        yield KeysFooter()

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
        if rec.strength is not None and self.strength is not None and self.query("#detail-part1"):
            table = self.query_one("#detail-part1", DataTable)
            width = self.app.size.width - 2  # the screen's padding
            part1_tables.fill(table, self.program, self.strength, rec.strength, width)
        if not rec.holds_hops:
            self.query_one("#detail-sets", DataTable).display = False
        self._show_hops(rec)
        self.refresh_bindings()

    def _show_hops(self, rec: SessionRecord) -> None:
        table = self.query_one("#detail-sets", DataTable)
        legs = rec.legs
        table.clear(columns=True)
        table.add_columns("Exercise", "Set", *(leg.capitalize() for leg in legs), "Pain")
        stop = self.program.stop_threshold
        for s in rec.sets:
            reps = {leg.leg: f"{leg.reps_done}/{leg.reps_target}" for leg in s.legs}
            pain = Text(rating(s.pain))
            if s.pain is not None:
                zone = self.program.zone_for(s.pain).label
                style = "bold red" if s.pain >= stop else ("yellow" if s.pain >= 4 else "")
                was = f" (was {s.pain_changes[0].old})" if s.pain_changes else ""
                pain = Text(f"{s.pain}/10 {zone}{was}", style=style)
            marks = (" short" if s.skipped else "") + (" stopped (x)" if s.stopped else "")
            table.add_row(
                Text(_exercise_name(self.program, s.exercise)),
                f"{s.set_index}/{s.sets_total}{marks}",
                *(reps.get(leg, "–") for leg in legs),
                pain,
            )
        if not rec.sets:
            table.add_row("No set was finished.", "", *("" for _ in legs), "")
        why = list(rec.prescription.reasons) if rec.holds_hops else []
        if rec.strength is not None:
            part1 = rec.strength.prescription
            why = [*part1.reasons, *(r for p in part1.loads for r in p.reasons), *why]
        reasons = "\n".join(f"• {r}" for r in why)
        # Reasons come from the stored record (an import, too): text, never markup.
        self.query_one("#detail-reasons", Static).update(
            Content.from_markup(
                f"{REASONS_HEADING}\n$reasons", reasons=reasons or "• (none recorded)"
            )
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "change_rating":
            rec = self.record
            return self.latest and rec is not None and rec.finished and bool(rec.sets)
        return True

    @work(exclusive=True, group="session-detail-change")
    async def action_change_rating(self) -> None:
        """u on the newest session: its last rating, asked again; saved and kept, and the next
        session worked out again (as on the Summary)."""
        from tui.coach.correction import CannotCorrect
        from tui.screens.rating import RatingScreen

        rec = self.record
        if rec is None or not rec.sets or not self.latest:
            return
        last = rec.sets[-1]
        was = "not rated" if last.pain is None else f"rated {last.pain}/10"
        question = f"The last set was {was}. What should its rating be?"
        rating = await self.app.push_screen_wait(RatingScreen(self.program.pain_zones, question))
        if rating is None:
            return
        change = self.query_one("#detail-change", Static)
        try:
            fix = await self.coach.correct_rating(rec.id, rating)
        except (CannotCorrect, HistoryError) as exc:
            change.update(str(exc))
        else:
            self.record = fix.record
            self.row = replace(self.row, session=fix.record.summary())
            self.query_one("#detail-line", Static).update(detail_line(self.row))
            self._show(fix.record)
            reasons = "\n".join(f"  {r}" for r in fix.after.reasons)
            change.update("\n".join([*fix.words(), reasons]))
        change.remove_class("hidden")

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


def detail_line(row: HistoryRow) -> str:
    """The dose, reps, highest pain and how it ended (unfinished, started early...)."""
    return (
        f"{row.session.label} · {row.reps_done} of {row.reps_prescribed} reps · "
        f"highest pain {rating(row.max_pain)} · {row.status_text()}"
    )


def mornings_text(row: HistoryRow, *, latest: bool = False) -> Text:
    """Every morning after the session (up to the next one), each against the runner's usual,
    with its stiffness and note; a flare in bold red, and its size."""
    if not row.mornings:
        until = "yet" if latest else "before the next session"
        return Text(f"Mornings after it: no morning check-in {until}.")
    out = Text("Mornings after it, until the next session:")
    for m in row.mornings:
        out.append("\n• ")
        out.append_text(morning_line(m))
    return out


def morning_line(m: Morning) -> Text:
    """ "Wed 28 May: 6/10, 4 points above your usual 2/10 (far above it): a flare · ..."."""
    line = Text(f"{m.day:%a %d %b}: ")
    pain = f"{m.pain}/10"
    if m.usual is None:
        pain += ", the first check-in (it set your usual)"
    elif m.pain_flare and m.rise is not None:
        far = " (far above it)" if m.far_above else ""
        pain += f", {_points(m.rise)} above your usual {m.usual:g}/10{far}"
    else:
        pain += f", your usual {m.usual:g}/10"
    line.append(pain, style="bold red" if m.pain_flare else "")
    if m.stiffness is not None:
        stiff = f" · {m.stiffness} min stiffness"
        if m.usual_stiffness is not None:
            stiff += f" (usual {m.usual_stiffness:g} min)"
        line.append(stiff, style="bold red" if m.stiffness_flare else "")
    if m.flare:
        line.append(": a flare", style="bold red")
    if m.checkin.note:
        line.append(f" · “{m.checkin.note}”", style="italic")
    return line


def _points(value: float) -> str:
    return f"{value:g} point" + ("" if value == 1 else "s")
