"""Progression: today's prescription from the program, past sessions, check-ins and the time."""

from __future__ import annotations

import datetime as dt

import pytest

from session.progression import prescribe
from session.records import CheckIn, Prescription, SessionRecord, SessionStatus
from tests.session.helpers import CET, MONDAY, PROGRAM, checkin, session_record

COMPLETED = SessionStatus.COMPLETED
STOPPED = SessionStatus.STOPPED_FOR_PAIN
ENDED_EARLY = SessionStatus.ENDED_EARLY

CIRCUIT_1 = ("hop_up", "forward_hop", "wall_side_hops")
CIRCUIT_2 = ("stance_hop_up", "stance_hop_forward", "free_side_hops")


def at(days: int, hour: int = 18, minute: int = 0) -> dt.datetime:
    """Local time `days` after Monday 06 Jan 2025."""
    return (MONDAY + dt.timedelta(days=days)).replace(hour=hour, minute=minute)


MON, TUE, WED, THU, FRI = (at(d) for d in range(5))


def morning(days: int, pain: int) -> CheckIn:
    return checkin(at(days, 7, 30), pain)


def plan(
    sessions: list[SessionRecord], checkins: list[CheckIn] | None = None, now: dt.datetime = WED
) -> Prescription:
    return prescribe(PROGRAM, sessions, checkins or [], now)


def dose(rx: Prescription) -> tuple[int, int, int, int]:
    return (rx.step, rx.circuit, rx.sets, rx.reps)


# --- first session ---------------------------------------------------------------------------


def test_first_session_starts_at_the_bottom_of_the_ladder() -> None:
    rx = plan([], now=MON)
    assert dose(rx) == (0, 1, 1, 15)
    assert rx.label == "Circuit 1, first session: 1 x 15"
    assert rx.exercises == CIRCUIT_1
    assert rx.reasons == (
        "No sessions yet: starting at the bottom of the ladder, Circuit 1, first session: 1 x 15.",
    )
    assert rx.earliest_start is None
    assert rx.flare is False
    assert rx.decided_at == MON
    assert rx.ready_at(MON)


def test_unfinished_sessions_do_not_count() -> None:
    crashed = session_record(PROGRAM, 2, MON, status=SessionStatus.IN_PROGRESS)
    rx = plan([crashed], now=MON + dt.timedelta(hours=1))
    assert dose(rx) == (0, 1, 1, 15)
    assert rx.earliest_start is None


def test_check_ins_alone_do_not_change_the_first_session() -> None:
    rx = plan([], [morning(0, 7), morning(1, 8)], now=TUE)
    assert rx.step == 0 and rx.flare is False


# --- advancing -------------------------------------------------------------------------------


def test_completed_session_with_pain_at_most_5_and_a_calm_morning_moves_up() -> None:
    sessions = [session_record(PROGRAM, 0, MON, pains=(2, 4, 3))]
    rx = plan(sessions, [morning(1, 1)])
    assert dose(rx) == (1, 1, 2, 15)
    assert rx.exercises == CIRCUIT_1
    assert rx.reasons == (
        "Last session (Mon 06 Jan) was completed with pain at most 4/10, and the next morning "
        "was no worse than usual (1/10): moving up to Circuit 1, second session: 2 x 15.",
    )
    assert rx.earliest_start is None
    assert rx.flare is False


def test_pain_5_still_moves_up() -> None:
    rx = plan([session_record(PROGRAM, 1, MON, pains=(5, 5, 5))], [morning(1, 2)])
    assert dose(rx) == (2, 1, 3, 15)
    assert "pain at most 5/10" in rx.reasons[0]
    assert rx.reasons[0].endswith("moving up to Circuit 1, third session: 3 x 15.")


def test_completed_without_a_check_in_moves_up_within_a_circuit() -> None:
    rx = plan([session_record(PROGRAM, 0, MON, pains=(3,))])
    assert rx.step == 1
    assert rx.reasons == (
        "Last session (Mon 06 Jan) was completed with pain at most 3/10, and no morning "
        "check-in since: moving up to Circuit 1, second session: 2 x 15.",
    )


def test_completed_with_pain_6_steps_back_even_if_not_marked_stopped() -> None:
    rx = plan([session_record(PROGRAM, 2, MON, pains=(2, 6))], [morning(1, 1)])
    assert rx.step == 1
    assert rx.reasons[0] == (
        "Last session (Mon 06 Jan) stopped for pain at 6/10: back one step to "
        "Circuit 1, second session: 2 x 15."
    )


# --- stepping back for pain ------------------------------------------------------------------


@pytest.mark.parametrize("pain", [6, 7, 10])
def test_session_stopped_for_pain_goes_back_one_step(pain: int) -> None:
    sessions = [session_record(PROGRAM, 2, MON, status=STOPPED, pains=(3, pain))]
    rx = plan(sessions, [morning(1, 1)])
    assert dose(rx) == (1, 1, 2, 15)
    assert rx.reasons == (
        f"Last session (Mon 06 Jan) stopped for pain at {pain}/10: back one step to "
        "Circuit 1, second session: 2 x 15.",
    )
    assert rx.flare is False


def test_stopped_for_pain_at_the_first_step_stays_there() -> None:
    rx = plan([session_record(PROGRAM, 0, MON, status=STOPPED, pains=(7,))])
    assert dose(rx) == (0, 1, 1, 15)
    assert rx.reasons == (
        "Last session (Mon 06 Jan) stopped for pain at 7/10: staying at "
        "Circuit 1, first session: 1 x 15 (the first step).",
    )


def test_stopped_for_pain_in_circuit_2_can_go_back_to_circuit_1() -> None:
    rx = plan([session_record(PROGRAM, 3, MON, status=STOPPED, pains=(6,))])
    assert dose(rx) == (2, 1, 3, 15)
    assert rx.exercises == CIRCUIT_1


# --- morning flares --------------------------------------------------------------------------


def test_morning_flare_goes_back_one_step_and_says_why() -> None:
    earlier = [checkin(at(-3, 7), 1), checkin(at(-2, 7), 2), checkin(at(-1, 7), 1)]
    sessions = [session_record(PROGRAM, 2, MON, pains=(3, 4, 3))]
    rx = plan(sessions, [*earlier, morning(1, 3)])
    assert dose(rx) == (1, 1, 2, 15)
    assert rx.flare is True
    assert rx.reasons == (
        "The morning after your last session (Mon 06 Jan) the Achilles was worse than usual "
        "(3/10; your usual is 1/10). That means the load was a bit too much, which happens "
        "during rehab: back one step to Circuit 1, second session: 2 x 15.",
        "Meanwhile, temporary help for a flared tendon is listed with the check-in.",
    )


def test_morning_equal_to_normal_is_not_a_flare() -> None:
    earlier = [checkin(at(-2, 7), 2), checkin(at(-1, 7), 2)]
    rx = plan([session_record(PROGRAM, 0, MON)], [*earlier, morning(1, 2)])
    assert rx.step == 1 and rx.flare is False


def test_first_check_in_sets_normal_and_is_never_a_flare() -> None:
    rx = plan([session_record(PROGRAM, 0, MON, pains=(3,))], [morning(1, 8)])
    assert rx.step == 1
    assert rx.flare is False
    assert "the next morning was no worse than usual (8/10)" in rx.reasons[0]


def test_normal_is_the_median_of_the_recent_mornings_only() -> None:
    # Ten old bad mornings, then seven good ones: the window (7) sees only the good ones.
    old = [checkin(at(-30 + d, 7), 9) for d in range(10)]
    recent = [checkin(at(-8 + d, 7), 1) for d in range(7)]
    rx = plan([session_record(PROGRAM, 2, MON)], [*old, *recent, morning(1, 2)])
    assert rx.flare is True
    assert rx.step == 1
    assert "(2/10; your usual is 1/10)" in rx.reasons[0]


def test_normal_of_an_even_number_of_mornings_is_the_middle_value() -> None:
    earlier = [checkin(at(-2, 7), 1), checkin(at(-1, 7), 2)]
    rx = plan([session_record(PROGRAM, 1, MON)], [*earlier, morning(1, 2)])
    assert rx.flare is True
    assert "(2/10; your usual is 1.5/10)" in rx.reasons[0]


def test_flare_at_the_first_step_stays_at_the_first_step() -> None:
    rx = plan([session_record(PROGRAM, 0, MON)], [checkin(at(-1, 7), 0), morning(1, 4)])
    assert dose(rx) == (0, 1, 1, 15)
    assert rx.flare is True
    assert rx.reasons[0].endswith("staying at Circuit 1, first session: 1 x 15 (the first step).")


def test_stopped_for_pain_and_a_flare_is_still_one_step_back() -> None:
    sessions = [session_record(PROGRAM, 2, MON, status=STOPPED, pains=(6,))]
    rx = plan(sessions, [checkin(at(-1, 7), 1), morning(1, 5)])
    assert rx.step == 1
    assert rx.flare is True
    assert "stopped for pain at 6/10" in rx.reasons[0]


def test_check_in_before_the_session_ended_is_not_its_next_morning() -> None:
    # Checked in on Monday morning with 5 (after a calm Sunday), then trained in the evening.
    checkins = [checkin(at(-1, 7), 1), morning(0, 5)]
    rx = plan([session_record(PROGRAM, 0, MON)], checkins)
    assert rx.step == 1 and rx.flare is False
    assert "no morning check-in since" in rx.reasons[0]


def test_a_flare_on_the_second_morning_before_the_next_session_also_dials_back() -> None:
    checkins = [checkin(at(-1, 7), 1), morning(1, 1), morning(2, 3)]
    rx = plan([session_record(PROGRAM, 2, MON)], checkins, now=at(2, 18))
    assert dose(rx) == (1, 1, 2, 15)
    assert rx.flare is True
    assert rx.reasons[0].startswith(
        "On Wed 08 Jan, after your last session (Mon 06 Jan), the Achilles was worse than usual "
        "(3/10; your usual is 1/10)."
    )


# --- ended early, last step, circuit change --------------------------------------------------


def test_session_ended_early_repeats_its_step() -> None:
    sessions = [session_record(PROGRAM, 1, MON, status=ENDED_EARLY, pains=(2, 3))]
    rx = plan(sessions, [morning(1, 1)])
    assert dose(rx) == (1, 1, 2, 15)
    assert rx.reasons == (
        "Last session (Mon 06 Jan) was ended early: repeating Circuit 1, second session: 2 x 15.",
    )


def test_session_ended_early_with_pain_6_steps_back() -> None:
    sessions = [session_record(PROGRAM, 1, MON, status=ENDED_EARLY, pains=(6,))]
    assert plan(sessions).step == 0


def test_last_step_repeats_indefinitely() -> None:
    checkins = [morning(1, 1)]
    rx = plan([session_record(PROGRAM, 5, MON, pains=(3, 4))], checkins)
    assert dose(rx) == (5, 2, 3, 15)
    assert rx.exercises == CIRCUIT_2
    assert rx.reasons == (
        "Last session (Mon 06 Jan) was completed with pain at most 4/10, and the next morning "
        "was no worse than usual (1/10): staying at the regular dose, "
        "Circuit 2, regular dose: 3 x 15.",
    )
    # Weeks later, still the regular dose.
    sessions = [session_record(PROGRAM, 5, at(d)) for d in range(0, 60, 2)]
    rx = plan(sessions, now=at(61))
    assert dose(rx) == (5, 2, 3, 15)


def test_circuit_2_needs_a_no_flare_morning_check_in() -> None:
    sessions = [session_record(PROGRAM, 2, MON, pains=(2, 3))]
    rx = plan(sessions)
    assert dose(rx) == (2, 1, 3, 15)
    assert rx.reasons == (
        "Last session (Mon 06 Jan) was completed with pain at most 3/10, and no morning "
        "check-in since. Circuit 2 is harder on the tendon, so moving on needs a morning "
        "check-in with no flare first: repeating Circuit 1, third session: 3 x 15.",
    )


def test_circuit_2_follows_a_calm_morning_after_circuit_1_at_3x15() -> None:
    rx = plan([session_record(PROGRAM, 2, MON, pains=(2, 3))], [morning(1, 0)])
    assert dose(rx) == (3, 2, 1, 15)
    assert rx.exercises == CIRCUIT_2
    assert rx.label == "Circuit 2, first session: 1 x 15"
    assert rx.reasons[0].endswith("moving up to Circuit 2, first session: 1 x 15.")


def test_circuit_2_does_not_follow_a_flare() -> None:
    checkins = [checkin(at(-1, 7), 1), morning(1, 3)]
    rx = plan([session_record(PROGRAM, 2, MON, pains=(2, 3))], checkins)
    assert dose(rx) == (1, 1, 2, 15)
    assert rx.flare is True


# --- long break and rest between sessions ----------------------------------------------------


def test_long_break_steps_back() -> None:
    sessions = [session_record(PROGRAM, 1, MON, pains=(2,))]
    now = MON + dt.timedelta(days=11, hours=2)
    rx = plan(sessions, [morning(1, 1)], now=now)
    assert dose(rx) == (1, 1, 2, 15)
    assert rx.reasons == (
        "Last session (Mon 06 Jan) was completed with pain at most 2/10, and the next morning "
        "was no worse than usual (1/10).",
        "It has been 11 days since your last session (more than 10): easing in again one step "
        "below Circuit 1, third session: 3 x 15, at Circuit 1, second session: 2 x 15.",
    )
    assert rx.earliest_start is None


def test_a_break_of_exactly_the_limit_is_not_long() -> None:
    session = session_record(PROGRAM, 1, MON, pains=(2,))
    assert session.ended_at is not None
    rx = plan([session], [morning(1, 1)], now=session.ended_at + dt.timedelta(days=10))
    assert rx.step == 2
    assert len(rx.reasons) == 1


def test_long_break_at_the_first_step() -> None:
    sessions = [session_record(PROGRAM, 0, MON, status=STOPPED, pains=(6,))]
    rx = plan(sessions, now=at(30))
    assert rx.step == 0
    # 30 calendar days (Mon 06 Jan to Wed 05 Feb), though 29.97 days by the clock.
    assert rx.reasons[1] == (
        "It has been 30 days since your last session (more than 10): "
        "easing in again at the first step, Circuit 1, first session: 1 x 15."
    )


def test_long_break_uses_the_programs_limit() -> None:
    program = PROGRAM.model_copy(
        update={"rules": PROGRAM.rules.model_copy(update={"long_break_days": 3})}
    )
    sessions = [session_record(program, 1, MON)]
    rx = prescribe(program, sessions, [morning(1, 1)], at(5))
    assert rx.step == 1
    # Mon 18:40 to Sat 18:00 is 4.97 days by the clock, and five days as a person counts them.
    assert "It has been 5 days since your last session (more than 3)" in rx.reasons[1]


def test_before_24_hours_the_prescription_says_when() -> None:
    sessions = [session_record(PROGRAM, 0, MON, minutes=40)]  # ends Mon 18:40
    now = at(1, 9)  # Tue 09:00
    rx = plan(sessions, [morning(1, 1)], now=now)
    assert rx.step == 1
    assert rx.earliest_start == at(1, 18, 40)
    assert rx.reasons[-1] == (
        "The tendon needs 24 hours between sessions: the next one can start Tue 07 Jan at 18:40."
    )
    assert not rx.ready_at(now)
    assert not rx.ready_at(at(1, 18, 39))
    assert rx.ready_at(at(1, 18, 40))


def test_after_24_hours_there_is_no_earliest_start() -> None:
    sessions = [session_record(PROGRAM, 0, MON, minutes=40)]
    rx = plan(sessions, now=at(1, 18, 40))
    assert rx.earliest_start is None
    assert len(rx.reasons) == 1


def test_earliest_start_is_said_in_the_runners_timezone() -> None:
    tokyo = dt.timezone(dt.timedelta(hours=9))
    session = session_record(PROGRAM, 0, MON, minutes=40)  # ends 17:40 UTC
    rx = prescribe(PROGRAM, [session], [], dt.datetime(2025, 1, 7, 10, 0, tzinfo=tokyo))
    assert rx.earliest_start == dt.datetime(2025, 1, 7, 17, 40, tzinfo=dt.UTC)
    assert rx.reasons[-1].endswith("the next one can start Wed 08 Jan at 02:40.")
    assert rx.reasons[0].startswith("Last session (Tue 07 Jan)")


def test_min_rest_comes_from_the_program() -> None:
    program = PROGRAM.model_copy(
        update={"rules": PROGRAM.rules.model_copy(update={"min_rest_hours": 48})}
    )
    rx = prescribe(program, [session_record(program, 0, MON, minutes=30)], [], at(2, 9))
    assert rx.earliest_start == at(2, 18, 30)
    assert "needs 48 hours between sessions" in rx.reasons[-1]


# --- the whole program, Mon/Wed/Fri ----------------------------------------------------------


def test_two_weeks_of_mon_wed_fri_walk_the_ladder() -> None:
    """Each session runs what was prescribed; calm mornings in between."""
    sessions: list[SessionRecord] = []
    checkins: list[CheckIn] = [checkin(at(-1, 7), 1)]
    seen: list[tuple[int, int, int]] = []
    for day in (0, 2, 4, 7, 9, 11, 14, 16):
        start = at(day)
        rx = prescribe(PROGRAM, sessions, checkins, start)
        assert rx.earliest_start is None
        seen.append((rx.circuit, rx.sets, rx.reps))
        session = session_record(PROGRAM, rx.step, start, pains=(3, 4, 2))
        sessions.append(session)
        checkins.append(checkin(at(day + 1, 7), 1))
    assert seen == [
        (1, 1, 15),
        (1, 2, 15),
        (1, 3, 15),
        (2, 1, 15),
        (2, 2, 15),
        (2, 3, 15),
        (2, 3, 15),
        (2, 3, 15),
    ]


def test_a_bad_week_steps_back_then_climbs_again() -> None:
    normal = [checkin(at(-d, 7), 1) for d in range(1, 4)]
    sessions = [
        session_record(PROGRAM, 0, MON, pains=(3,)),
        session_record(PROGRAM, 1, WED, pains=(4, 5)),
        session_record(PROGRAM, 2, FRI, status=STOPPED, pains=(4, 6)),
    ]
    checkins = [*normal, morning(1, 1), morning(3, 1), morning(5, 2)]
    rx = prescribe(PROGRAM, sessions, checkins, at(7))
    assert dose(rx) == (1, 1, 2, 15)
    assert rx.reasons[0].startswith("Last session (Fri 10 Jan) stopped for pain at 6/10")
    sessions.append(session_record(PROGRAM, 1, at(7), pains=(3, 3)))
    checkins.append(morning(8, 1))
    assert prescribe(PROGRAM, sessions, checkins, at(9)).step == 2


def test_sessions_and_check_ins_may_come_in_any_order() -> None:
    sessions = [
        session_record(PROGRAM, 1, WED, pains=(2,)),
        session_record(PROGRAM, 0, MON, pains=(2,)),
    ]
    checkins = [morning(3, 4), morning(1, 1)]
    rx = plan(sessions, checkins, now=FRI)
    assert rx.step == 0  # Thursday's 4 is above Tuesday's 1: a flare after Wednesday's step 1
    assert rx.flare is True
    assert "(Wed 08 Jan)" in rx.reasons[0]


def test_reasons_are_plain_words() -> None:
    cases = [
        plan([], now=MON),
        plan([session_record(PROGRAM, 0, MON)], [morning(1, 1)], now=at(1, 9)),
        plan([session_record(PROGRAM, 2, MON, status=STOPPED, pains=(7,))], now=at(20)),
    ]
    for rx in cases:
        for reason in rx.reasons:
            assert reason[0].isupper() and reason.endswith(".")
            for jargon in ("step=", "None", "ladder[", "status", "_", "{", "}"):
                assert jargon not in reason


def test_timestamps_stay_timezone_aware() -> None:
    rx = plan([session_record(PROGRAM, 0, MON)], now=at(1, 9))
    assert rx.earliest_start is not None and rx.earliest_start.tzinfo is not None
    assert rx.decided_at.tzinfo is CET


# --- the evening after a session is not its next morning; an empty session is no load ---------


def test_a_check_in_the_same_evening_is_not_the_next_morning() -> None:
    earlier = [checkin(at(-2, 7), 1), checkin(at(-1, 7), 1)]
    sessions = [session_record(PROGRAM, 1, MON, pains=(2,))]  # ends Mon 18:40
    evening = checkin(at(0, 21), 4)  # Mon 21:00, same day: sore after hopping, not a morning
    rx = plan(sessions, [*earlier, evening], now=at(2))
    assert dose(rx) == (2, 1, 3, 15)
    assert rx.flare is False
    assert "no morning check-in since" in rx.reasons[0]


def test_the_morning_after_an_evening_check_in_still_counts() -> None:
    earlier = [checkin(at(-2, 7), 1), checkin(at(-1, 7), 1)]
    sessions = [session_record(PROGRAM, 1, MON, pains=(2,))]
    rx = plan(sessions, [*earlier, checkin(at(0, 21), 1), morning(1, 5)], now=at(2))
    assert dose(rx) == (0, 1, 1, 15)
    assert rx.flare is True


def test_a_session_ended_before_any_set_does_not_start_the_rest_interval() -> None:
    done = session_record(PROGRAM, 1, MON, pains=(2,))  # Mon 18:00-18:40
    empty = session_record(PROGRAM, 2, at(1, 18), status=ENDED_EARLY, pains=(), minutes=1)
    now = at(2, 9)  # Wed 09:00: 38 h after the real session, 15 h after the empty one
    rx = plan([done, empty], [morning(1, 1)], now=now)
    assert rx.earliest_start is None
    assert rx.ready_at(now)
    assert rx.step == 2  # the empty session repeats its step


# --- days as a person counts them ---------------------------------------------------------------


def test_ten_point_nine_nine_days_is_ten_days_and_not_more_than_ten() -> None:
    """Issue 11: 10.99 days was worded "10 days since your last session (more than 10)"."""
    session = session_record(PROGRAM, 1, at(0, 0, 0), pains=(2,), minutes=10)  # Mon 00:10
    assert session.ended_at is not None
    now = session.ended_at + dt.timedelta(days=10.99)  # Thu 16 Jan, 23:55
    rx = plan([session], [morning(1, 1)], now=now)
    assert rx.step == 2 and len(rx.reasons) == 1  # ten calendar days: not a long break
    later = plan([session], [morning(1, 1)], now=now + dt.timedelta(hours=1))  # Fri 00:55
    assert later.step == 1
    assert later.reasons[1].startswith("It has been 11 days since your last session (more than 10)")


def test_a_long_break_never_claims_the_dose_it_does_not_give() -> None:
    """The outcome alone would move up; the break takes it one below that. No reason says
    "moving up to" a dose that is not the one prescribed."""
    rx = plan([session_record(PROGRAM, 2, MON, pains=(2,))], [morning(1, 1)], now=at(20))
    assert rx.step == 2 and rx.label == "Circuit 1, third session: 3 x 15"
    assert not any("moving up" in r for r in rx.reasons)
    assert rx.reasons[1].endswith(
        "easing in again one step below Circuit 2, first session: 1 x 15, at "
        "Circuit 1, third session: 3 x 15."
    )


def test_an_unfinished_session_of_an_earlier_day_counts_as_ended_early() -> None:
    """As the app closes it at the next launch: `achilles plan` and the app agree."""
    done = session_record(PROGRAM, 1, MON, pains=(2,))
    killed = session_record(PROGRAM, 2, WED, status=SessionStatus.IN_PROGRESS, pains=(2, 3))
    rx = plan([done, killed], [morning(1, 1)], now=at(3, 19))
    assert rx.step == 2
    assert rx.reasons[0] == (
        "Last session (Wed 08 Jan) was not finished: repeating Circuit 1, third session: 3 x 15."
    )
    # The same day it may still be resumed: the plan follows the session before it.
    assert plan([done, killed], [morning(1, 1)], now=at(2, 21)).step == 2
    assert "(Mon 06 Jan)" in plan([done, killed], [morning(1, 1)], now=at(2, 21)).reasons[0]
