"""The check-in: answers, the verdict against the runner's normal, the effect on the next dose."""

from __future__ import annotations

import datetime as dt

import pytest

from session.checkin import (
    AnswerError,
    check_in,
    checkin_due,
    form_intro,
    make_checkin,
    parse_note,
    parse_pain,
    parse_stiffness,
    replacing,
    which_morning,
)
from session.program import Program
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
    assert result.first and not result.flare and result.usual is None
    assert "This first check-in sets your usual" in result.verdict()


def test_a_flare_the_morning_after_a_session_dials_the_next_one_back_a_step() -> None:
    """The rules: completed at step 4 -> up to 5; a flare the next morning -> back to 3."""
    sessions = [session(4, at(0))]
    earlier = calm_mornings(0, pain=2)  # normal = 2
    now = at(1, 7, 30)
    before = prescribe(PROGRAM, sessions, earlier, now)
    assert before.step == 5 and not before.flare

    flare = check_in(PROGRAM, sessions, earlier, make_checkin(4, 10, "", now), now)

    assert flare.flare and flare.usual == 2.0
    assert flare.before == before
    assert flare.after.step == 3 and flare.after.flare
    assert flare.after == prescribe(PROGRAM, sessions, replacing(earlier, flare.checkin), now)
    assert flare.verdict() == (
        "Morning pain 4/10 is a little above your usual (2/10): the last load was a bit much "
        "for the tendon. That happens during rehab; dial it back calmly. The next session goes "
        "one step below your last one, to Circuit 2, first session: 1 x 15."
    )
    assert flare.effect() == (
        "Next session dialled back to Circuit 2, first session: 1 x 15 "
        "(it was Circuit 2, regular dose: 3 x 15)."
    )
    assert "worse than usual (4/10; your usual is 2/10)" in flare.after.reasons[0]
    # The most protective first: the last to be weaned off is the first to take up.
    assert flare.calming == tuple(m.text for m in reversed(PROGRAM.calming_measures))
    assert flare.calming[0] == "No hills or speed work for now"
    assert flare.calming  # the shipped program has calming measures


def test_a_calm_morning_keeps_the_plan() -> None:
    sessions = [session(4, at(0))]
    earlier = calm_mornings(0, pain=2)
    now = at(1, 7, 30)
    calm = check_in(PROGRAM, sessions, earlier, make_checkin(2, None, "", now), now)
    assert not calm.flare
    assert calm.after.step == 5
    assert calm.verdict() == "Morning pain 2/10: no worse than your usual (2/10). Carry on."
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
    result = check_in(PROGRAM, sessions, earlier, make_checkin(4, None, "", now), now)
    assert result.flare and result.before.step == 5 and result.after.step == 3
    assert "The next session goes one step below your last one" in result.verdict()


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
    assert result.usual == 1.0 and result.flare


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
    assert result.usual == 2.0 and not result.flare  # the replaced answer is not "earlier"
    assert result.before.step == 3 and result.after.step == 5


# --- words that match the dose -----------------------------------------------------------------


def test_a_second_flare_after_the_dose_was_already_dialled_back_says_so() -> None:
    """Issue 11: at the regular dose, a flare on Tuesday already took the next session back to
    Circuit 2, 2 x 15; a second flare on Wednesday must not say "the first step already"."""
    sessions = [session(5, at(0))]
    earlier = [*calm_mornings(0, pain=1), morning(1, 3)]
    now = at(2, 7, 30)
    result = check_in(PROGRAM, sessions, earlier, make_checkin(3, None, "", now), now)
    assert result.flare and result.before.step == result.after.step == 4
    assert result.after.label == "Circuit 2, second session: 2 x 15"
    assert "first step" not in result.verdict()
    assert result.verdict().endswith(
        "An earlier morning since your last session had already dialled it back: the next "
        "session stays at Circuit 2, second session: 2 x 15."
    )
    assert result.effect() == "Next session stays at Circuit 2, second session: 2 x 15."


# --- graded words for a high morning and red flags ----------------------------------------------


def test_a_morning_far_above_usual_is_not_called_a_little_flared() -> None:
    """Issue 11: 6/10 against a usual 1/10 is not "a little flared, normal during rehab"."""
    sessions = [session(4, at(0))]
    earlier = calm_mornings(0, pain=1)
    now = at(1, 7, 30)
    result = check_in(PROGRAM, sessions, earlier, make_checkin(6, None, "", now), now)
    text = result.verdict()
    assert result.flare and result.morning is not None and result.morning.far_above
    assert "a little" not in text and "normal during rehab" not in text
    assert text.startswith(
        "Morning pain 6/10 is far above your usual (1/10). That is too much for the tendon: "
        "scale back and go gently. 6/10 on waking is in the too-much zone"
    )
    assert "get it checked by a physio or doctor" in text
    assert result.see_clinician and result.red_flags == PROGRAM.red_flags.signs


def test_a_high_morning_says_to_get_it_checked_even_when_it_is_usual() -> None:
    sessions = [session(2, at(0))]
    earlier = calm_mornings(0, pain=8)
    now = at(1, 7, 30)
    result = check_in(PROGRAM, sessions, earlier, make_checkin(8, None, "", now), now)
    assert not result.flare and result.see_clinician
    text = result.verdict()
    assert text.startswith("Morning pain 8/10: no worse than your usual (8/10).")
    assert "too-much zone" in text and "get it checked by a physio or doctor" in text
    assert "Carry on" not in text


def test_a_little_above_usual_is_calm_and_does_not_send_to_a_clinician() -> None:
    sessions = [session(4, at(0))]
    now = at(1, 7, 30)
    result = check_in(
        PROGRAM, sessions, calm_mornings(0, pain=1), make_checkin(2, None, "", now), now
    )
    assert result.flare and not result.see_clinician
    assert "physio" not in result.verdict() and "a little above your usual" in result.verdict()


# --- how sensitive a flare is ------------------------------------------------------------------


def _with_rules(**rules: object) -> Program:
    return PROGRAM.model_copy(update={"rules": PROGRAM.rules.model_copy(update=rules)})


def test_a_physio_may_let_a_one_point_rise_pass() -> None:
    sessions = [session(4, at(0))]
    earlier = calm_mornings(0, pain=0)
    now = at(1, 7, 30)
    one_up = make_checkin(1, None, "", now)
    assert check_in(PROGRAM, sessions, earlier, one_up, now).flare  # the seed: any rise
    lenient = _with_rules(flare_margin=1)
    assert not check_in(lenient, sessions, earlier, one_up, now).flare
    two_up = make_checkin(2, None, "", now)
    result = check_in(lenient, sessions, earlier, two_up, now)
    assert result.flare and result.after.step == 3
    assert result.morning is not None and result.morning.rise == 2


def test_longer_morning_stiffness_counts_as_a_flare() -> None:
    """Silbernagel: morning stiffness must not rise either. 5 minutes over usual is let pass
    (minutes are guessed to about 5); more is a flare, with the same pain."""
    sessions = [session(4, at(0))]
    earlier = [c.model_copy(update={"stiffness_minutes": 10}) for c in calm_mornings(0, pain=2)]
    now = at(1, 7, 30)
    a_bit = check_in(PROGRAM, sessions, earlier, make_checkin(2, 15, "", now), now)
    assert not a_bit.flare and a_bit.after.step == 5
    stiff = check_in(PROGRAM, sessions, earlier, make_checkin(2, 25, "", now), now)
    assert stiff.flare and stiff.after.step == 3 and stiff.after.flare
    assert stiff.morning is not None and not stiff.morning.pain_flare
    assert stiff.morning.stiffness_rise == 15
    assert "Morning stiffness lasted 25 minutes, longer than your usual (10 minutes)" in (
        stiff.verdict()
    )
    assert (
        "stiffer than usual (25 minutes of stiffness; your usual is 10 minutes)"
        in (stiff.after.reasons[0])
    )


# --- which morning a check-in is about ---------------------------------------------------------


def test_an_evening_entry_after_a_session_asks_which_morning_it_is_about() -> None:
    """Issue 11: an evening check-in just after a session is not a next-morning answer."""
    sessions = [session(4, at(0))]  # Mon 18:00
    evening = at(0, 21)
    which = which_morning(PROGRAM, sessions, calm_mornings(0), evening)
    assert which.ambiguous and which.day is None
    assert which.question == (
        "You trained today at 18:00. Is this about this morning, before the session, or about "
        "how it feels now?"
    )
    this_morning, now_after = which.choices
    assert (this_morning.key, this_morning.day) == ("1", evening.date())
    assert (now_after.key, now_after.day) == ("n", None)
    assert "Nothing is saved" in now_after.label
    assert which.checkin(4, None, "", which.choose("n")) is None
    chosen = which.checkin(1, None, "", which.choose("1"))
    assert chosen is not None and chosen.confirmed and chosen.day == evening.date()
    with pytest.raises(AnswerError, match="Choose one first"):
        which.checkin(4, None, "")
    with pytest.raises(AnswerError, match="'x' is not one of the choices: answer 1, n"):
        which.choose("x")


def test_an_unconfirmed_evening_entry_sets_no_usual_and_answers_no_morning() -> None:
    """As the old screen saved it: day = that evening's date. It is set aside everywhere."""
    sessions = [session(4, at(0))]
    earlier = calm_mornings(0, pain=1)
    evening = make_checkin(6, None, "sore after hopping", at(0, 21))
    saved = check_in(PROGRAM, sessions, earlier, evening, at(0, 21))
    assert saved.morning is None and not saved.flare and saved.set_aside is not None
    assert "after that day's session at 18:00" in saved.verdict()
    now = at(1, 7, 30)
    later = check_in(PROGRAM, sessions, [*earlier, evening], make_checkin(2, None, "", now), now)
    assert later.usual == 1.0  # the evening's 6 is not part of the usual
    assert later.flare and later.after.step == 3
    assert checkin_due(sessions, [*earlier, evening], now)


def test_a_night_entry_offers_this_morning_yesterday_or_none() -> None:
    sessions = [session(4, at(0))]
    night = at(1, 1, 15)  # Tue 01:15
    which = which_morning(PROGRAM, sessions, [morning(0, 2)], night)
    assert which.question == "It is 01:15, at night. Which morning is this check-in about?"
    assert [(c.key, c.day) for c in which.choices] == [
        ("1", night.date()),
        ("2", at(0).date()),
        ("n", None),
    ]
    assert which.choose("2").replaces == morning(0, 2)
    assert "it replaces the 2/10 already saved" in which.choose("2").label


def test_a_morning_entry_is_not_asked_about() -> None:
    sessions = [session(4, at(0))]
    which = which_morning(PROGRAM, sessions, [], at(1, 7, 30))
    assert not which.ambiguous and which.day == at(1).date() and which.notice == ""
    new = which.checkin(2, None, "")
    assert new is not None and not new.confirmed and new.day == at(1).date()
    # Later the same day with no session: still that morning, not asked.
    assert which_morning(PROGRAM, sessions, [], at(1, 15)).day == at(1).date()


def test_a_future_day_is_refused_with_a_clear_message() -> None:
    """Issue 11: `achilles checkin --on 2027-01-05` was accepted and set the dose."""
    now = at(1, 7, 30)
    with pytest.raises(AnswerError) as err:
        which_morning(PROGRAM, [], [], now, on=dt.date(2027, 1, 5))
    assert str(err.value) == (
        "Tue 05 Jan 2027 has not come yet: a check-in is about a morning that has happened. "
        "Check in on that morning, when you wake up."
    )
    with pytest.raises(AnswerError, match="has not come yet"):
        which_morning(PROGRAM, [], [], now, on=at(3, 7))
    with pytest.raises(AnswerError, match="09:00 today is still to come"):
        which_morning(PROGRAM, [], [], now, on=at(1, 9))
    with pytest.raises(AnswerError, match="has not come yet"):
        make_checkin(2, None, "", now, day=at(2).date())


def test_a_stored_future_checkin_does_not_set_the_dose() -> None:
    sessions = [session(4, at(0))]
    future = morning(30, 9)
    now = at(1, 12)
    rx = prescribe(PROGRAM, sessions, [*calm_mornings(0), future], now)
    assert rx.step == 5 and not rx.flare and "no morning check-in since" in rx.reasons[0]


def test_a_day_long_past_is_accepted_and_said_plainly() -> None:
    now = at(12, 8)
    which = which_morning(PROGRAM, [], [], now, on=at(0).date())
    assert which.day == at(0).date() and not which.ambiguous
    assert which.notice == (
        "This check-in is for the morning of Mon 26 May 2025, 12 days ago, not this morning."
    )
    new = which.checkin(2, None, "")
    assert new is not None and new.day == at(0).date() and new.confirmed
    assert which_morning(PROGRAM, [], [], now, on=at(11).date()).notice.endswith(
        "yesterday, not this morning."
    )


def test_the_form_says_the_usual_without_entries_that_are_not_mornings() -> None:
    sessions = [session(4, at(0))]
    checkins = [*calm_mornings(0, pain=1), morning(0, 7, hour=21)]
    now = at(1, 7)
    assert form_intro(PROGRAM, sessions, checkins, now, now.date()) == (
        "How did the Achilles feel this morning, on waking? Your usual is 1/10 (the median of "
        "your last 7 mornings)."
    )
    assert form_intro(PROGRAM, [], [], now, at(-2).date()) == (
        "How did the Achilles feel on the morning of Sat 24 May, on waking? Your first check-in "
        "sets your usual."
    )


def test_judging_a_morning_still_to_come_is_an_error() -> None:
    new = make_checkin(2, None, "", at(3, 7))
    with pytest.raises(AnswerError, match="Thu 29 May 2025 has not come yet"):
        check_in(PROGRAM, [], [], new, at(1, 7))
