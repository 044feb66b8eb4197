"""The check-in: answers, the verdict against the runner's normal, the effect on the next dose."""

from __future__ import annotations

import pytest

from session.checkin import (
    FLARE_ADVICE,
    AnswerError,
    check_in,
    checkin_due,
    make_checkin,
    parse_note,
    parse_pain,
    parse_stiffness,
    replacing,
)
from session.progression import prescribe
from session.records import SessionStatus
from tests.review.builders import at, calm_mornings, morning, session
from tests.review.conftest import PROGRAM

# --- answers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [("0", 0), (" 7 ", 7), ("10", 10)])
def test_pain_accepts_whole_numbers_0_to_10(text: str, value: int) -> None:
    assert parse_pain(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Please enter your morning pain, a whole number from 0 to 10."),
        ("x", "'x' is not a whole number: enter your morning pain from 0 to 10."),
        ("2.5", "'2.5' is not a whole number: enter your morning pain from 0 to 10."),
        ("11", "11 is outside the scale: enter a number from 0 to 10."),
        ("-1", "-1 is outside the scale: enter a number from 0 to 10."),
    ],
)
def test_bad_pain_is_explained(text: str, message: str) -> None:
    with pytest.raises(AnswerError) as err:
        parse_pain(text)
    assert str(err.value) == message


def test_stiffness_is_optional_minutes() -> None:
    assert parse_stiffness("  ") is None
    assert parse_stiffness("15") == 15
    with pytest.raises(AnswerError, match="not a whole number of minutes"):
        parse_stiffness("ten")
    with pytest.raises(AnswerError, match="1441 minutes is out of range"):
        parse_stiffness("1441")


def test_note_is_trimmed_and_limited() -> None:
    assert parse_note("  tight on stairs ") == "tight on stairs"
    with pytest.raises(AnswerError, match="keep it to 500"):
        parse_note("x" * 501)


def test_a_checkin_is_for_the_local_day_and_recorded_in_utc() -> None:
    late = at(1, 0, 30)  # Tue 00:30 local is Mon 23:30 UTC
    c = make_checkin(3, None, "", late)
    assert c.day == late.date()
    assert c.recorded_at == late and c.recorded_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_a_second_checkin_the_same_day_replaces_the_first() -> None:
    first, other = morning(1, 2), morning(0, 1)
    again = make_checkin(4, None, "", at(1, 9))
    result = replacing([first, other], again)
    assert result == [other, again]


# --- verdicts and the next session -------------------------------------------------------------


def test_the_first_checkin_sets_normal() -> None:
    sessions = [session(0, at(0))]
    new = make_checkin(3, None, "", at(1, 7))
    result = check_in(PROGRAM, sessions, [], new, at(1, 7))
    assert result.first and not result.flare and result.normal is None
    assert "This first check-in sets your normal" in result.verdict()


def test_a_flare_the_morning_after_a_session_dials_the_next_one_back_a_step() -> None:
    """The rules: completed at step 4 -> up to 5; a flare the next morning -> back to 3."""
    sessions = [session(4, at(0))]
    earlier = calm_mornings(0, pain=2)  # normal = 2
    now = at(1, 7, 30)
    before = prescribe(PROGRAM, sessions, earlier, now)
    assert before.step == 5 and not before.flare

    flare = check_in(PROGRAM, sessions, earlier, make_checkin(4, 10, "", now), now)

    assert flare.flare and flare.normal == 2.0
    assert flare.before == before
    assert flare.after.step == 3 and flare.after.flare
    assert flare.after == prescribe(PROGRAM, sessions, replacing(earlier, flare.checkin), now)
    assert flare.verdict() == (
        "Morning pain 4/10 is above your normal (2/10): the tendon is a little flared. "
        + FLARE_ADVICE
    )
    assert flare.effect() == (
        "Next session dialled back to Circuit 2, first session: 1 x 15 "
        "(it was Circuit 2, regular dose: 3 x 15)."
    )
    assert "worse than usual (4/10; your normal is 2/10)" in flare.after.reasons[0]
    assert flare.calming == tuple(m.text for m in PROGRAM.calming_measures)
    assert flare.calming  # the shipped program has calming measures


def test_a_calm_morning_keeps_the_plan() -> None:
    sessions = [session(4, at(0))]
    earlier = calm_mornings(0, pain=2)
    now = at(1, 7, 30)
    calm = check_in(PROGRAM, sessions, earlier, make_checkin(2, None, "", now), now)
    assert not calm.flare
    assert calm.after.step == 5
    assert calm.verdict() == "Morning pain 2/10: no worse than your normal (2/10). Carry on."
    assert calm.effect() == "Next session stays at Circuit 2, regular dose: 3 x 15."


def test_a_calm_morning_lets_the_runner_move_on_to_circuit_2() -> None:
    """Moving to the harder circuit waits for a morning check-in with no flare."""
    sessions = [session(2, at(0))]
    earlier = calm_mornings(0, pain=1)
    now = at(1, 7, 30)
    assert prescribe(PROGRAM, sessions, earlier, now).step == 2
    result = check_in(PROGRAM, sessions, earlier, make_checkin(1, None, "", now), now)
    assert result.after.step == 3
    assert result.effect() == (
        "Next session moves up to Circuit 2, first session: 1 x 15 "
        "(it was Circuit 1, third session: 3 x 15)."
    )


def test_a_flare_on_the_first_step_stays_there() -> None:
    """Ended early on the first step: it is repeated; a flare cannot take it lower."""
    sessions = [session(0, at(0), pains=(2,), status=SessionStatus.ENDED_EARLY)]
    earlier = calm_mornings(0, pain=1)
    now = at(1, 7, 30)
    result = check_in(PROGRAM, sessions, earlier, make_checkin(3, None, "", now), now)
    assert result.before.step == 0
    assert result.flare and result.after.step == 0 and result.after.flare
    assert "You are on the first step already" in result.verdict()


def test_a_flare_on_a_later_morning_before_the_next_session_also_dials_back() -> None:
    """Any morning between two sessions that is worse than normal means the load was too much."""
    sessions = [session(4, at(0))]
    earlier = [*calm_mornings(0, pain=2), morning(1, 2)]
    now = at(2, 7, 30)
    result = check_in(PROGRAM, sessions, earlier, make_checkin(5, None, "", now), now)
    assert result.flare and result.before.step == 5 and result.after.step == 3
    assert "Dial the next session back one step" in result.verdict()


def test_a_flare_with_no_session_before_it_leaves_the_dose_alone() -> None:
    earlier = calm_mornings(0, pain=2)
    now = at(1, 7, 30)
    result = check_in(PROGRAM, [], earlier, make_checkin(5, None, "", now), now)
    assert result.flare and result.after.step == result.before.step == 0
    assert "No session came before this morning" in result.verdict()


def test_normal_is_the_median_of_the_recent_window_only() -> None:
    window = PROGRAM.rules.morning_normal_window
    old = [morning(-30 + i, 6) for i in range(5)]
    recent = calm_mornings(0, count=window, pain=1)
    now = at(0, 7, 30)
    new = make_checkin(2, None, "", now)
    result = check_in(PROGRAM, [], [*old, *recent], new, now)
    assert result.normal == 1.0 and result.flare


def test_the_checkin_is_due_the_morning_after_a_session_until_answered() -> None:
    mon = session(4, at(0))
    assert not checkin_due([], [], at(1, 7))
    assert not checkin_due([mon], [], at(0, 21))  # the same evening is not a morning
    assert checkin_due([mon], [], at(1, 7))
    assert checkin_due([mon], [morning(0, 2, hour=21)], at(1, 7))
    assert not checkin_due([mon], [morning(1, 2)], at(1, 9))
    assert checkin_due([mon], [], at(3, 7))  # a missed morning: asked at the next launch
    empty = session(4, at(2), pains=(), status=SessionStatus.ENDED_EARLY)
    assert not checkin_due([mon, empty], [morning(1, 2)], at(3, 7))  # no load, nothing to ask


def test_checking_in_again_the_same_morning_replaces_the_first_answer() -> None:
    sessions = [session(4, at(0))]
    earlier = calm_mornings(0, pain=2)
    first = morning(1, 6)
    now = at(1, 9)
    result = check_in(PROGRAM, sessions, [*earlier, first], make_checkin(2, None, "", now), now)
    assert result.replaces == first
    assert result.normal == 2.0 and not result.flare  # the replaced answer is not "earlier"
    assert result.before.step == 3 and result.after.step == 5
