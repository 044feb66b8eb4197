"""The real `achilles` command in a real terminal (tmux, 80x24): keys in, screen text out.

Skipped only when tmux is not installed (CI installs it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from session.records import SessionStatus, Settings
from session.strength.records import StrengthSettings
from store import Store
from store.paths import demo_dir
from tui.widgets.big_text import render_figlet

TMUX = shutil.which("tmux")
ACHILLES = Path(sys.executable).parent / "achilles"

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


class Terminal:
    """One tmux server on its own socket, one 80x24 session running a command."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        assert TMUX is not None
        self.socket = f"achilles-test-{uuid.uuid4().hex[:8]}"
        config = cwd / "tmux.conf"
        config.write_text("set -g status off\nset -g escape-time 0\n")  # all 24 rows are the app's
        self.base = [TMUX, "-L", self.socket, "-f", str(config)]
        # A shell around the app keeps the pane open after it exits, with its exit status.
        shell = " ".join(command) + '; echo "EXITED $?"; sleep 60'
        subprocess.run(
            [*self.base, "new-session", "-d", "-x", "80", "-y", "24", "-s", "t", shell],
            check=True,
            cwd=cwd,
            env={"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "HOME": str(cwd)},
        )

    def send(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*self.base, "send-keys", "-t", "t", key], check=True)
            time.sleep(0.05)

    def lines(self) -> list[str]:
        """The pane as shown: its 24 rows."""
        return self.capture(history=False)

    def capture(self, *, history: bool) -> list[str]:
        """The pane's rows; with `history`, the rows scrolled off above it too (what a command
        printed on its way out can be longer than the window)."""
        extra = ["-S", "-"] if history else []
        out = subprocess.run(
            [*self.base, "capture-pane", "-p", *extra, "-t", "t"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows = [line.rstrip() for line in out.split("\n")]
        return rows if history else rows[:24]

    def joined(self) -> str:
        """The whole pane as text, lines wrapped by the terminal joined again."""
        return subprocess.run(
            [*self.base, "capture-pane", "-p", "-J", "-t", "t"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def wait(
        self, check: Callable[[list[str]], bool], what: str, timeout: float = 10.0
    ) -> list[str]:
        """Poll the screen until `check(lines)` holds; fail with the screen shown."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.lines()
            if check(lines):
                return lines
            if time.monotonic() > deadline:
                screen = "\n".join(lines)
                raise AssertionError(f"timed out waiting for {what}; the screen:\n{screen}")
            time.sleep(0.05)

    def wait_text(self, *texts: str, timeout: float = 10.0) -> list[str]:
        """Wait until every one of `texts` is on the screen at once (frames paint in steps)."""

        def shown(lines: list[str]) -> bool:
            return all(any(text in line for line in lines) for text in texts)

        return self.wait(shown, " and ".join(map(repr, texts)), timeout)

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], check=False, capture_output=True)


@pytest.fixture
def terminal_factory(tmp_path: Path) -> Iterator[Callable[[list[str]], Terminal]]:
    made: list[Terminal] = []

    def make(command: list[str]) -> Terminal:
        term = Terminal(command, tmp_path)
        made.append(term)
        return term

    yield make
    for term in made:
        term.close()


def big_at(lines: list[str], text: str, row: int, col: int, scale: int = 1) -> bool:
    """Whether `text` is drawn in the big 5-row font (doubled: `scale` 2) with its top-left
    corner at (row, col)."""
    art = render_figlet(text.upper(), "ansi_regular", scale)
    if row + len(art) > len(lines):
        return False
    return all(
        lines[row + k][col : col + len(art_row)].rstrip() == art_row.rstrip()
        for k, art_row in enumerate(art)
    )


def counting(lines: list[str]) -> int | None:
    """The rep shown, when the workout is counting reps with the right leg; else None."""
    label = [i for i, line in enumerate(lines) if "rep (of 15)" in line]
    if not label:
        return None
    row = label[0]
    col = lines[row].index("rep (of 15)")
    if not lines[row].lstrip().startswith("leg") or not big_at(lines, "right", row + 1, 1):
        return None
    # 80x24 has the rows for the doubled font: 10 rows tall, readable across the room.
    shown = [n for n in range(1, 16) if big_at(lines, str(n), row + 1, col, scale=2)]
    caption = lines[21].strip()  # the caption line, above the footer
    if len(shown) != 1 or caption != str(shown[0]):
        return None  # caught between two frames: look again
    return shown[0]


def test_achilles_in_tmux(
    terminal_factory: Callable[[list[str]], Terminal], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    term = terminal_factory(
        [str(ACHILLES), "--data-dir", str(data), "--no-voice", "--time-scale", "20"]
    )

    # First launch: which Achilles is sore?
    term.wait_text(
        "Welcome. Two questions before the first session.",
        "Which Achilles is sore?  (arrow keys, or l / r / b)",
        "Both legs (recommended)",
        "Choose the sore side first: the arrow keys, or l, r or b.",
    )
    term.send("r")
    term.wait_text("Enter saves: right Achilles sore; the sessions train both legs, right first.")
    term.send("Enter")

    # Today: part 1 (on for a new runner) comes first; this runner does calf raises at a gym.
    term.wait_text(
        "Today: calf raises, then Circuit 1, first session: 1 x 15",
        "Calf raises first: 3 x 15RM, week 1",
        "turn part 1 off in Settings (s)",
    )
    term.send("s")
    term.wait_text("Part 1: calf raises before the hops")
    term.send("Tab", "Tab", "Tab", "Space", "C-s")
    term.wait_text("Settings saved.")

    # Today: the prescription, the circuit alone, exactly as without part 1.
    term.wait_text(
        "Today: Circuit 1, first session: 1 x 15",
        "1 set of 15 reps of each exercise, each leg in turn (right, then left).",
        "Circuit 1: gentle",
        "1. Single Leg Hop Up",
        "Start session",
    )
    # The "Settings saved." toast would cover the caption line that `counting` reads.
    term.wait(lambda lines: not any("Settings saved." in line for line in lines), "no toast")
    term.send("Enter")

    # The workout, readable from across the room: big leg and rep count, caption, keys.
    # (A capture can catch the terminal between two frames: look until one frame has it all.)
    def workout_shown(lines: list[str]) -> bool:
        return (
            counting(lines) is not None
            and lines[0].strip() == "Circuit 1 · Set 1 of 1 · 1 of 3 sets today"
            and any("1.2 s per rep  (+ faster, - slower)" in line for line in lines)
            and "space Pause" in lines[23]
            and "q End" in lines[23]
        )

    lines = term.wait(workout_shown, "the workout: big leg, rep count, caption and keys")
    rep = counting(lines)
    assert rep is not None and 1 <= rep <= 15

    # End early: asked once, then saved.
    term.send("q")
    term.wait_text("End the session now?")
    term.send("y")
    term.wait_text("Ended early.", "Every finished set is saved.")
    term.send("C-q")
    term.wait_text("EXITED 0")

    assert not (data / "history").exists()  # a --time-scale run never writes the history...
    with Store.open(demo_dir(data), write=False) as store:  # ...but its demo folder
        sessions = store.sessions()
        settings = store.settings()
    assert settings.sore_side == "right" and not settings.strength.enabled
    assert len(sessions) == 1 and sessions[0].strength is None
    assert sessions[0].status is SessionStatus.ENDED_EARLY
    assert sessions[0].legs == ("right", "left")


def test_ctrl_c_mid_session_says_what_was_kept_and_how_to_carry_on(
    terminal_factory: Callable[[list[str]], Terminal], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.save_settings(Settings(sore_side="left", strength=StrengthSettings(enabled=False)))
    command = [str(ACHILLES), "--data-dir", str(data), "--no-voice", "--time-scale", "20"]
    term = terminal_factory(command)
    term.wait_text("Today: Circuit 1, first session: 1 x 15", "Start session")
    term.send("Enter")
    term.wait_text("How is the Achilles right now?", timeout=20)  # set 1 is done: ~3 s
    term.send("2")
    term.wait(in_set_2, "set 2", timeout=20)
    term.send("C-c")
    term.wait_text("EXITED 0")
    said = term.joined()
    assert (
        "achilles: you quit in the middle of the session. Kept: 1 of 3 sets, each saved when "
        "it ended (Single Leg Hop Up 1 of 1). The set in progress was not saved."
    ) in said
    assert f"To carry on today, run achilles --data-dir {data} and press r" in said

    # And it does carry on: r, from the next set.
    term = terminal_factory(command)
    term.wait_text("You have an unfinished session", "r Resume")
    term.send("r")
    term.wait(in_set_2, "set 2 again")


def in_set_2(lines: list[str]) -> bool:
    """The second set of the day is on (not the rest before it, which says "Up next")."""
    return lines[0].strip().startswith("Circuit 1 · Set 1 of 1 · 2 of 3 sets today")


def test_the_plan_from_the_preview_and_enter_on_it_starts_the_session(
    terminal_factory: Callable[[list[str]], Terminal], tmp_path: Path
) -> None:
    """The start-up preview (tui.coach.preview) at real speed, in the real command: the plan
    shows (in the first frame on a quiet machine: bench/startup.py), the preview's process
    leaves nothing on the screen, and Enter pressed the moment the plan shows starts the
    session."""
    from tests.review.builders import session
    from tests.tui.test_preview import folder_with, local_days_ago, the_apps_words

    data = folder_with(tmp_path / "data", session(0, local_days_ago(3)), mornings=3)
    words = the_apps_words(data)
    term = terminal_factory([str(ACHILLES), "--data-dir", str(data), "--no-voice"])
    lines = term.wait_text(words.heading, "Why")
    term.send("Enter")
    assert not any("Traceback" in line for line in lines)
    assert lines[0].strip().startswith("⭘") or "achilles-coach" in lines[0]  # the header, on top
    term.wait_text("Calf raises today", "Set what you will lift.")
