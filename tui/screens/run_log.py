"""Log a run: minutes, when it started, its kind, the highest pain during and an hour after, the
distance, the temporary calming measures in use (the last run's are ticked) and a note.

Enter in a field (or ctrl+s) saves. The kind starts at "easy run" whatever the last run was: a
speed session logged by a slip would count on the return ladder; an easy run never does. A wrong
answer is explained under the form and its field focused; nothing is saved until every answer is
good. After saving, the screen says what the run means for the next one (the morning rule, the
pain limits) and where the return to speed work stands. The parsing is session.running.runs',
shared with `achilles run`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Select, SelectionList, Static

from session.running import runs
from session.running.runs import KIND_WORDS, RunEntryError, RunKind
from tui.coach.running import RunAnswers
from tui.coach.thread import HistoryError
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.coach.running import RunForm, RunLogged
    from tui.coach.thread import AsyncCoach


ONE_A_ROW_BELOW = 80
"""Columns under which the form puts one answer on each row (running.tcss: -tight)."""


class RunLogScreen(Screen[None]):
    """The run form, then what the run means."""

    CSS_PATH = "running.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "save", "Save run"),
        Binding("enter", "done", "Done", show=False),
    ]

    def __init__(self, coach: AsyncCoach) -> None:
        super().__init__()
        self.coach = coach
        self.form: RunForm | None = None
        self.logged: RunLogged | None = None
        self._saving = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="run"):
            yield Static("Log a run", classes="heading")
            with Vertical(id="run-form"):
                with Horizontal(classes="run-row"):
                    yield Label("Minutes")
                    yield Input(placeholder="e.g. 40", max_length=8, id="run-minutes")
                    yield Label("Started")
                    yield Input(placeholder="HH:MM; blank: just ended", id="run-start")
                with Horizontal(classes="run-row"):
                    yield Label("Kind")
                    yield Select[RunKind](
                        [(KIND_WORDS[k], k) for k in RunKind],
                        value=RunKind.EASY,
                        allow_blank=False,
                        id="run-kind",
                    )
                    yield Label("Distance km")
                    yield Input(placeholder="optional", max_length=8, id="run-distance")
                with Horizontal(classes="run-row"):
                    yield Label("Pain during")
                    yield Input(placeholder="0-10", max_length=3, id="run-pain")
                    yield Label("1 h after")
                    yield Input(placeholder="optional", max_length=3, id="run-after")
                yield Static("Temporary calming measures in use (space to tick):", id="run-calm")
                yield SelectionList[str](id="run-measures")
                with Horizontal(classes="run-row"):
                    yield Label("Note")
                    yield Input(placeholder="optional", id="run-note")
                yield Static("", id="run-error")
                yield Static(
                    "Enter in a field or ctrl+s: save · Tab: next · Esc: back", classes="hint"
                )
            with Vertical(id="run-result", classes="hidden"):
                yield Static("", id="run-saved", markup=False)
                yield Static("", id="run-advice", markup=False)
                yield Static("Enter or Esc: back", classes="hint")
        yield KeysFooter()

    def on_resize(self, event: events.Resize) -> None:
        # Under 80 columns two answers side by side would cut their words: one a row.
        self.set_class(event.size.width < ONE_A_ROW_BELOW, "-tight")

    def on_mount(self) -> None:
        self.query_one("#run-minutes", Input).focus()
        self.load()

    @work(exclusive=True, group="run-load")
    async def load(self) -> None:
        if await self.coach.started() is None:
            return
        self.form = form = await self.coach.run_form()
        measures = self.query_one("#run-measures", SelectionList)
        measures.add_options([(m.text, m.id, m.id in form.in_use) for m in form.measures])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.logged is None
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def action_save(self) -> None:
        self.save()

    def _value(self, name: str) -> str:
        return self.query_one(f"#run-{name}", Input).value

    def _answers(self, form: RunForm) -> RunAnswers:
        """The answers, parsed; RunEntryError names the field (its first word)."""
        minutes = runs.parse_minutes(self._value("minutes"))
        pain = runs.parse_rating(self._value("pain"), "pain during")
        assert pain is not None
        kind = self.query_one("#run-kind", Select).value
        assert isinstance(kind, RunKind)
        return RunAnswers(
            started_at=runs.parse_start(self._value("start"), form.now, minutes),
            kind=kind,
            minutes=minutes,
            pain_during=pain,
            distance_km=runs.parse_distance(self._value("distance")),
            pain_after=runs.parse_rating(self._value("after"), "pain after", optional=True),
            note=runs.parse_note(self._value("note")),
            calming=tuple(self.query_one("#run-measures", SelectionList).selected),
        )

    def _problem(self, exc: RunEntryError) -> None:
        """Show the problem and focus its field (the message starts with the field's name)."""
        self.query_one("#run-error", Static).update(str(exc))
        fields = {
            "minutes": "minutes",
            "start": "start",
            "date": "start",
            "distance": "distance",
            "pain during": "pain",
            "pain after": "after",
            "note": "note",
            "calming": "measures",
        }
        for prefix, field in fields.items():
            if str(exc).startswith(prefix):
                self.query_one(f"#run-{field}").focus()
                return

    @work(exclusive=True, group="run-save")
    async def save(self) -> None:
        form = self.form
        if form is None or self._saving or self.logged is not None:
            return
        try:
            answers = self._answers(form)
        except RunEntryError as exc:
            self._problem(exc)
            return
        self._saving = True
        try:
            self.logged = await self.coach.log_run(answers)
        except RunEntryError as exc:
            self._problem(exc)
            return
        except HistoryError as exc:
            self.query_one("#run-error", Static).update(f"{exc} Nothing was saved.")
            return
        finally:
            self._saving = False
        self._show(self.logged)
        self.refresh_bindings()

    def _show(self, logged: RunLogged) -> None:
        self.query_one("#run-form").add_class("hidden")
        self.query_one("#run-result").remove_class("hidden")
        tz = self.coach.now().tzinfo
        verb = "Updated" if logged.replaced else "Saved"
        self.query_one("#run-saved", Static).update(f"{verb}: your {logged.run.words(tz)}.")
        lines = [*logged.warnings, *logged.plan.lines]
        self.query_one("#run-advice", Static).update("\n".join(f"• {line}" for line in lines))
        self.set_focus(None)

    def action_done(self) -> None:
        if self.logged is not None:
            self.dismiss()

    def action_back(self) -> None:
        self.dismiss()
