"""The real `achilles` in tmux, its data on a real small file system that fills mid-session: the
summary says what is not saved, and the command says it on the way out and exits 1 (it exited 0,
after saying "Every finished set is saved", before issue 12)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from session.records import Settings
from session.strength.records import StrengthSettings
from store import Store
from tests.smallfs import fill, small_filesystem
from tests.tui.test_terminal import ACHILLES, Terminal, pytestmark, terminal_factory

__all__ = ["pytestmark", "terminal_factory"]


def test_a_full_disk_mid_session_is_said_and_the_exit_status_is_1(
    terminal_factory: Callable[[list[str]], Terminal], tmp_path: Path
) -> None:
    with small_filesystem(tmp_path / "disk", kilobytes=256) as disk:
        data = disk / "data"
        with Store.open(data) as store:
            # The circuit alone (part 1 off): Enter starts the hops at once.
            part1_off = StrengthSettings(enabled=False, told=True)
            store.save_settings(Settings(sore_side="right", strength=part1_off))
        term = terminal_factory(
            [str(ACHILLES), "--data-dir", str(data), "--no-voice", "--time-scale", "20"]
        )
        term.wait_text("Start session", "Why")  # the plan shown: the demo folder is made
        fill(disk)
        term.send("Enter")
        term.wait_text("rep (of 15)")
        term.send("q")
        term.wait_text("End the session now?")
        term.send("y")
        term.wait_text("Ended early.", "Not saved yet", "No space left on device", timeout=15)
        term.send("C-q")
        term.wait_text("EXITED 1")
        lines = term.capture(history=True)  # the way-out words may scroll past 24 rows
        said = "".join(lines).replace(" ", "")  # the message wraps at 80 columns, mid-word
        # What was not written is named: the finished set, or (q came mid-set, so the set ended
        # early with the session) the end of the session; which one depends on the moment.
        assert "NOTSAVED:" in said, lines
        assert (
            "1finishedset(s)couldnotbewrittenbeforequitting" in said
            or "theendofthelastsessioncouldnotbewrittenbeforequitting" in said
        ), lines
        assert "Nospaceleftondevice" in said
