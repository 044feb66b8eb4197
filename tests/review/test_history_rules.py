"""History rows, next mornings and flares; weeks, adherence and streaks; setbacks and responses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from session.flares import setbacks
from session.history import cells, history_rows, mornings
from session.morning import before, first_after, is_flare
from session.records import SessionStatus
from session.trends import monday, since, streaks, weeks
from store import Store
from tests.review.builders import at, calm_mornings, morning, rx, session, summaries
from tests.review.conftest import CET, NOW, PROGRAM, history, write_history

WINDOW = PROGRAM.rules.morning_normal_window


def test_rows_are_finished_sessions_newest_first_with_their_next_morning() -> None:
    mon, wed, fri = session(1, at(0)), session(2, at(2)), session(3, at(4))
    live = session(4, at(7), status=SessionStatus.IN_PROGRESS)
    tue, wed_morning = morning(1, 2), morning(2, 3)
    rows = history_rows(summaries([fri, live, mon, wed]), [wed_morning, tue], WINDOW, CET)
    assert [r.id for r in rows] == [fri.id, wed.id, mon.id]
    # Monday's next morning is Tuesday's (not Wednesday's); Wednesday and Friday have none.
    assert [r.morning_pain for r in rows] == [None, None, 2]
    assert rows[2].started == at(0) and rows[2].day == dt.date(2025, 5, 26)


def test_a_checkin_the_same_evening_is_not_the_next_morning() -> None:
    mon = session(1, at(0))
    evening, tuesday = morning(0, 5, hour=21), morning(1, 2)
    (row,) = history_rows(summaries([mon]), [evening, tuesday], WINDOW, CET)
    assert row.morning is not None and row.morning.checkin == tuesday


def test_cells_show_dose_done_against_prescribed_and_the_flare() -> None:
    done = session(5, at(0), pains=(1, 4, 3, 2), status=SessionStatus.ENDED_EARLY)
    checkins = [*calm_mornings(1, pain=1), morning(1, 3)]
    (row,) = history_rows(summaries([done]), checkins, WINDOW, CET)
    assert cells(row) == (
        "Mon 26 May 25",
        "C2 3x15",
        "120/270",
        "4/10",
        "3/10 flare",
        "ended early",
    )
    data = row.as_json()
    assert data["reps_done"] == 120 and data["reps_prescribed"] == 270
    assert data["step"] == 6 and data["flare"] is True and data["morning_normal"] == 1.0
    assert data["status"] == "ended_early" and data["started_at"] == "2025-05-26T18:00:00+01:00"


def test_a_summary_carries_the_prescribed_dose() -> None:
    record = session(5, at(0), pains=(1, 4, 3, 2), status=SessionStatus.ENDED_EARLY)
    summary = record.summary()
    rx = record.prescription
    assert (rx.sets, rx.reps, rx.dose) == (3, 15, "3 x 15")
    assert (summary.sets, summary.reps, summary.dose) == (rx.sets, rx.reps, rx.dose)
    assert (summary.sets_prescribed, summary.sets_done) == (9, 4)


def test_rows_from_the_stores_summaries_say_what_the_full_records_say(tmp_path: Path) -> None:
    """The History table, `achilles history` and the report read the summaries kept in the
    store's index, not the records: every value shown must equal what the full record says."""
    sessions, checkins = history()
    data = write_history(tmp_path / "data", sessions, checkins)
    with Store.open(data, write=False) as store:
        stored = store.summaries()
    records = {s.id: s for s in sessions}
    rows = history_rows(stored, checkins, WINDOW, CET)
    assert [r.id for r in rows] == [s.id for s in reversed(sessions)]
    for row in rows:
        record = records[row.id]
        rx = record.prescription
        shown = row.as_json()
        assert (shown["circuit"], shown["step"], shown["label"], shown["dose"]) == (
            rx.circuit,
            rx.step + 1,
            rx.label,
            rx.dose,
        )
        assert (shown["sets_done"], shown["sets_prescribed"]) == (
            len(record.sets),
            rx.sets * len(rx.exercises),
        )
        assert (shown["reps_done"], shown["reps_prescribed"], shown["max_pain"]) == (
            record.reps_done,
            record.reps_prescribed,
            record.max_pain,
        )
        assert (shown["status"], shown["started_early"]) == (
            record.status.value,
            record.started_early,
        )
        assert cells(row)[1:4] == (
            f"C{rx.circuit} {rx.sets}x{rx.reps}",
            f"{record.reps_done}/{record.reps_prescribed}",
            "–" if record.max_pain is None else f"{record.max_pain}/10",
        )


def test_the_first_morning_sets_normal_and_is_never_a_flare() -> None:
    result = mornings([morning(0, 9), morning(1, 2), morning(2, 5)], WINDOW)
    assert [(m.normal, m.flare) for m in result] == [(None, False), (9.0, False), (5.5, False)]


def test_rows_agree_with_the_progression_rules_on_a_generated_year() -> None:
    """The fast matching (bisect) gives what session.morning's per-session scans give."""
    sessions, checkins = history()
    rows = history_rows(summaries(sessions), checkins, WINDOW, CET)
    ordered = sorted(summaries(sessions), key=lambda s: s.started_at)
    assert len(rows) == len(ordered) > 120
    flares = 0
    for row in rows:
        i = ordered.index(row.session)
        nxt = ordered[i + 1].started_at if i + 1 < len(ordered) else None
        ended = row.session.ended_at or row.session.started_at
        expected = first_after(checkins, ended, nxt, row.day)
        assert (row.morning.checkin if row.morning else None) == expected
        if expected is not None:
            assert row.flare == is_flare(expected, before(checkins, expected), WINDOW)
            flares += row.flare
    assert flares > 3


# --- weeks, adherence, streaks -----------------------------------------------------------------


def test_weeks_count_sessions_reps_and_pain_and_keep_empty_weeks() -> None:
    # Week of 26 May: Mon, Wed, Fri; week of 2 June: nothing; week of 9 June: Mon.
    done = [session(0, at(0)), session(1, at(2)), session(2, at(4), pains=(5,)), session(3, at(14))]
    checkins = [morning(1, 2), morning(3, 2), morning(5, 3)]
    rows = history_rows(summaries(done), checkins, WINDOW, CET)
    week_list = weeks(rows, at(16).date())
    assert [w.start for w in week_list] == [
        dt.date(2025, 5, 26),
        dt.date(2025, 6, 2),
        dt.date(2025, 6, 9),
    ]
    first, gap, last = week_list
    assert (first.sessions, first.full, first.adherence) == (3, True, 1.0)
    assert first.reps == (3 + 6 + 1) * 15 * 2
    assert (first.peak_pain, first.morning_pain, first.flares, first.step) == (5, 3, 1, 2)
    assert (gap.sessions, gap.reps, gap.peak_pain, gap.step) == (0, 0, None, None)
    assert (last.sessions, last.adherence) == (1, 1 / 3)
    assert since(week_list, dt.date(2025, 6, 4)) == [gap, last]


def test_streaks_count_full_weeks_and_a_running_week_cannot_break_one() -> None:
    def week_of(start: int, n: int) -> list:  # type: ignore[type-arg]
        return [session(5, at(7 * start + 2 * k)) for k in range(n)]

    done = [*week_of(0, 3), *week_of(1, 2), *week_of(2, 3), *week_of(3, 3), *week_of(4, 1)]
    rows = history_rows(summaries(done), [], WINDOW, CET)
    today = at(7 * 4 + 1).date()  # Tuesday of the fifth week: one session so far
    s = streaks(weeks(rows, today), today)
    assert (s.this_week, s.current, s.longest, s.planned) == (1, 2, 2, 3)
    # A week later, the unfinished fifth week is over and breaks the run.
    later = at(7 * 5 + 1).date()
    s = streaks(weeks(rows, later), later)
    assert (s.this_week, s.current, s.longest) == (0, 0, 2)


def test_monday_of_any_day() -> None:
    assert monday(dt.date(2025, 6, 1)) == dt.date(2025, 5, 26)
    assert monday(dt.date(2025, 5, 26)) == dt.date(2025, 5, 26)


# --- setbacks and what the app did -------------------------------------------------------------


def test_a_flare_after_a_session_and_what_the_next_session_was() -> None:
    mon = session(4, at(0))
    wed = session(3, at(2), sid="wed")
    checkins = [*calm_mornings(1, pain=2), morning(1, 4)]
    (flare,) = setbacks(summaries([mon, wed]), checkins, WINDOW, PROGRAM.stop_threshold, CET)
    assert flare.kind == "flare" and flare.when == at(1, 7, 30)
    assert flare.what == (
        "Morning pain 4/10, above the normal of 2/10, after the session of Mon 26 May 2025."
    )
    assert flare.action == (
        "Dialled back 1 step: the next session (Wed 28 May 2025) was "
        "Circuit 2, first session: 1 x 15. Temporary calming measures suggested."
    )


def test_a_stop_for_pain_uses_the_upcoming_prescription_when_nothing_followed() -> None:
    stopped = session(2, at(0), pains=(2, 6), status=SessionStatus.STOPPED_FOR_PAIN)
    upcoming = PROGRAM.ladder[1]
    (stop,) = setbacks(summaries([stopped]), [], WINDOW, PROGRAM.stop_threshold, CET, rx(1, at(1)))
    assert stop.kind == "stopped"
    assert stop.what == "Session (Circuit 1, third session: 3 x 15) stopped for pain at 6/10."
    assert stop.action == (
        f"Dialled back 1 step: the next session (not done yet) is {upcoming.label}."
    )


def test_a_flare_on_a_rest_day_says_the_dose_was_left_alone() -> None:
    checkins = [*calm_mornings(0, pain=1), morning(0, 3)]
    (flare,) = setbacks([], checkins, WINDOW, PROGRAM.stop_threshold, CET)
    assert flare.what.endswith("not the morning after a session.")
    assert flare.action.startswith("Temporary calming measures suggested")


def test_setbacks_of_a_generated_year_follow_the_rules() -> None:
    """In the generated year every session was prescribed by the rules: after a stop for pain
    the next session is one step lower (or the first step again)."""
    sessions, checkins = history()
    found = setbacks(summaries(sessions), checkins, WINDOW, PROGRAM.stop_threshold, NOW.tzinfo)
    assert [b.when for b in found] == sorted(b.when for b in found)
    by_start = {s.started_at: s for s in sessions}
    stops = [b for b in found if b.kind == "stopped"]
    assert len(stops) == sum(s.status is SessionStatus.STOPPED_FOR_PAIN for s in sessions) > 0
    for b in stops:
        step = by_start[b.when].prescription.step
        expected = "Dialled back 1 step" if step > 0 else "Held the dose"
        assert b.action.startswith(expected), b
    flares = [b for b in found if b.kind == "flare" and "after the session" in b.what]
    assert flares and all("Dialled back 1 step" in b.action or "Held" in b.action for b in flares)
