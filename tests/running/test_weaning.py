"""Weaning the calming measures: one at a time once the mornings settle; a flare pauses it."""

from __future__ import annotations

from collections.abc import Sequence

from session.running.runs import RunRecord
from session.running.weaning import NONE_IN_USE, weaning_advice
from tests.running.builders import SPEED, at, mornings, run, settled

ALL = ("heel_lift", "cadence", "slow_pace", "no_speed")


def runs_with(days_and_measures: Sequence[tuple[int, Sequence[str]]]) -> list[RunRecord]:
    return [run(d, calming=m) for d, m in days_and_measures]


def every_other_day(
    first: int, last: int, measures: Sequence[str]
) -> list[tuple[int, Sequence[str]]]:
    return [(d, measures) for d in range(first, last + 1, 2)]


def test_nothing_to_wean_without_measures() -> None:
    advice = weaning_advice(SPEED, [run(1)], mornings(settled(range(20))), at(20, 9))
    assert advice.reasons == (NONE_IN_USE,)
    assert advice.suggest is None


def test_two_settled_weeks_suggest_the_first_measure_only() -> None:
    runs = runs_with(every_other_day(0, 18, ALL))
    advice = weaning_advice(SPEED, runs, mornings(settled(range(21))), at(20, 9))
    assert advice.suggest is not None and advice.suggest.id == "heel_lift"
    assert [m.id for m in advice.in_use] == ["heel_lift", "cadence", "slow_pace", "no_speed"]
    (words,) = advice.reasons
    assert words.startswith("Mornings have been settled for 14 days: time to drop one")
    assert "Leave out the heel lift" in words
    assert "Keep the raised cadence, the slower pace, no hills or speed work for now" in words
    assert "the next after 7 days more settled" in words


def test_a_flare_pauses_weaning() -> None:
    runs = runs_with(every_other_day(0, 18, ALL))
    advice = weaning_advice(SPEED, runs, mornings({**settled(range(21)), 15: 5}), at(20, 9))
    assert advice.suggest is None
    assert advice.paused_by is not None and advice.paused_by.pain == 5
    assert advice.reasons[0].startswith(
        "Weaning is paused: the morning of Tue 18 Mar was worse than usual (5/10)."
    )
    assert advice.restore is None


def test_the_flare_leaves_the_window_after_the_settled_days() -> None:
    runs = runs_with(every_other_day(0, 30, ALL))
    pains = {**settled(range(32)), 15: 5}
    assert weaning_advice(SPEED, runs, mornings(pains), at(28, 9)).paused_by is not None
    later = weaning_advice(SPEED, runs, mornings(pains), at(29, 9))
    assert later.paused_by is None
    assert later.suggest is not None and later.suggest.id == "heel_lift"


def test_after_a_drop_the_next_waits_for_more_settled_days() -> None:
    rest = ("cadence", "slow_pace", "no_speed")
    runs = runs_with([*every_other_day(0, 16, ALL), (17, rest), (19, rest)])
    pains = settled(range(30))
    waiting = weaning_advice(SPEED, runs, mornings(pains), at(20, 9))
    assert waiting.suggest is None
    assert waiting.reasons == (
        "It is 3 days since you stopped the heel lift: the next measure can go after 4 days "
        "more settled.",
    )
    ready = weaning_advice(SPEED, runs, mornings(pains), at(24, 9))
    assert ready.suggest is not None and ready.suggest.id == "cadence"
    assert "Mornings have been settled for 7 days" in ready.reasons[0]


def test_a_flare_soon_after_a_drop_suggests_taking_it_up_again() -> None:
    rest = ("cadence", "slow_pace", "no_speed")
    runs = runs_with([*every_other_day(0, 16, ALL), (17, rest)])
    advice = weaning_advice(SPEED, runs, mornings({**settled(range(30)), 19: 4}), at(20, 9))
    assert advice.restore is not None and advice.restore.id == "heel_lift"
    assert advice.reasons[1] == (
        "That came 2 days after you stopped the heel lift: use it again for now."
    )


def test_two_dropped_at_once_gets_a_word_of_caution() -> None:
    runs = runs_with([*every_other_day(0, 16, ALL), (17, ("slow_pace", "no_speed"))])
    advice = weaning_advice(SPEED, runs, mornings(settled(range(30))), at(20, 9))
    assert advice.reasons[0] == (
        "On Thu 20 Mar you stopped the heel lift and the raised cadence at once. One at a time "
        "is safer: if a morning turns worse, take the last one up again."
    )
    assert advice.suggest is None  # and the clock still runs from that drop


def test_settled_must_be_seen_in_check_ins() -> None:
    runs = runs_with(every_other_day(0, 18, ALL))
    advice = weaning_advice(SPEED, runs, mornings(settled(range(0, 21, 7))), at(20, 9))
    assert advice.suggest is None
    assert advice.reasons[0].startswith(
        "Only 2 of the 6 morning check-ins needed in the last 14 days"
    )


def test_no_hills_or_speed_is_lifted_by_the_gate_not_by_time() -> None:
    runs = runs_with(every_other_day(0, 18, ("no_speed",)))
    advice = weaning_advice(SPEED, runs, mornings(settled(range(21))), at(20, 9))
    assert advice.suggest is None
    assert advice.reasons == (
        "Still in use: no hills or speed work. That is lifted by the readiness gate, not time.",
    )


def test_taking_a_measure_up_again_restarts_the_full_wait() -> None:
    runs = runs_with([*every_other_day(0, 16, ("cadence",)), (18, ("heel_lift", "cadence"))])
    advice = weaning_advice(SPEED, runs, mornings(settled(range(40))), at(25, 9))
    assert advice.suggest is None
    assert advice.reasons[0].startswith("It is 7 days since you took up the heel lift")
    assert weaning_advice(SPEED, runs, mornings(settled(range(40))), at(32, 9)).suggest is not None


def test_a_measure_the_physio_removed_is_ignored_in_old_runs() -> None:
    """Runs keep the ids they were logged with; a measure gone from the data must not break."""
    old = [
        r.model_copy(update={"calming": ("ice_socks", *r.calming)})
        for r in runs_with(every_other_day(0, 10, ALL))
    ]
    runs = [*old, *runs_with(every_other_day(12, 18, ALL))]
    advice = weaning_advice(SPEED, runs, mornings(settled(range(21))), at(20, 9))
    assert advice.suggest is not None and advice.suggest.id == "heel_lift"
