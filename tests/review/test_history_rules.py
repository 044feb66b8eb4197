"""History rows, next mornings and flares; weeks, adherence and streaks; setbacks and responses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from session.flares import setbacks
from session.history import cells, history_rows
from session.morning import read_mornings
from session.progression import prescribe
from session.records import SessionStatus
from session.recovery import close_unfinished
from session.trends import adherence_over, monday, since, streaks, weeks
from store import Store
from tests.review.builders import at, calm_mornings, morning, rx, session, summaries
from tests.review.conftest import CET, NOW, PROGRAM, history, write_history

WINDOW = PROGRAM.rules.morning_normal_window


def test_rows_are_sessions_newest_first_with_the_mornings_after_them() -> None:
    mon, wed, fri = session(1, at(0)), session(2, at(2)), session(3, at(4))
    live = session(4, at(7), status=SessionStatus.IN_PROGRESS)
    tue, wed_morning = morning(1, 2), morning(2, 3)
    rows = history_rows(summaries([fri, live, mon, wed]), [wed_morning, tue], WINDOW, CET)
    assert [r.id for r in rows] == [live.id, fri.id, wed.id, mon.id]
    # Monday's mornings are Tuesday's and Wednesday's (before Wednesday's session); the flare on
    # Wednesday speaks for it. Wednesday and Friday have none.
    assert [[m.pain for m in r.mornings] for r in rows] == [[], [], [], [2, 3]]
    assert [r.morning_pain for r in rows] == [None, None, None, 3]
    assert rows[3].flare and cells(rows[3])[4] == "3/10 flare (2nd morning)"
    assert rows[3].started == at(0) and rows[3].day == dt.date(2025, 5, 26)


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
    assert data["step"] == 6 and data["flare"] is True and data["morning_usual"] == 1.0
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


def test_the_first_morning_sets_the_usual_and_is_never_a_flare() -> None:
    book = read_mornings([], [morning(0, 9), morning(1, 2), morning(2, 5)], PROGRAM.rules, CET)
    assert [(m.usual, m.flare) for m in book.mornings] == [
        (None, False),
        (9.0, False),
        (5.5, False),
    ]


def test_rows_agree_with_the_progression_rules_on_a_generated_year() -> None:
    """Each row's mornings are the ones progression reads for that session: a prescription made
    just before the next session started dials back exactly after the rows that flared."""
    sessions, checkins = history()
    rows = history_rows(summaries(sessions), checkins, PROGRAM.rules, CET)
    ordered = sorted(sessions, key=lambda s: s.started_at)
    assert len(rows) == len(ordered) > 120
    by_id = {r.id: r for r in rows}
    flares = 0
    for i, s in enumerate(ordered[:-1]):
        nxt = ordered[i + 1]
        rx = prescribe(PROGRAM, ordered[: i + 1], checkins, nxt.started_at.astimezone(CET))
        row = by_id[s.id]
        assert rx.flare == row.flare, s.id
        assert rx.step == nxt.prescription.step  # the generated year follows the rules
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
        "Morning pain 4/10, 2 points above the runner's usual morning pain (2/10), on "
        "Tue 27 May 2025, the morning after the session of Mon 26 May 2025."
    )
    assert (flare.rise, flare.stiffness_rise, flare.far_above) == (2.0, None, False)
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


def test_a_flare_before_any_session_says_the_dose_was_left_alone() -> None:
    checkins = [*calm_mornings(0, pain=1), morning(0, 3)]
    (flare,) = setbacks([], checkins, WINDOW, PROGRAM.stop_threshold, CET)
    assert flare.what.endswith(", before the first session.")
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
    assert all(b.rise is not None and b.rise > 0 for b in flares)
    assert flares and all("Dialled back 1 step" in b.action or "Held" in b.action for b in flares)


# --- one morning rule, the case -----------------------------------------------------------


def test_a_flare_on_the_second_morning_is_the_same_everywhere() -> None:
    """Issue 11: a session on Monday, check-ins Tuesday 2/10 and Wednesday 6/10. The plan steps
    back citing Wednesday; the history row shows 6 and a flare; the setbacks say it came after
    Monday's session; the week counts it."""
    mon = session(4, at(0))
    checkins = [*calm_mornings(1, pain=2), morning(1, 2), morning(2, 6)]
    now = at(2, 12)
    rx = prescribe(PROGRAM, [mon], checkins, now)
    assert rx.step == 3 and rx.flare
    assert rx.reasons[0].startswith("On Wed 28 May, after your last session (Mon 26 May),")
    (row,) = history_rows(summaries([mon]), checkins, PROGRAM.rules, CET)
    assert row.flare and row.morning_pain == 6 and cells(row)[4] == "6/10 flare (2nd morning)"
    (flare,) = setbacks(summaries([mon]), checkins, PROGRAM.rules, PROGRAM.stop_threshold, CET)
    assert flare.what == (
        "Morning pain 6/10, 4 points above the runner's usual morning pain (2/10), far above "
        "it, on Wed 28 May 2025, morning 2 after the session of Mon 26 May 2025."
    )
    (week,) = weeks([row], now.date())
    assert (week.flares, week.morning_pain) == (1, 6)


# --- records that show everything ----------------------------------------------------------------


def test_an_unfinished_session_is_a_row_with_its_sets() -> None:
    """Issue 11: after a killed session `achilles history` said "No sessions yet"."""
    killed = session(2, at(0), pains=(2, 3, 2, 4), status=SessionStatus.IN_PROGRESS)
    (row,) = history_rows(summaries([killed]), [], PROGRAM.rules, CET)
    assert row.unfinished and row.status == "unfinished"
    assert cells(row)[2:] == ("120/270", "4/10", "–", "unfinished, 4 of 9 sets")
    assert row.as_json()["unfinished"] is True and row.as_json()["sets_done"] == 4


def test_a_session_closed_after_the_app_stopped_still_shows_as_unfinished() -> None:
    killed = session(2, at(0), pains=(2, 3), status=SessionStatus.IN_PROGRESS)
    closed = close_unfinished(killed)
    assert closed.status is SessionStatus.ENDED_EARLY and closed.interrupted
    (row,) = history_rows(summaries([closed]), [], PROGRAM.rules, CET)
    assert row.status == "unfinished" and cells(row)[5] == "unfinished, 2 of 9 sets"
    rx = prescribe(PROGRAM, [closed], [], at(2))
    assert rx.step == 2 and rx.reasons[0].startswith("Last session (Mon 26 May) was not finished")


def test_a_session_started_before_the_rest_was_over_says_so() -> None:
    early = session(2, at(1)).model_copy(update={"started_early": True})
    rows = history_rows(summaries([session(1, at(0)), early]), [], PROGRAM.rules, CET)
    assert cells(rows[0])[5] == "completed, started before the rest was over"
    assert cells(rows[1])[5] == "completed"
    assert rows[0].as_json()["started_early"] is True
    (week,) = weeks(rows, at(2).date())
    assert week.started_early == 1


def test_adherence_counts_training_days_not_sessions() -> None:
    """Issue 11: two sessions in one evening counted as "2 of 3" for the week."""
    evening = [session(1, at(0)), session(2, at(0, 19)), session(3, at(2))]
    empty = session(4, at(4), pains=(), status=SessionStatus.ENDED_EARLY)
    rows = history_rows(summaries([*evening, empty]), [], PROGRAM.rules, CET)
    (week,) = weeks(rows, at(5).date())
    assert (week.sessions, week.training_days, week.full) == (4, 2, False)
    assert week.adherence == 2 / 3
    assert adherence_over([week]) == (2, 3)
    assert streaks([week], at(5).date()).this_week == 2
