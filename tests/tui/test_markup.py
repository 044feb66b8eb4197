"""Text from files is shown as text, never parsed as markup: a label `[/b]` breaks nothing.

Before issue 12 a ladder label (program file) or a session label (an import) holding `[/b]`
crashed the app with MarkupError on Today and in session detail. Here the program file and the
history hold markup-like text in every place the screens show it; the real app shows it as is.
"""

from __future__ import annotations

import re
from pathlib import Path

from assets import PROGRAM_FILE, STRENGTH_FILE
from session.history import history_rows
from session.program import parse_program
from session.strength.program import parse_strength
from store import Store
from tests.review.builders import session
from tests.review.conftest import NOW, write_history
from tests.review.screens import on_screen, session_detail, text, today
from tui.app import make_app
from tui.screens.checkin import CheckInScreen
from tui.screens.session_detail import SessionDetailScreen
from tui.screens.summary import SummaryScreen
from tui.services import silent_voice

LABEL = "Circuit 1 [/b] one [red]x"
NAME = "Hop [/i] up [link=x]"
CALF = "Calf [/b] raise [on red]"


def _program(tmp_path: Path) -> Path:
    text = PROGRAM_FILE.read_text(encoding="utf-8")
    text = text.replace('label = "Circuit 1, first session: 1 x 15"', f'label = "{LABEL}"', 1)
    text = re.sub(r'name = "Single Leg Hop Up"', f'name = "{NAME}"', text, count=1)
    text = text.replace('label = "safe"', 'label = "safe [/]"', 1)
    path = tmp_path / "physio.toml"
    path.write_text(text, encoding="utf-8")
    parse_program(path.read_text(encoding="utf-8"))  # the file is a valid program
    return path


def _strength(tmp_path: Path) -> Path:
    text = STRENGTH_FILE.read_text(encoding="utf-8")
    text = text.replace('name = "Standing calf raise, knee straight"', f'name = "{CALF}"', 1)
    path = tmp_path / "strength.toml"
    path.write_text(text, encoding="utf-8")
    parse_strength(path.read_text(encoding="utf-8"))  # a valid part-1 program
    return path


async def test_today_shows_markup_in_the_program_as_text(tmp_path: Path) -> None:
    """Both programs' text (the circuit's and part 1's calf raises) on Today, as is."""
    data = write_history(tmp_path / "data")
    app = make_app(
        data_dir=data,
        program=_program(tmp_path),
        strength=_strength(tmp_path),
        voice_factory=silent_voice,
        wall=lambda: NOW,
    )
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await today(pilot)
            assert LABEL in text(screen, "#today-heading")  # "calf raises, then <label>"
            assert LABEL in text(screen, "#today-reasons")
            assert NAME in text(screen, "#today-exercises")
            assert any(CALF in str(s.content) for s in screen.query(".part1-load"))
    finally:
        app.services.close()


async def test_session_detail_and_summary_show_an_imported_label_as_text(tmp_path: Path) -> None:
    record = session(0, NOW.replace(day=2, hour=18), reasons=("Because [/b] of [red]",))
    record = record.model_copy(
        update={"prescription": record.prescription.model_copy(update={"label": LABEL})}
    )
    data = write_history(tmp_path / "data", [record])
    program = parse_program(_program(tmp_path).read_text(encoding="utf-8"))
    with Store.open(data, write=False) as store:
        (row,) = history_rows(store.summaries(), [], 7, NOW.tzinfo)
    app = make_app(data_dir=data, voice_factory=silent_voice, wall=lambda: NOW)
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await on_screen(pilot, CheckInScreen)  # offered: the morning after a session
            await pilot.press("escape")
            await today(pilot)
            app.push_screen(SessionDetailScreen(app.coach, row, program))
            detail = await session_detail(pilot)
            assert LABEL in text(detail, "#detail-line")
            assert "Because [/b] of [red]" in text(detail, "#detail-reasons")
            app.push_screen(SummaryScreen(app.coach, record, program))
            await pilot.pause(0.3)
            summary = app.screen
            assert LABEL in text(summary, "#summary-line")
            table = summary.query_one("#summary-table")
            assert NAME in str(table.get_row_at(0)[0])  # type: ignore[attr-defined]
            assert str(table.get_row_at(0)[-1]).endswith("safe [/]")  # type: ignore[attr-defined]
    finally:
        app.services.close()
