"""History: every session (newest first) and the trends: pain, volume, adherence, the ladder,
part 1's calf raises (a row per exercise of each session, and the load by week beside the pain),
and the return to speed work (runs, running, symmetry, the score).

The sessions' summaries (the store's index: no month file is read) and the check-ins are loaded
and turned into rows on the store's thread; the table draws only the rows on screen
(tui.widgets.session_table), so ten years of sessions open at once; the charts are drawn once, and
again when the range changes. A session's sets are read only when it is opened (its detail screen
reads the one month file that holds it).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from session.history import COLUMNS, HistoryRow, cells
from session.trends import adherence_over
from tui.messages import OpenSession
from tui.widgets import fitted_table
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.load_plot import draw_loads
from tui.widgets.part1_tables import fill_history
from tui.widgets.running_plots import draw_run_minutes, draw_score, draw_symmetry
from tui.widgets.session_table import SessionTable
from tui.widgets.trend_plots import TrendPlot, draw_adherence, draw_ladder, draw_pain, draw_volume

if TYPE_CHECKING:
    from session.trends import Streaks, Week
    from tui.coach.part1 import PartOneReview
    from tui.coach.review import Review
    from tui.coach.running import RunningReview
    from tui.coach.thread import AsyncCoach

RANGES: tuple[tuple[str, int | None], ...] = (
    ("12 weeks", 12),
    ("26 weeks", 26),
    ("1 year", 52),
    ("everything", None),
)
TABS = {
    "sessions": "Sessions",
    "pain": "Pain",
    "volume": "Volume",
    "adherence": "Adherence",
    "ladder": "Ladder",
    "part1": "Calf raises",
    "runs": "Runs",
    "running": "Running",
    "symmetry": "Symmetry",
    "score": "Score",
}
"""Each tab's id and name, in their order; a tab's key is its place (1-9, then 0)."""


def tab_key(tab: str) -> str:
    return str((list(TABS).index(tab) + 1) % 10)


def tab_labels(active: str, width: int) -> tuple[dict[str, str], bool]:
    """Every tab's label for a window `width` columns wide, and whether the tabs must sit
    closer together (one cell between them instead of two). The key and the name of each when
    they all fit in one row; else the key of each and the name of the tab shown: no tab is ever
    cut off, and every key is in view (at 60 and 80 columns)."""
    full = {tab: f"{tab_key(tab)} {name}" for tab, name in TABS.items()}
    keys = {tab: label if tab == active else tab_key(tab) for tab, label in full.items()}
    for labels, tight in ((full, False), (full, True), (keys, False)):
        pad = 1 if tight else 2  # a tab pads one cell on each side, or just on its left
        if sum(len(label) + pad for label in labels.values()) <= width:
            return labels, tight
    return keys, True


class HistoryScreen(Screen[None]):
    """Sessions and trends. Enter on a session opens every set of it."""

    CSS_PATH = "review.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("1", "tab('sessions')", "Sessions", show=False),
        Binding("2", "tab('pain')", "Pain", show=False),
        Binding("3", "tab('volume')", "Volume", show=False),
        Binding("4", "tab('adherence')", "Adherence", show=False),
        Binding("5", "tab('ladder')", "Ladder", show=False),
        Binding("6", "tab('part1')", "Calf raises", show=False),
        Binding("7", "tab('runs')", "Runs", show=False),
        Binding("8", "tab('running')", "Running", show=False),
        Binding("9", "tab('symmetry')", "Symmetry", show=False),
        Binding("0", "tab('score')", "Score", show=False),
        Binding("r", "range", "Chart range"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, coach: AsyncCoach) -> None:
        super().__init__()
        self.coach = coach
        self.review: Review | None = None
        self.part1: PartOneReview | None = None
        self.by_id: dict[str, HistoryRow] = {}
        self.range_index = 0
        self.running: RunningReview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="history-tabs"):
            with TabPane("1 Sessions", id="sessions"):  # the labels: tab_labels (on_resize)
                yield Static("Loading your history…", id="history-summary")
                yield SessionTable(id="history-table")
            with TabPane("2 Pain", id="pain"):
                yield TrendPlot(id="plot-pain")
            with TabPane("3 Volume", id="volume"):
                yield TrendPlot(id="plot-volume")
            with TabPane("4 Adherence", id="adherence"):
                yield Static("", id="history-streaks")
                yield TrendPlot(id="plot-adherence")
            with TabPane("5 Ladder", id="ladder"):
                yield TrendPlot(id="plot-ladder")
            with TabPane("6 Calf raises", id="part1"):
                yield DataTable(id="part1-table", cursor_type="row", zebra_stripes=True)
                yield TrendPlot(id="plot-loads")
            yield from running_panes()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load()

    def on_resize(self, event: events.Resize) -> None:
        self._label_tabs(event.size.width)
        self._fill_logs(event.size.width)

    def _fill_logs(self, width: int) -> None:
        """The calf raises' and the runs' tables, their columns fitted to `width`."""
        if self.part1 is not None:
            fill_history(self.query_one("#part1-table", DataTable), self.part1, width)
        if self.running is not None:
            fill_runs(self.query_one("#runs-table", DataTable), self.running, width)

    def on_tabbed_content_tab_activated(self) -> None:
        self._label_tabs(self.size.width)

    def _label_tabs(self, width: int) -> None:
        tabs = self.query_one("#history-tabs", TabbedContent)
        labels, tight = tab_labels(tabs.active or "sessions", width)
        tabs.set_class(tight, "-tight")
        for tab, label in labels.items():
            widget = tabs.get_tab(tab)
            if widget.label_text != label:
                widget.label = Text(label)

    def on_screen_resume(self) -> None:
        if self.review is not None:
            self.load()  # a rating changed on a session's detail changes its row

    @work(exclusive=True, group="history")
    async def load(self) -> None:
        if await self.coach.started() is None:
            return
        self.review = review = await self.coach.review()
        self.by_id = {r.id: r for r in review.rows}
        self._fill_table(review)
        self.part1 = await self.coach.part1_review()
        self.running = await self.coach.running_review()
        self._fill_logs(self.size.width)
        self._draw_charts()

    def _fill_table(self, review: Review) -> None:
        stop = review.program.stop_threshold
        rows = []
        for row in review.rows:
            date, dose, reps, pain, morning, status = cells(row)
            rows.append(
                (
                    (date, ""),
                    (dose, ""),
                    (reps, ""),
                    (pain, _pain_style(row.max_pain, stop)),
                    (morning, "bold red" if row.flare else ""),
                    (status, _status_style(row)),
                )
            )
        table = self.query_one("#history-table", SessionTable)
        table.set_rows(COLUMNS, rows, [r.id for r in review.rows], right=("Reps done",))
        self.query_one("#history-summary", Static).update(_summary(review))
        table.focus()

    def _draw_charts(self) -> None:
        review = self.review
        if review is None:
            return
        program = review.program
        label, span = RANGES[self.range_index]
        end = review.today
        first = review.rows[-1].day if review.rows else end
        start = max(first, end - dt.timedelta(weeks=span)) if span else first
        rows = [r for r in review.rows if r.day >= start]
        week_list = [w for w in review.weeks if w.start + dt.timedelta(days=6) >= start]
        draw_pain(self.query_one("#plot-pain", TrendPlot), rows, week_list, program, start, end)
        draw_volume(self.query_one("#plot-volume", TrendPlot), week_list, start, end)
        draw_adherence(self.query_one("#plot-adherence", TrendPlot), week_list, start, end)
        draw_ladder(self.query_one("#plot-ladder", TrendPlot), rows, program, start, end)
        if self.part1 is not None:
            plot = self.query_one("#plot-loads", TrendPlot)
            draw_loads(plot, self.part1.program, self.part1.weeks, week_list, start, end)
        if self.running is not None:
            self._draw_running(self.running, span, end)
        for plot in self.query(TrendPlot):
            plot.border_title = f"{label}  (r: change)"
            plot.refresh()
        self.query_one("#history-streaks", Static).update(
            _streak_text(review.streaks, review.weeks)
        )

    def _draw_running(self, running: RunningReview, span: int | None, end: dt.date) -> None:
        """The running charts over the same range (from the first run, test or score)."""
        days = [r.when.date() for r in running.log]
        first = min(days, default=end)
        start = max(first, end - dt.timedelta(weeks=span)) if span else first
        weeks = [w for w in running.weeks if w.start + dt.timedelta(days=6) >= start]
        points = [p for p in running.symmetry if p.day >= start]
        draw_run_minutes(self.query_one("#plot-running", TrendPlot), weeks, start, end)
        draw_symmetry(
            self.query_one("#plot-symmetry", TrendPlot), points, running.speed, start, end
        )
        score = self.query_one("#plot-score", TrendPlot)
        draw_score(score, running.trend, running.speed.outcome, start, end)

    def on_session_table_selected(self, event: SessionTable.Selected) -> None:
        row = self.by_id.get(event.key)
        review = self.review
        if row is not None and review is not None:
            strength = None if self.part1 is None else self.part1.program
            latest = row is review.rows[0]
            self.post_message(OpenSession(row, review.program, strength, latest=latest))

    def action_tab(self, tab: str) -> None:
        self.query_one("#history-tabs", TabbedContent).active = tab
        if tab == "sessions":
            self.query_one("#history-table", SessionTable).focus()

    def action_range(self) -> None:
        self.range_index = (self.range_index + 1) % len(RANGES)
        self._draw_charts()

    def action_back(self) -> None:
        self.dismiss()


def _status_style(row: HistoryRow) -> str:
    if row.status == "stopped for pain":
        return "red"
    return "yellow" if row.unfinished or row.session.started_early else ""


def running_panes() -> ComposeResult:
    """The tabs of the return to speed work: its log, running beside pain, symmetry, score."""
    with TabPane("7 Runs", id="runs"):
        yield DataTable(id="runs-table", cursor_type="row", zebra_stripes=True)
    with TabPane("8 Running", id="running"):
        yield TrendPlot(id="plot-running")
    with TabPane("9 Symmetry", id="symmetry"):
        yield TrendPlot(id="plot-symmetry")
    with TabPane("0 Score", id="score"):
        yield TrendPlot(id="plot-score")


def fill_runs(table: DataTable[Text], running: RunningReview, width: int | None = None) -> None:
    """Every run, test and score, newest first (plain text: notes are never markup); with
    `width`, the detail, what it was and the pain wrap rather than leave the window."""
    rows = [(f"{r.when:%d %b %Y}", r.what, r.pain, r.detail) for r in running.log]
    if not running.log:
        rows = [("No runs, tests or scores yet.", "", "", "")]
    heads = ("Date", "What", "Pain", "Detail")
    fitted_table.fill(table, heads, rows, width=width, wrap=((3, 12), (1, 8), (2, 6)))


def _pain_style(pain: int | None, stop: int) -> str:
    if pain is None:
        return ""
    if pain >= stop:
        return "bold red"
    return "yellow" if pain >= 4 else ""


def _summary(review: Review) -> str:
    rows = review.rows
    if not rows:
        return "No sessions yet. Your sessions will be listed here, newest first."
    flares = sum(1 for r in rows if r.flare)
    unfinished = sum(1 for r in rows if r.unfinished)
    s = review.streaks
    text = (
        f"{len(rows)} sessions since {rows[-1].day:%d %b %Y} · {flares} flare"
        f"{'' if flares == 1 else 's'}"
    )
    if unfinished:
        text += f" · {unfinished} unfinished"
    return f"{text} · this week {s.this_week}/{s.planned} days"


def _streak_text(s: Streaks, week_list: list[Week]) -> str:
    """Training days (days with a set done), not sessions: two in one evening are one day."""
    recent = week_list[-5:-1]  # the last four whole weeks
    done, planned = adherence_over(recent)
    last4 = f" · last 4 weeks {done}/{planned}" if recent else ""
    return (
        f"Training days this week {s.this_week}/{s.planned}{last4} · full weeks in a row "
        f"{s.current} (longest {s.longest})"
    )
