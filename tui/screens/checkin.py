"""The morning check-in: Achilles pain 0-10, optional stiffness minutes and a note; what it means.

Enter saves from any field. A wrong answer is explained next to the form and can be corrected;
nothing is saved until every answer is good, and then in one write. After saving, the screen says
how the morning compares with the runner's normal, lists the program's calming measures as
temporary help on a flare, and shows the next session with and without this morning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from session.checkin import (
    TEMPORARY_FOOTNOTE,
    AnswerError,
    CheckInResult,
    parse_note,
    parse_pain,
    parse_stiffness,
)
from session.records import CheckIn
from tui.coach.thread import HistoryError

if TYPE_CHECKING:
    from tui.coach.checkins import CheckInForm
    from tui.coach.thread import AsyncCoach

FIELDS = ("pain", "stiffness", "note")


class CheckInScreen(Screen[CheckIn | None]):
    """Returns the saved check-in, or None when left without saving."""

    CSS_PATH = "review.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "done", "Done", show=False),
    ]

    def __init__(self, coach: AsyncCoach) -> None:
        super().__init__()
        self.coach = coach
        self.form: CheckInForm | None = None
        self.result: CheckInResult | None = None
        self._saving = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="checkin"):
            yield Static("Morning check-in", id="checkin-heading", classes="heading")
            with Vertical(id="checkin-form"):
                yield Static("How does the Achilles feel this morning?", id="checkin-normal")
                with Horizontal(classes="checkin-row"):
                    yield Label("Pain now, 0-10")
                    yield Input(placeholder="0-10", max_length=4, id="checkin-pain")
                    yield Static("", id="checkin-zones", markup=False)
                with Horizontal(classes="checkin-row"):
                    yield Label("Stiffness, minutes")
                    yield Input(placeholder="optional", max_length=5, id="checkin-stiffness")
                with Horizontal(classes="checkin-row"):
                    yield Label("Note")
                    yield Input(placeholder="optional", id="checkin-note")
                yield Static("", id="checkin-error")
                yield Static(
                    "Enter: save · Tab: next field · Esc: back without saving", classes="hint"
                )
            with Vertical(id="checkin-result", classes="hidden"):
                yield Static("", id="checkin-verdict")
                yield Static("", id="checkin-calming", classes="hidden")
                yield Static("", id="checkin-next")
                yield Static("Enter or Esc: back", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#checkin-pain", Input).focus()
        self.load()

    @work(exclusive=True, group="checkin-load")
    async def load(self) -> None:
        if await self.coach.started() is None:
            return
        self.form = form = await self.coach.checkin_form()
        now = form.now
        self.query_one("#checkin-heading", Static).update(f"Morning check-in: {now:%A %d %B}")
        if form.normal is None:
            text = "How does the Achilles feel this morning? Your first check-in sets your normal."
        else:
            text = (
                f"How does the Achilles feel this morning? Your normal is {form.normal:g}/10 "
                f"(the median of your last {form.mornings} mornings)."
            )
        today = form.earlier_today
        if today is not None:
            text += (
                f"\nYou checked in at {today.recorded_at.astimezone(now.tzinfo):%H:%M} today "
                f"({today.pain}/10): saving again replaces it."
            )
        self.query_one("#checkin-normal", Static).update(text)
        self.query_one("#checkin-zones", Static).update(
            " · ".join(f"{z.low}-{z.high} {z.label}" for z in form.zones)
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def _answers(self) -> tuple[int, int | None, str] | None:
        """The three answers, or None with the first problem shown and its field focused."""
        parsers = {"pain": parse_pain, "stiffness": parse_stiffness, "note": parse_note}
        values: dict[str, object] = {}
        error = self.query_one("#checkin-error", Static)
        for name in FIELDS:
            field = self.query_one(f"#checkin-{name}", Input)
            try:
                values[name] = parsers[name](field.value)
            except AnswerError as exc:
                error.update(str(exc))
                field.focus()
                return None
        error.update("")
        pain, stiffness, note = values["pain"], values["stiffness"], values["note"]
        assert isinstance(pain, int) and isinstance(note, str)
        assert stiffness is None or isinstance(stiffness, int)
        return pain, stiffness, note

    @work(exclusive=True, group="checkin-save")
    async def save(self) -> None:
        if self.form is None or self._saving or self.result is not None:
            return
        answers = self._answers()
        if answers is None:
            return
        self._saving = True
        try:
            self.result = await self.coach.check_in(*answers)
        except HistoryError as exc:
            self.query_one("#checkin-error", Static).update(f"{exc} Nothing was saved.")
            return
        finally:
            self._saving = False
        self._show(self.result)

    def _show(self, result: CheckInResult) -> None:
        self.query_one("#checkin-form").add_class("hidden")
        self.query_one("#checkin-result").remove_class("hidden")
        saved = "Saved, replacing this morning's earlier check-in." if result.replaces else "Saved."
        verdict = self.query_one("#checkin-verdict", Static)
        verdict.update(f"{saved} {escape(result.verdict())}")
        verdict.set_class(result.flare, "-flare")
        calming = self.query_one("#checkin-calming", Static)
        if result.flare and result.calming:
            items = "\n".join(f"• {escape(m)}" for m in result.calming)
            calming.update(f"{items}\n[i]{TEMPORARY_FOOTNOTE}[/i]")
            calming.border_title = "Temporary help"
            calming.border_subtitle = "wean off again as it settles"
            calming.remove_class("hidden")
        reasons = "\n".join(f"• {escape(r)}" for r in result.after.reasons)
        self.query_one("#checkin-next", Static).update(
            f"[b]{escape(result.effect())}[/b]\n{reasons}"
        )
        self.set_focus(None)

    def action_done(self) -> None:
        if self.result is not None:
            self.dismiss(self.result.checkin)

    def action_back(self) -> None:
        self.dismiss(self.result.checkin if self.result is not None else None)
