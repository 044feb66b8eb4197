"""The morning rule for runs: a morning above usual after a run dials the running back."""

from __future__ import annotations

from session.running.mornings import CheckInMornings
from session.running.run_rule import run_advice, shortened
from session.running.runs import RunKind
from tests.running.builders import SPEED, at, checkin, mornings, run, settled

RULES = SPEED.running
BASE = settled(range(-7, 1))
"""A week of mornings at 2/10 before day 1: the runner's normal is 2."""


def test_no_runs_no_advice() -> None:
    advice = run_advice(RULES, [], mornings(BASE), at(3))
    assert not advice.dial_back
    assert advice.reasons == ("No runs logged yet.",)


def test_a_flare_the_morning_after_a_run_dials_back_and_names_the_run() -> None:
    runs = [run(1, minutes=40)]
    advice = run_advice(RULES, runs, mornings({**BASE, 2: 4}), at(2, 9))
    assert advice.dial_back
    assert advice.max_minutes == 30
    assert advice.follows == runs[0]
    assert advice.morning is not None and advice.morning.pain == 4
    assert advice.reasons[0] == (
        "The morning after your easy run on Tue 04 Mar (40 min) the Achilles was worse than "
        "usual (4/10; your normal is 2/10). That means the run was a bit too much, which is "
        "normal during rehab."
    )
    assert "at most 30 minutes, with no hills or speed work" in advice.reasons[1]


def test_a_flare_on_a_later_morning_says_which_day() -> None:
    runs = [run(1, RunKind.HILLS, minutes=30)]
    advice = run_advice(RULES, runs, mornings({**BASE, 2: 2, 3: 5}), at(3, 9))
    assert advice.dial_back
    assert advice.reasons[0].startswith(
        "On Thu 06 Mar, after your hill session on Tue 04 Mar (30 min), the Achilles was worse "
        "than usual (5/10"
    )


def test_a_settled_morning_carries_on() -> None:
    advice = run_advice(RULES, [run(1)], mornings({**BASE, 2: 2}), at(2, 9))
    assert not advice.dial_back
    assert advice.max_minutes is None
    assert advice.reasons == (
        "The morning after your easy run on Tue 04 Mar (40 min) was no worse than usual (2/10): "
        "carry on as planned.",
    )


def test_without_a_morning_check_in_nothing_is_assumed() -> None:
    advice = run_advice(RULES, [run(1)], mornings(BASE), at(1, 21))
    assert not advice.dial_back
    assert advice.waiting_for_morning
    assert advice.reasons[0].startswith("No morning check-in since your easy run on Tue 04 Mar")


def test_the_same_evening_is_not_a_morning() -> None:
    """A check-in recorded on the run's own day, after the run, is not the morning after."""
    checkins = [*(checkin(d, p) for d, p in BASE.items()), checkin(1, 6, hour=21)]
    advice = run_advice(RULES, [run(1)], CheckInMornings(checkins, 7), at(1, 22))
    assert not advice.dial_back
    assert advice.waiting_for_morning


def test_too_much_pain_during_or_after_dials_back_without_a_flare() -> None:
    during = run_advice(RULES, [run(1, pain=6)], mornings({**BASE, 2: 2}), at(2, 9))
    assert during.dial_back
    assert during.reasons[0] == (
        "Your easy run on Tue 04 Mar (40 min) hurt 6/10 during the run, above the 5/10 the "
        "pain-monitoring model allows."
    )
    after = run_advice(RULES, [run(1, pain=3, after=6)], mornings(BASE), at(1, 21))
    assert after.dial_back
    assert after.reasons[0].startswith("An hour after your easy run on Tue 04 Mar (40 min)")
    ok = run_advice(RULES, [run(1, pain=5, after=5)], mornings({**BASE, 2: 2}), at(2, 9))
    assert not ok.dial_back


def test_only_the_latest_run_decides() -> None:
    runs = [run(1), run(3)]
    advice = run_advice(RULES, runs, mornings({**BASE, 2: 5, 4: 2}), at(4, 9))
    assert not advice.dial_back
    assert advice.follows == runs[1]


def test_a_run_after_now_is_not_seen() -> None:
    advice = run_advice(RULES, [run(1), run(5)], mornings({**BASE, 2: 5}), at(2, 9))
    assert advice.dial_back and advice.follows is not None
    assert advice.follows.started_at == at(1)


def test_the_first_check_in_ever_sets_normal_and_never_flares() -> None:
    advice = run_advice(RULES, [run(1)], mornings({2: 6}), at(2, 9))
    assert not advice.dial_back


def test_the_shortened_run_has_a_floor() -> None:
    assert shortened(RULES, 40) == 30
    assert shortened(RULES, 12) == 10
    assert shortened(RULES, 61) == 45


def test_the_morning_after_a_run_is_asked_for_once() -> None:
    from session.running.run_rule import morning_due_after_run

    runs = [run(1, minutes=40)]  # Tuesday 18:00
    assert not morning_due_after_run(runs, mornings(BASE), at(1, 21))  # the same evening
    assert morning_due_after_run(runs, mornings(BASE), at(2, 7))  # next morning, not in yet
    assert morning_due_after_run(runs, mornings(BASE), at(4, 7))  # missed: asked at the next
    assert not morning_due_after_run(runs, mornings({**BASE, 2: 2}), at(2, 9))  # answered
    assert not morning_due_after_run([], mornings(BASE), at(2, 7))
