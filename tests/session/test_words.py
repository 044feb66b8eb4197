"""Words that match what happens: every sentence composed about a dose is true of that dose.

Over random ladders (any length, circuits, doses) and random histories, each claim a reason or a
check-in verdict makes ("moving up to X", "back one step to X", "the first step already", "It
has been N days", "far above your usual", ...) is parsed back out and checked against the
prescription it came with and the history. A sentence that matches no known claim fails too, so
a new wording must be taught here before it can ship.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from session.checkin import CheckInResult, check_in, make_checkin
from session.morning import read_mornings, session_end
from session.program import LadderStep, Program
from session.progression import counts_for_rules, days_between, prescribe
from session.records import CheckIn, Prescription, SessionRecord, SessionStatus
from tests.session.helpers import CET, PROGRAM, checkin, session_record

PROPS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
START = dt.datetime(2025, 1, 6, 18, 0, tzinfo=CET)


@st.composite
def ladders(draw: st.DrawFn) -> Program:
    steps = []
    for k in range(draw(st.integers(1, 7))):
        circuit = draw(st.sampled_from([1, 2]))
        sets, reps = draw(st.integers(1, 4)), draw(st.sampled_from([10, 15, 20]))
        steps.append(
            LadderStep(circuit=circuit, sets=sets, reps=reps, label=f"Step {k + 1}: C{circuit}")
        )
    return PROGRAM.model_copy(update={"ladder": tuple(steps)})


@dataclass(frozen=True)
class Visit:
    """One session and what followed it."""

    follow_rules: bool
    step: int
    status: SessionStatus
    pains: tuple[int, ...]
    mornings: tuple[tuple[int, int, int | None], ...]
    """(days after, pain, stiffness) of the check-ins after it."""
    gap_hours: float


visits = st.builds(
    Visit,
    follow_rules=st.booleans(),
    step=st.integers(0, 8),
    status=st.sampled_from([SessionStatus.COMPLETED] * 3 + list(SessionStatus)),
    pains=st.lists(st.integers(0, 9), max_size=3).map(tuple),
    mornings=st.lists(
        st.tuples(st.integers(1, 3), st.integers(0, 10), st.none() | st.sampled_from([5, 30])),
        max_size=2,
    ).map(tuple),
    gap_hours=st.sampled_from([20, 26, 48, 49.5, 72, 240, 250, 263.5, 300, 720]),
)


def simulate(
    program: Program, plan: list[Visit]
) -> tuple[list[SessionRecord], list[CheckIn], list[tuple[Prescription, dt.datetime]]]:
    sessions: list[SessionRecord] = []
    checkins: dict[dt.date, CheckIn] = {}  # one per day, as the store keeps them
    prescribed: list[tuple[Prescription, dt.datetime]] = []
    start = START
    for v in plan:
        known = [c for c in checkins.values() if c.recorded_at < start]
        rx = prescribe(program, sessions, known, start)
        prescribed.append((rx, start))
        step = rx.step if v.follow_rules else min(v.step, len(program.ladder) - 1)
        sessions.append(
            session_record(
                program, step, start, status=v.status, pains=v.pains, sid=f"s{len(sessions)}"
            )
        )
        for days, pain, stiff in v.mornings:
            day = (start + dt.timedelta(days=days)).replace(hour=7, minute=30)
            c = checkin(day, pain).model_copy(update={"stiffness_minutes": stiff})
            checkins[c.day] = c
        start = start + dt.timedelta(hours=v.gap_hours)
    return sessions, sorted(checkins.values(), key=lambda c: c.day), prescribed


def _g(value: float) -> str:
    return f"{value:g}"


def check_reasons(
    program: Program,
    sessions: list[SessionRecord],
    checkins: list[CheckIn],
    rx: Prescription,
    now: dt.datetime,
) -> None:
    """Every reason of `rx` is a known claim, and each claim is true."""
    labels = [s.label for s in program.ladder]
    step_of = {label: i for i, label in enumerate(labels)}
    today = now.date()
    book = read_mornings(sessions, checkins, program.rules, CET, today)
    done = [s for s in book.sessions if counts_for_rules(s, today, CET)]
    assert rx.label == labels[rx.step]
    if not done:
        assert rx.reasons == (
            f"No sessions yet: starting at the bottom of the ladder, {labels[0]}.",
        )
        return
    last = done[-1]
    base = min(last.step, len(labels) - 1)
    after = book.after(last)
    trained = [s for s in done if s.sets_done] or done
    ended = session_end(trained[-1])
    for reason in rx.reasons:
        if m := re.fullmatch(
            r"It has been (\d+) days since your last session \(more than (\S+)\): (.*)", reason
        ):
            days = int(m[1])
            assert days == days_between(ended, now, CET)
            assert (
                m[2] == _g(program.rules.long_break_days) and days > program.rules.long_break_days
            )
            if e := re.fullmatch(r"easing in again one step below (.+), at (.+)\.", m[3]):
                assert e[2] == rx.label and rx.step == step_of[e[1]] - 1
            else:
                e = re.fullmatch(r"easing in again at the first step, (.+)\.", m[3])
                assert e is not None and e[1] == rx.label and rx.step == 0
            continue
        if reason.startswith("The tendon needs"):
            assert rx.earliest_start is not None
            when = rx.earliest_start.astimezone(CET)
            assert reason.endswith(f"the next one can start {when:%a %d %b at %H:%M}.")
            assert when == ended + dt.timedelta(hours=program.rules.min_rest_hours) > now
            continue
        if reason.startswith("Meanwhile, temporary help"):
            assert rx.flare
            continue
        # The outcome of the last session: its facts, then (unless a break follows) the action.
        assert f"({last.started_at.astimezone(CET):%a %d %b})" in reason
        long_break = days_between(ended, now, CET) > program.rules.long_break_days
        if long_break:
            assert not re.search(r"(moving up|back \w+ steps? to|repeating|staying at) ", reason)
        check_action(reason, rx, base, labels, long_break)
        check_facts(reason, program, last, after.named, after.flare, rx)
    assert rx.flare == after.flare
    assert (
        "Meanwhile, temporary help for a flared tendon is listed with the check-in." in rx.reasons
    ) == (rx.flare and bool(program.calming_measures))
    assert (rx.earliest_start is None) == all(
        not r.startswith("The tendon needs") for r in rx.reasons
    )


def check_action(
    reason: str, rx: Prescription, base: int, labels: list[str], long_break: bool
) -> None:
    if long_break:
        return
    if m := re.search(r": moving up to (.+)\.$", reason):
        assert m[1] == rx.label and rx.step == base + 1
    elif m := re.search(r": back one step to (.+)\.$", reason):
        assert m[1] == rx.label and rx.step == base - 1
    elif m := re.search(r": back (\d+) steps to (.+)\.$", reason):
        assert m[2] == rx.label and rx.step == base - int(m[1])
    elif m := re.search(r": staying at (.+) \(the first step\)\.$", reason):
        assert m[1] == rx.label and rx.step == base == 0
    elif m := re.search(r": staying at the regular dose, (.+)\.$", reason):
        assert m[1] == rx.label and rx.step == base == len(labels) - 1
    elif m := re.search(r": repeating (.+)\.$", reason):
        assert m[1] == rx.label and rx.step == base
    else:
        raise AssertionError(f"no known action in {reason!r}")


def check_facts(
    reason: str, program: Program, last: object, named: object, flare: bool, rx: Prescription
) -> None:
    from session.morning import Morning

    assert isinstance(last, SessionRecord)
    assert named is None or isinstance(named, Morning)
    if m := re.search(r"stopped for pain at (\d+)/10", reason):
        assert int(m[1]) == last.max_pain
        stopped = last.status is SessionStatus.STOPPED_FOR_PAIN
        assert stopped or int(m[1]) >= program.stop_threshold
    if "no morning check-in since" in reason:
        assert named is None
    if m := re.search(r"the next morning was no worse than usual \((\d+)/10\)", reason):
        assert named is not None and int(m[1]) == named.pain and not flare
    if m := re.search(
        r"the Achilles was (far worse|worse|stiffer) than usual \((.+)\)\. That means", reason
    ):
        assert named is not None and flare and named.flare
        if m[1] == "stiffer":
            assert named.stiffness_flare and not named.pain_flare
        else:
            assert named.pain_flare and (m[1] == "far worse") == named.far_above
            assert named.usual is not None
            assert m[2].startswith(f"{named.pain}/10; your usual is {_g(named.usual)}/10")
    assert "normal during rehab" not in reason


def check_verdict(result: CheckInResult) -> None:
    text, effect = result.verdict(), result.effect()
    before, after = result.before, result.after
    m = result.morning
    assert "normal during rehab" not in text
    if "first step" in text:
        assert after.step == 0
    if c := re.search(
        r"You are on the first step already, so the next session stays there: (.+?)\.", text
    ):
        assert c[1] == after.label and after.step == 0
        assert result.last is not None and result.last.step == 0
    if c := re.search(
        r"The next session goes (one step|\d+ steps) below your last one, to (.+?)\.$", text
    ):
        n = 1 if c[1] == "one step" else int(c[1].split()[0])
        assert result.last is not None and c[2] == after.label
        assert after.step == min(result.last.step, len(result.program.ladder) - 1) - n
    if c := re.search(r"had already dialled it back: the next session stays at (.+?)\.$", text):
        assert c[1] == after.label and after.step == before.step and before.flare
    if "the next session is unchanged" in text:
        assert after.step == before.step and result.session is None
    if m is None:
        assert text.startswith("This is not counted as a morning check-in")
        return
    assert text.startswith(f"Morning pain {m.pain}/10")
    if m.usual is not None and "This first check-in" not in text:
        assert f"your usual ({_g(m.usual)}/10)" in text
    assert ("This first check-in sets your usual" in text) == (m.usual is None)
    assert ("no worse than your usual" in text) == (m.usual is not None and not m.pain_flare)
    assert ("a little above your usual" in text) == (m.pain_flare and not m.far_above)
    assert ("is far above your usual" in text) == (m.pain_flare and m.far_above)
    assert ("Morning stiffness lasted" in text) == m.stiffness_flare
    assert ("get it checked by a physio or doctor" in text) == result.see_clinician
    assert ("Carry on." in text) == (
        not m.flare and m.usual is not None and not result.program.zone_for(m.pain).stops
    )
    if e := re.fullmatch(r"Next session dialled back to (.+) \(it was (.+)\)\.", effect):
        assert (e[1], e[2]) == (after.label, before.label) and after.step < before.step
    elif e := re.fullmatch(r"Next session moves up to (.+) \(it was (.+)\)\.", effect):
        assert (e[1], e[2]) == (after.label, before.label) and after.step > before.step
    else:
        assert effect == f"Next session stays at {after.label}." and after.step == before.step


@PROPS
@given(
    program=ladders(),
    plan=st.lists(visits, min_size=0, max_size=7),
    later=st.sampled_from([1, 13, 20, 25, 47, 240, 241, 263, 300, 720]),
    pain=st.integers(0, 10),
    stiffness=st.none() | st.sampled_from([0, 10, 45]),
)
def test_every_sentence_is_true_of_the_dose_it_comes_with(
    program: Program, plan: list[Visit], later: float, pain: int, stiffness: int | None
) -> None:
    sessions, checkins, given_rx = simulate(program, plan)
    for i, (rx, when) in enumerate(given_rx):
        past = sessions[:i]
        check_reasons(program, past, [c for c in checkins if c.recorded_at < when], rx, when)
    now = (START + dt.timedelta(hours=sum(v.gap_hours for v in plan) + later)).astimezone(CET)
    rx = prescribe(program, sessions, checkins, now)
    check_reasons(program, sessions, checkins, rx, now)
    morning = now.replace(hour=7, minute=30) if now.hour >= 8 else now
    new = make_checkin(pain, stiffness, "", morning)
    check_verdict(check_in(program, sessions, checkins, new, now))
