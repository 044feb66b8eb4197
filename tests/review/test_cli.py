"""`achilles checkin`, `achilles history` and `achilles report`, run as the real command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from session.records import CheckIn, SessionRecord
from store import Store
from tests.cli import achilles
from tests.review.builders import session
from tests.review.conftest import PROGRAM, history, write_history
from tui.cli.main import main


def test_interactive_checkin_asks_again_after_bad_answers(tmp_path: Path) -> None:
    data = write_history(tmp_path / "data")
    # An explicit day: a check-in typed at night would (rightly) not count as that morning's.
    today = dt.date.today().isoformat()
    answers = "x\n12\n3\nten\n10\n  sore on stairs \n"
    out = achilles("checkin", "--data-dir", data, "--on", today, stdin=answers)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Morning Achilles pain, 0-10: ") == 3
    assert "'x' is not a whole number: enter your morning pain from 0 to 10." in out.stdout
    assert "12 is outside the scale: enter a number from 0 to 10." in out.stdout
    assert "'ten' is not a whole number of minutes" in out.stdout
    assert "This first check-in sets your usual" in out.stdout
    with Store.open(data, write=False) as store:
        (saved,) = store.checkins()
    assert (saved.pain, saved.stiffness_minutes, saved.note) == (3, 10, "sore on stairs")


def test_an_abandoned_checkin_saves_nothing(tmp_path: Path) -> None:
    data = write_history(tmp_path / "data")
    out = achilles("checkin", "--data-dir", data, stdin="4\nfive\n")  # then end of input
    assert out.returncode == 1
    assert "achilles: check-in abandoned: nothing was saved." in out.stderr
    bad = achilles("checkin", "--data-dir", data, "--pain", "11")
    assert bad.returncode == 2
    assert "argument --pain: 11 is outside the scale: enter a number from 0 to 10." in bad.stderr
    with Store.open(data, write=False) as store:
        assert store.checkins() == []


def real_day(days: int, hour: int = 18, minute: int = 0) -> dt.datetime:
    """A moment `days` from the real today (UTC, as `achilles` runs in these tests): the command
    reads the real clock, and a check-in is about a morning that has come."""
    today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today + dt.timedelta(days=days, hours=hour, minutes=minute)


def real_mornings(before: int, count: int = 7, pain: int = 2) -> list[CheckIn]:
    """Ordinary mornings (07:30) ending the day before `before`: they set the usual."""
    days = [real_day(before - count + i, 7, 30) for i in range(count)]
    return [CheckIn(day=d.date(), pain=pain, recorded_at=d) for d in days]


def stored_checkins(data: Path) -> list[CheckIn]:
    with Store.open(data, write=False) as store:
        return store.checkins()


def test_a_flare_checkin_dials_back_the_next_session(tmp_path: Path) -> None:
    data = write_history(tmp_path / "data", [session(4, real_day(-1))], real_mornings(-1))
    today = real_day(0).date()
    out = achilles("checkin", "--data-dir", data, "--pain", "5", "--on", today.isoformat())
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == f"Saved the check-in of {today:%a %d %b}."
    assert lines[1] == (
        "Morning pain 5/10 is far above your usual (2/10). That is too much for the tendon: "
        "scale back and go gently. If it does not settle over the next few days, get it checked "
        "by a physio or doctor. The next session goes one step below your last one, to "
        "Circuit 2, first session: 1 x 15."
    )
    # Far above the usual: the red flags, then the temporary help.
    assert lines[3] == f"RED FLAGS: {PROGRAM.red_flags.heading}"
    assert lines[4 : 4 + len(PROGRAM.red_flags.signs)] == [
        f"  - {sign}" for sign in PROGRAM.red_flags.signs
    ]
    assert "TEMPORARY: Temporary help while the tendon calms down" in " ".join(lines)
    assert "  - A 9-12 mm heel lift" in lines
    assert (
        "Next session dialled back to Circuit 2, first session: 1 x 15 "
        "(it was Circuit 2, regular dose: 3 x 15)."
    ) in lines
    tomorrow = f"{real_day(1):%Y-%m-%dT18:00}"
    plan = achilles("plan", "--data-dir", data, "--on", tomorrow, "--json")
    assert plan.returncode == 0, plan.stderr
    rx = json.loads(plan.stdout)
    assert (rx["step"], rx["flare"]) == (3, True)


@pytest.mark.parametrize("on", ["day", "moment"])
def test_a_future_morning_is_refused(tmp_path: Path, on: str) -> None:
    """`--on` a day still to come: refused with a clear message and exit 2, nothing saved."""
    data = write_history(tmp_path / "data", [session(4, real_day(-1))], real_mornings(-1))
    tomorrow = real_day(1, 7)
    value = tomorrow.date().isoformat() if on == "day" else f"{tomorrow:%Y-%m-%dT%H:%M}"
    out = achilles("checkin", "--data-dir", data, "--pain", "2", "--on", value)
    assert out.returncode == 2
    assert out.stderr == (
        f"achilles: {tomorrow:%a %d %b %Y} has not come yet: a check-in is about a morning "
        "that has happened. Check in on that morning, when you wake up. Nothing was saved.\n"
    )
    assert out.stdout == ""
    assert stored_checkins(data) == real_mornings(-1)


def test_an_entry_after_that_days_session_asks_which_morning(tmp_path: Path) -> None:
    """21:00 after an 18:00 session: with --pain and no --morning the command fails naming the
    choices; --morning answers it ("n" saves nothing); asked, the answer is checked."""
    data = write_history(tmp_path / "data", [session(4, real_day(-1))], real_mornings(-1))
    evening = f"{real_day(-1, 21):%Y-%m-%dT%H:%M}"
    day = real_day(-1).date()
    base = ("checkin", "--data-dir", data, "--on", evening)
    out = achilles(*base, "--pain", "3")
    assert out.returncode == 2
    assert out.stderr.startswith(
        "achilles: You trained today at 18:00. Is this about this morning, before the session, "
        "or about how it feels now? Answer with --morning 1|n (1: This morning, "
        f"{day:%a %d %b}, on waking, before the session; n: How it feels now, after the session"
    )
    assert out.stderr.endswith("Nothing was saved.\n")
    declined = achilles(*base, "--pain", "3", "--morning", "n")
    assert declined.returncode == 0, declined.stderr
    assert "that is not a morning answer. Nothing is saved" in declined.stdout
    assert stored_checkins(data) == real_mornings(-1)

    asked = achilles(*base, stdin="x\n1\n3\n\nfelt fine on waking\n")
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.startswith("You trained today at 18:00.")
    assert "'x' is not one of the choices: answer 1, n." in asked.stdout
    assert f"Saved the check-in of {day:%a %d %b}." in asked.stdout
    (saved,) = [c for c in stored_checkins(data) if c.day == day]
    assert (saved.pain, saved.note, saved.confirmed) == (3, "felt fine on waking", True)


def test_a_morning_long_past_is_said_plainly(tmp_path: Path) -> None:
    data = write_history(tmp_path / "data")
    out = achilles("checkin", "--data-dir", data, "--pain", "2", "--on", "2025-05-27")
    assert out.returncode == 0, out.stderr
    ago = (real_day(0).date() - dt.date(2025, 5, 27)).days
    assert out.stdout.splitlines()[0] == (
        f"This check-in is for the morning of Tue 27 May 2025, {ago} days ago, not this morning."
    )
    (saved,) = stored_checkins(data)
    assert (saved.day, saved.confirmed) == (dt.date(2025, 5, 27), True)


def test_checkin_refuses_while_another_achilles_records(tmp_path: Path) -> None:
    data = write_history(tmp_path / "data")
    with Store.open(data):
        out = achilles("checkin", "--data-dir", data, "--pain", "2")
    assert out.returncode == 1
    assert "already running in another terminal" in out.stderr
    assert "Nothing was saved." in out.stderr


def test_history_as_json_and_as_a_table(tmp_path: Path) -> None:
    sessions, checkins = history()
    data = write_history(tmp_path / "data", sessions, checkins)
    out = achilles("history", "--data-dir", data, "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert len(rows) == len(sessions)
    assert [r["id"] for r in rows] == [s.id for s in reversed(sessions)]
    newest = rows[0]
    assert set(newest) >= {
        "date",
        "circuit",
        "reps_done",
        "reps_prescribed",
        "max_pain",
        "morning_pain",
        "flare",
        "status",
    }
    assert newest["date"] == "2025-06-02" and newest["status"] == "completed"

    table = achilles("history", "--data-dir", data, "--last", "3")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0] == f"Your sessions, newest first (3 of {len(sessions)})"
    assert lines[1].split() == ["Date", "Session", "Reps", "done", "Pain", "Morning", "Status"]
    assert len(lines) == 5 and lines[2].startswith("Mon 02 Jun 25  C2 3x15")


def test_report_to_markdown_html_or_the_terminal(tmp_path: Path) -> None:
    sessions, checkins = history()
    data = write_history(tmp_path / "data", sessions, checkins)
    page = tmp_path / "physio.html"
    out = achilles("report", "--data-dir", data, "--out", page)
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"Wrote the report to {page}.\n"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text and "Setbacks" in text

    printed = achilles("report", "--data-dir", data)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith("# Achilles rehab report: ")
    assert "| Week of | Training days |" in printed.stdout

    wrong = achilles("report", "--data-dir", data, "--out", tmp_path / "report.pdf")
    assert wrong.returncode == 2
    assert "must end in .md or .html" in wrong.stderr


def test_history_report_and_checkin_read_only_the_summaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run in this process: none of them asks the store for every full record (which reads every
    month file); the store's summaries hold all they show."""

    def every_record(store: Store) -> list[SessionRecord]:
        raise AssertionError("read every full record")

    data = write_history(tmp_path / "data", *history())
    monkeypatch.setattr(Store, "sessions", every_record)
    assert main(["history", "--data-dir", str(data), "--last", "2"]) == 0
    assert main(["report", "--data-dir", str(data), "--out", str(tmp_path / "r.html")]) == 0
    assert main(["checkin", "--data-dir", str(data), "--pain", "2", "--on", "2025-06-04"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Your sessions, newest first (2 of {len(history()[0])})")
    assert f"Wrote the report to {tmp_path / 'r.html'}." in out
    assert "Saved the check-in of Wed 04 Jun." in out
