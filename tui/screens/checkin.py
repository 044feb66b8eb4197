"""The morning check-in: which morning, then Achilles pain 0-10, stiffness minutes, a note; what
it means.

A check-in is about a morning. When the time leaves that open (at night, or after a session done
earlier that day) the screen first asks which morning it is for (session.checkin.which_morning):
one of the mornings, or "not a morning", which saves nothing. Enter saves from any field. A
wrong answer is explained next to the form and can be corrected; nothing is saved until every
answer is good, and then in one write. After saving, the screen says how the morning compares with
the runner's usual, shows the red flags when the morning is far above it or in a zone that says
so, lists the program's calming measures as temporary help on a flare, and shows the next session
with and without this morning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from session.checkin import (
    TEMPORARY_FOOTNOTE,
    AnswerError,
    CheckInResult,
    MorningChoice,
    parse_note,
    parse_pain,
    parse_stiffness,
)
from session.records import CheckIn
from tui.coach.thread import HistoryError
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    import datetime as dt

    from tui.coach.checkins import CheckInForm
    from tui.coach.thread import AsyncCoach

FIELDS = ("pain", "stiffness", "note")


class CheckInScreen(Screen[CheckIn | None]):
    """Returns the saved check-in, or None when left without saving."""

    CSS_PATH = "review.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "done", "Done", show=False),
        *(Binding(k, f"choose('{k}')", k, show=False) for k in ("1", "2", "n")),
    ]

    def __init__(self, coach: AsyncCoach) -> None:
        super().__init__()
        self.coach = coach
        self.form: CheckInForm | None = None
        self.choice: MorningChoice | None = None
        """The runner's answer to "which morning?", when it was asked."""
        self.result: CheckInResult | None = None
        self.declined = False
        """The answer was "not a morning": nothing is saved."""
        self._saving = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="checkin"):
            yield Static("Morning check-in", id="checkin-heading", classes="heading")
            with Vertical(id="checkin-which", classes="hidden"):
                yield Static("", id="checkin-question", markup=False)
                yield OptionList(id="checkin-choices")
                yield Static("", id="checkin-which-hint", classes="hint")
            with Vertical(id="checkin-form", classes="hidden"):
                yield Static("", id="checkin-intro", markup=False)
                with Horizontal(classes="checkin-row"):
                    yield Label("Pain on waking, 0-10")
                    yield Input(placeholder="0-10", max_length=4, id="checkin-pain")
                    yield Static("", id="checkin-zones", markup=False)
                with Horizontal(classes="checkin-row"):
                    yield Label("Stiffness, minutes")
                    yield Input(placeholder="optional", max_length=5, id="checkin-stiffness")
                with Horizontal(classes="checkin-row"):
                    yield Label("Note")
                    yield Input(placeholder="optional", id="checkin-note")
                yield Static("", id="checkin-error", markup=False)
                yield Static(
                    "Enter: save · Tab: next field · Esc: back without saving", classes="hint"
                )
            with Vertical(id="checkin-result", classes="hidden"):
                yield Static("", id="checkin-verdict", markup=False)
                yield Static("", id="checkin-redflags", classes="hidden")
                yield Static("", id="checkin-calming", classes="hidden")
                yield Static("", id="checkin-next")
                yield Static("Enter or Esc: back", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, group="checkin-load")
    async def load(self) -> None:
        if await self.coach.started() is None:
            return
        try:
            form = await self.coach.checkin_form()
        except (AnswerError, HistoryError) as exc:
            self._finish_with(f"{exc} Nothing was saved.")
            return
        if self not in self.app.screen_stack:
            return  # Esc while the form was loading: the screen is gone (or going)
        self.form = form
        self.query_one("#checkin-heading", Static).update(f"Morning check-in: {form.now:%A %d %B}")
        self.query_one("#checkin-zones", Static).update(
            " · ".join(f"{z.low}-{z.high} {z.label}" for z in form.zones)
        )
        which = form.which
        if which.day is not None:
            self._show_form(which.day)
            return
        self.query_one("#checkin-question", Static).update(which.question)
        choices = self.query_one("#checkin-choices", OptionList)
        choices.add_options(Option(Content(f"{c.key}  {c.label}"), id=c.key) for c in which.choices)
        keys = ", ".join(c.key for c in which.choices[:-1]) + f" or {which.choices[-1].key}"
        self.query_one("#checkin-which-hint", Static).update(
            f"Press {keys} (or ↑↓ and Enter) · Esc: back without saving"
        )
        self.query_one("#checkin-which").remove_class("hidden")
        choices.highlighted = 0
        choices.focus()

    def _show_form(self, day: dt.date) -> None:
        form = self.form
        assert form is not None
        intro = form.intro(day)
        if form.which.notice:
            intro = f"{form.which.notice}\n{intro}"
        if self.choice is None and (replacing := form.replacing(day)):
            intro += f"\n{replacing}"  # a chosen morning's label said so already
        self.query_one("#checkin-intro", Static).update(intro)
        self.query_one("#checkin-which").add_class("hidden")
        self.query_one("#checkin-form").remove_class("hidden")
        self.query_one("#checkin-pain", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return self._choosing
        return True

    @property
    def _choosing(self) -> bool:
        return self.form is not None and self.form.which.ambiguous and self.choice is None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.action_choose(event.option.id)

    def action_choose(self, key: str) -> None:
        """The answer to "which morning is this about?"."""
        if not self._choosing or self.form is None or self.declined:
            return
        choice = self.form.which.choose(key)
        if choice.day is None:
            self.declined = True
            self._finish_with(choice.label)
            return
        self.choice = choice
        self.query_one("#checkin-heading", Static).update(
            f"Morning check-in: {choice.day:%A %d %B}, on waking"
        )
        self._show_form(choice.day)

    def _finish_with(self, text: str) -> None:
        """Nothing to save: say why, with the way back."""
        self.query_one("#checkin-which").add_class("hidden")
        self.query_one("#checkin-form").add_class("hidden")
        self.query_one("#checkin-result").remove_class("hidden")
        self.query_one("#checkin-verdict", Static).update(text)
        self.query_one("#checkin-next", Static).update("")
        self.set_focus(None)

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
        form = self.form
        if form is None or self._choosing or self._saving or self.result is not None:
            return
        answers = self._answers()
        if answers is None:
            return
        self._saving = True
        try:
            result = await self.coach.check_in(*answers, which=form.which, choice=self.choice)
        except (AnswerError, HistoryError) as exc:
            self.query_one("#checkin-error", Static).update(f"{exc} Nothing was saved.")
            return
        finally:
            self._saving = False
        if result is None:  # not a morning: cannot happen once a morning is chosen
            self._finish_with("Nothing was saved.")
            return
        self.result = result
        self._show(result)

    def _show(self, result: CheckInResult) -> None:
        self.query_one("#checkin-form").add_class("hidden")
        self.query_one("#checkin-result").remove_class("hidden")
        replaced = "Saved, replacing that morning's earlier check-in."
        saved = replaced if result.replaces else "Saved."
        verdict = self.query_one("#checkin-verdict", Static)
        verdict.update(f"{saved} {result.verdict()}")
        verdict.set_class(result.flare or result.see_clinician, "-flare")
        self._show_red_flags(result)
        calming = self.query_one("#checkin-calming", Static)
        if result.flare and result.calming:
            items = "\n".join(f"• {escape(m)}" for m in result.calming)
            calming.update(f"{items}\n[i]{escape(TEMPORARY_FOOTNOTE)}[/i]")
            calming.border_title = "Temporary help"
            calming.border_subtitle = "wean off again as it settles"
            calming.remove_class("hidden")
        reasons = "\n".join(f"• {escape(r)}" for r in result.after.reasons)
        self.query_one("#checkin-next", Static).update(
            f"[b]{escape(result.effect())}[/b]\n{reasons}"
        )
        self.set_focus(None)

    def _show_red_flags(self, result: CheckInResult) -> None:
        """Far above the usual, or in a zone that says so: the signs that need a clinician."""
        box = self.query_one("#checkin-redflags", Static)
        signs = result.red_flags
        if not (result.see_clinician and signs):
            return
        flags = result.program.red_flags
        box.update("\n".join([escape(flags.heading), *(f"• {escape(s)}" for s in signs)]))
        box.border_title = "Red flags"
        box.remove_class("hidden")

    def action_done(self) -> None:
        if self.result is not None:
            self.dismiss(self.result.checkin)
        elif self.declined or (self.form is None and self._failed):
            self.dismiss(None)

    @property
    def _failed(self) -> bool:
        return not self.query_one("#checkin-result").has_class("hidden")

    def action_back(self) -> None:
        self.dismiss(self.result.checkin if self.result is not None else None)
