"""The VISA-A-based questionnaire, one question at a time, then the 0-100 score and its trend.

Based on VISA-A (Robinson et al. 2001): its eight topics and scoring, our own words, so always
labelled "VISA-A-based". Numbers (minutes, a 0-10 rating, a count) are typed and sent with
Enter; a choice is its number key; the training-time grid is two choices (which describes you,
then for how long). b goes back a question. Nothing is saved until the last answer is in; a wrong
answer is explained in place (session.running.outcome's parse helpers, shared with
`achilles score`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from session.running.outcome import Answer, OutcomeAnswerError, parse_answer, parse_grid
from session.running.speed_program import ChoiceItem, GridItem
from tui.coach.thread import HistoryError
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.number_input import NumberInput

if TYPE_CHECKING:
    from session.running.speed_program import Item
    from tui.coach.thread import AsyncCoach
    from tui.coach.trials import Questionnaire, ScoreSaved


def choices(item: Item, grid_row: int | None) -> tuple[str, ...]:
    """The numbered choices shown for `item` (a grid: its rows, then its columns)."""
    if isinstance(item, ChoiceItem):
        return tuple(o.text for o in item.options)
    if isinstance(item, GridItem):
        return tuple(r.text for r in item.rows) if grid_row is None else item.columns
    return ()


class QuestionnaireScreen(Screen[None]):
    """Eight questions, then the score."""

    CSS_PATH = "running.tcss"

    BINDINGS = [
        *(Binding(str(n), f"choose({n})", str(n), show=False) for n in range(1, 10)),
        Binding("b", "previous", "Back a question"),
        Binding("escape", "back", "Leave"),
        Binding("enter", "done", "Done", show=False),
    ]

    def __init__(self, coach: AsyncCoach) -> None:
        super().__init__()
        self.coach = coach
        self.questionnaire: Questionnaire | None = None
        self.answers: dict[str, Answer] = {}
        self.index = 0
        self.grid_row: int | None = None
        self.saved: ScoreSaved | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quest"):
            yield Static("", id="quest-heading", classes="heading", markup=False)
            with Vertical(id="quest-form"):
                yield Static("", id="quest-topic", markup=False)
                yield Static("", id="quest-question", markup=False)
                yield Static("", id="quest-choices", markup=False)
                yield NumberInput(max_length=5, id="quest-input")
                yield Static("", id="quest-error", markup=False)
                yield Static("", id="quest-hint", classes="hint", markup=False)
            yield Static("", id="quest-result", classes="hidden", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, group="quest-load")
    async def load(self) -> None:
        if await self.coach.started() is None:
            return
        self.questionnaire = q = await self.coach.questionnaire()
        self.query_one("#quest-heading", Static).update(
            f"{q.outcome.label} (based on VISA-A; our own words, not the validated form)"
        )
        self._show_question()

    @property
    def item(self) -> Item | None:
        q = self.questionnaire
        return None if q is None or self.saved is not None else q.outcome.items[self.index]

    def _show_question(self) -> None:
        item, q = self.item, self.questionnaire
        if item is None or q is None:
            return
        n = len(q.outcome.items)
        self.query_one("#quest-topic", Static).update(f"Question {self.index + 1} of {n}")
        text = item.question
        if isinstance(item, GridItem):
            text += "\nWhich describes you?" if self.grid_row is None else "\nFor how long?"
        self.query_one("#quest-question", Static).update(text)
        shown = choices(item, self.grid_row)
        self.query_one("#quest-choices", Static).update(
            "\n".join(f"{k}  {c}" for k, c in enumerate(shown, start=1))
        )
        field = self.query_one("#quest-input", Input)
        field.display = not shown
        field.value = ""
        if not shown:
            field.focus()
        else:
            self.set_focus(None)
        hint = "Press the number of your answer." if shown else "Type the number, then Enter."
        self.query_one("#quest-hint", Static).update(hint + " b: back a question · Esc: leave")
        self.query_one("#quest-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        item = self.item
        if item is not None and not choices(item, self.grid_row):
            self._answer(event.value)

    def action_choose(self, number: int) -> None:
        item = self.item
        if item is not None and choices(item, self.grid_row):
            self._answer(str(number))

    def _answer(self, text: str) -> None:
        item = self.item
        assert item is not None
        try:
            if isinstance(item, GridItem):
                if self.grid_row is None:
                    self.grid_row = parse_grid(item, text, "1")[0]
                    self._show_question()
                    return
                answer: Answer = parse_grid(item, str(self.grid_row + 1), text)
            else:
                answer = parse_answer(item, text)
        except OutcomeAnswerError as exc:
            self.query_one("#quest-error", Static).update(str(exc))
            return
        self.answers[item.id] = answer
        self.grid_row = None
        self._next()

    def _next(self) -> None:
        q = self.questionnaire
        assert q is not None
        if self.index + 1 < len(q.outcome.items):
            self.index += 1
            self._show_question()
        else:
            self.save()

    def action_previous(self) -> None:
        if self.item is None:
            return
        if self.grid_row is not None:
            self.grid_row = None
        elif self.index > 0:
            self.index -= 1
        self._show_question()

    @work(exclusive=True, group="quest-save")
    async def save(self) -> None:
        try:
            self.saved = saved = await self.coach.save_score(dict(self.answers))
        except (OutcomeAnswerError, HistoryError) as exc:
            self.query_one("#quest-error", Static).update(f"{exc} Nothing was saved.")
            return
        self.query_one("#quest-form").add_class("hidden")
        result = self.query_one("#quest-result", Static)
        result.update(
            f"{saved.score.label}: {saved.score.score} of 100. Saved.\n"
            + "\n".join(f"• {w}" for w in saved.trend.words)
            + "\nEnter or Esc: back"
        )
        result.remove_class("hidden")
        self.set_focus(None)

    def action_done(self) -> None:
        if self.saved is not None:
            self.dismiss()

    def action_back(self) -> None:
        self.dismiss()
