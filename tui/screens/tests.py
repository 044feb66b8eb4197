"""Tests: the heel-raise endurance test, ten single-leg hops and the side-hop test, each with its
latest result, the symmetry and what the readiness gate says of it; and the VISA-A-based score.

1, 2 or 3 starts a test coached by voice (it opens once the coach has it ready: `StartTrial`);
o opens the questionnaire. The screen reloads when the runner comes back to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.messages import OpenQuestionnaire, StartTrial
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    import datetime as dt

    from session.running.speed_program import TestKind
    from tui.coach.thread import AsyncCoach
    from tui.coach.trials import TestLine, TestsOverview

KEYS: tuple[TestKind, ...] = ("heel_raise", "hop_count", "side_hop")


def latest_words(line: TestLine, tz: dt.tzinfo | None) -> str:
    r = line.latest
    if r is None:
        return "No result yet."
    legs = ", ".join(
        f"{leg} {n}" for leg, n in (("left", r.left), ("right", r.right)) if n is not None
    )
    sym = line.symmetry
    share = f" · sore side {sym.lsi:.0f}% of the other" if sym is not None and sym.other else ""
    return f"Last: {r.recorded_at.astimezone(tz):%a %d %b}: {legs}{share}."


class TestsScreen(Screen[None]):
    """The functional tests and the questionnaire."""

    CSS_PATH = "running.tcss"

    BINDINGS = [
        Binding("1", "trial('heel_raise')", "Heel raises"),
        Binding("2", "trial('hop_count')", "Hops"),
        Binding("3", "trial('side_hop')", "Side hops"),
        Binding("o", "questionnaire", "Score"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, coach: AsyncCoach) -> None:
        super().__init__()
        self.coach = coach
        self.overview: TestsOverview | None = None
        self._starting = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="tests"):
            yield Static("Tests for the return to speed work", classes="heading")
            yield Static("Loading…", id="tests-intro")
            for kind in KEYS:
                yield Static("", id=f"tests-{kind}", classes="test-line", markup=False)
                yield Static("", id=f"tests-{kind}-facts", classes="test-facts", markup=False)
                yield Static("", id=f"tests-{kind}-how", classes="test-how", markup=False)
            yield Static("", id="tests-score", classes="test-line", markup=False)
            yield Static("", id="tests-score-facts", classes="test-facts", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self._starting = False
        if self.overview is not None:
            self.load()

    @work(exclusive=True, group="tests")
    async def load(self) -> None:
        if await self.coach.started() is None:
            return
        self.overview = overview = await self.coach.tests_overview()
        tz = self.coach.now().tzinfo
        sore = overview.sore_side
        side = f"the {sore} side first" if sore in ("left", "right") else "left, then right"
        self.query_one("#tests-intro", Static).update(
            f"Each test is coached by voice, one leg at a time ({side}). Stop at any time with x."
        )
        for n, line in enumerate(overview.lines, start=1):
            facts = latest_words(line, tz)
            if line.gate is not None:
                facts += f"\nGate: {'met' if line.gate.met else 'missing'}. {line.gate.detail}"
            self.query_one(f"#tests-{line.kind}", Static).update(f"{n}  {line.name}")
            self.query_one(f"#tests-{line.kind}-facts", Static).update(facts)
            self.query_one(f"#tests-{line.kind}-how", Static).update(line.how)
        self.query_one("#tests-score", Static).update(f"o  {overview.label}")
        self.query_one("#tests-score-facts", Static).update(overview.questionnaire.words)

    def action_trial(self, kind: TestKind) -> None:
        if self.overview is None or self._starting:
            return
        self._starting = True
        self.start(kind)

    @work(exclusive=True, group="tests-start")
    async def start(self, kind: TestKind) -> None:
        begin = await self.coach.start_test(kind)
        self.post_message(StartTrial(begin))

    def action_questionnaire(self) -> None:
        if self.overview is not None:
            self.post_message(OpenQuestionnaire())

    def action_back(self) -> None:
        self.dismiss()
