"""One morning rule: progression, history rows, trends, setbacks, the check-in and its due date
all read the mornings after a session, and their flares, the same way, over random histories.

The expected answer comes from `Oracle`, a slow, literal reading of the rule as session.morning
states it, written separately from the code under test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from statistics import median

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from session.checkin import check_in, checkin_due, make_checkin, replacing
from session.flares import setbacks
from session.history import history_rows
from session.morning import read_mornings, session_end
from session.program import Program, Rules
from session.progression import counts_for_rules, prescribe
from session.records import CheckIn, SessionRecord, SessionStatus
from session.trends import monday, weeks
from tests.session.helpers import CET, PROGRAM, session_record

PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAY0 = dt.datetime(2025, 3, 3, 0, 0, tzinfo=CET)  # a Monday
LAST_STEP = len(PROGRAM.ladder) - 1


def local(days: int, hour: int, minute: int = 0) -> dt.datetime:
    return DAY0 + dt.timedelta(days=days, hours=hour, minutes=minute)


@st.composite
def sessions_st(draw: st.DrawFn) -> list[SessionRecord]:
    out: list[SessionRecord] = []
    for i in range(draw(st.integers(0, 7))):
        day = draw(st.integers(0, 20))
        start = local(day, draw(st.integers(5, 21)), draw(st.sampled_from([0, 30])))
        status = draw(st.sampled_from(list(SessionStatus)))
        pains = draw(st.lists(st.integers(0, 7), max_size=3))
        step = draw(st.integers(0, LAST_STEP))
        out.append(session_record(PROGRAM, step, start, status=status, pains=pains, sid=f"s{i}"))
    return out


@st.composite
def checkins_st(draw: st.DrawFn) -> list[CheckIn]:
    days = draw(st.lists(st.integers(-4, 24), unique=True, max_size=14))
    out = []
    for day in days:
        at = local(day, draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 45])))
        if draw(st.booleans()):
            at = at.replace(hour=7)  # most check-ins are morning ones
        out.append(
            CheckIn(
                day=at.date() - dt.timedelta(days=draw(st.sampled_from([0, 0, 0, 1]))),
                pain=draw(st.integers(0, 10)),
                stiffness_minutes=draw(st.none() | st.sampled_from([0, 5, 10, 15, 30, 45])),
                recorded_at=at.astimezone(dt.UTC),
                confirmed=draw(st.booleans()),
            )
        )
    # One check-in per day, as the store keeps them.
    return list({c.day: c for c in out}.values())


rules_st = st.builds(
    Rules,
    morning_normal_window=st.integers(1, 5),
    flare_margin=st.sampled_from([0, 0.5, 1, 2]),
    stiffness_margin_minutes=st.sampled_from([0, 5, 10]),
    far_above=st.sampled_from([1, 3]),
    night_ends_hour=st.sampled_from([0, 4, 6]),
)


@dataclass
class Oracle:
    """The rule, read literally and slowly (see session.morning's docstring)."""

    sessions: list[SessionRecord]
    checkins: list[CheckIn]
    rules: Rules
    today: dt.date

    def counted(self, c: CheckIn) -> bool:
        if c.day > self.today:
            return False
        entered = c.recorded_at.astimezone(CET)
        if c.confirmed or entered.date() != c.day:
            return True
        if entered.hour < self.rules.night_ends_hour:
            return False
        return not any(
            s.sets and s.started_at.astimezone(CET).date() == c.day and s.started_at < c.recorded_at
            for s in self.sessions
        )

    def mornings(self) -> list[CheckIn]:
        return sorted((c for c in self.checkins if self.counted(c)), key=lambda c: c.day)

    def usual(self, c: CheckIn) -> tuple[float | None, float | None]:
        before = [m for m in self.mornings() if m.day < c.day]
        pains = [m.pain for m in before][-self.rules.morning_normal_window :]
        stiff = [m.stiffness_minutes for m in before if m.stiffness_minutes is not None]
        stiff = stiff[-self.rules.morning_normal_window :]
        return (median(pains) if pains else None), (median(stiff) if stiff else None)

    def flare(self, c: CheckIn) -> bool:
        usual, usual_stiff = self.usual(c)
        if usual is not None and c.pain - usual > self.rules.flare_margin:
            return True
        return (
            c.stiffness_minutes is not None
            and usual_stiff is not None
            and c.stiffness_minutes - usual_stiff > self.rules.stiffness_margin_minutes
        )

    def owner(self, c: CheckIn) -> SessionRecord | None:
        earlier = [s for s in self.sessions if s.started_at.astimezone(CET).date() < c.day]
        if not earlier:
            return None
        # The latest; of two that started at the same moment, the one given last.
        latest = max(s.started_at for s in earlier)
        last = [s for s in earlier if s.started_at == latest][-1]
        return last if c.recorded_at > session_end(last) else None

    def after(self, s: SessionRecord) -> list[CheckIn]:
        return [c for c in self.mornings() if self.owner(c) is s]


def program_with(rules: Rules) -> Program:
    return PROGRAM.model_copy(update={"rules": rules})


@PROPS
@given(
    sessions=sessions_st(),
    checkins=checkins_st(),
    rules=rules_st,
    now_day=st.integers(21, 23),
    now_hour=st.integers(0, 23),
)
def test_every_reader_of_the_mornings_agrees_with_the_rule(
    sessions: list[SessionRecord],
    checkins: list[CheckIn],
    rules: Rules,
    now_day: int,
    now_hour: int,
) -> None:
    program = program_with(rules)
    now = local(now_day, now_hour)
    today = now.date()
    oracle = Oracle(sessions, checkins, rules, today)
    summaries = [s.summary() for s in sessions]

    # The book itself.
    book = read_mornings(sessions, checkins, rules, CET, today)
    assert [m.checkin for m in book.mornings] == oracle.mornings()
    for m in book.mornings:
        assert (m.usual, m.usual_stiffness) == oracle.usual(m.checkin)
        assert m.flare == oracle.flare(m.checkin)

    # History rows (from summaries, as the store gives them): each session's mornings.
    rows = history_rows(summaries, checkins, rules, CET, today)
    by_id = {r.id: r for r in rows}
    assert set(by_id) == {s.id for s in sessions}
    for s in sessions:
        expected = oracle.after(s)
        row = by_id[s.id]
        assert [m.checkin for m in row.mornings] == expected
        assert row.flare == any(oracle.flare(c) for c in expected)
        if row.morning is not None:
            assert row.morning.checkin in expected

    # Progression: the dose follows the last session the rules count, and its mornings.
    rx = prescribe(program, sessions, checkins, now)
    counted = [s for s in sessions if counts_for_rules(s, today, CET)]
    if counted:
        last = sorted(counted, key=lambda s: s.started_at)[-1]
        assert rx.flare == any(oracle.flare(c) for c in oracle.after(last))
    else:
        assert not rx.flare and rx.step == 0

    # Trends: a week's flares and highest morning are its sessions' rows'.
    for week in weeks(rows, today):
        in_week = [r for r in rows if monday(r.day) == week.start]
        assert week.flares == sum(r.flare for r in in_week)
        pains = [c.pain for r in in_week for c in oracle.after(by_id_record(sessions, r.id))]
        assert week.morning_pain == (max(pains) if pains else None)

    # Setbacks (the report's data): one per flared morning, after the session the rule says.
    flares = [
        b
        for b in setbacks(summaries, checkins, rules, program.stop_threshold, CET, None, today)
        if b.kind == "flare"
    ]
    flared = [c for c in oracle.mornings() if oracle.flare(c)]
    assert sorted(b.when for b in flares) == sorted(c.recorded_at for c in flared)
    for b in flares:
        c = next(c for c in flared if c.recorded_at == b.when)
        owner = oracle.owner(c)
        if owner is None:
            assert b.what.endswith("before the first session.")
        else:
            assert f"the session of {owner.started_at.astimezone(CET):%a %d %b %Y}" in b.what
        usual, _ = oracle.usual(c)
        assert b.rise == (None if usual is None else c.pain - usual)

    # The check-in is due until a morning after the last trained session answers it.
    trained = [s for s in counted if s.sets]
    due = checkin_due(sessions, checkins, now, rules)
    if not trained:
        assert not due
    else:
        last_day = sorted(trained, key=lambda s: s.started_at)[-1].started_at.astimezone(CET).date()
        answered = any(c.day > last_day for c in oracle.mornings())
        assert due == (today > last_day and not answered)


def by_id_record(sessions: list[SessionRecord], sid: str) -> SessionRecord:
    return next(s for s in sessions if s.id == sid)


@PROPS
@given(
    sessions=sessions_st(),
    checkins=checkins_st(),
    rules=rules_st,
    pain=st.integers(0, 10),
    stiffness=st.none() | st.sampled_from([0, 10, 30]),
    back=st.integers(0, 3),
    hour=st.integers(0, 23),
    confirmed=st.booleans(),
)
def test_the_check_in_result_is_the_rule_read_with_the_new_morning(
    sessions: list[SessionRecord],
    checkins: list[CheckIn],
    rules: Rules,
    pain: int,
    stiffness: int | None,
    back: int,
    hour: int,
    confirmed: bool,
) -> None:
    program = program_with(rules)
    now = local(22, 23, 30)
    entered = local(22 - back, hour)
    new = make_checkin(pain, stiffness, "", entered, confirmed=confirmed)
    result = check_in(program, sessions, checkins, new, now)
    saved = replacing(checkins, new)
    oracle = Oracle(sessions, saved, rules, now.date())
    assert (result.morning is not None) == oracle.counted(new)
    assert result.flare == (oracle.counted(new) and oracle.flare(new))
    if result.morning is not None:
        assert result.usual == oracle.usual(new)[0]
        assert result.session is oracle.owner(new)
    assert result.after == prescribe(program, sessions, saved, now)
    assert result.before == prescribe(program, sessions, checkins, now)
