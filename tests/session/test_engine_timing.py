"""When things are said and shown: the last rep's beat, the countdown after the announcement has
been heard, the cues' windows and "Next: ...", the lead-in after a pause, switching legs, and the
limits of the cadence (issues 9 and 13)."""

from __future__ import annotations

import pytest

from assets import PROGRAM_FILE
from session.effects import CueKind, Priority, Say
from session.engine import Phase
from session.events import AdjustCadence, CueEnded, PainRating, Pause, Resume, Skip, Tick
from session.program import ProgramError, parse_program
from session.records import Settings
from session.view import view
from tests.session.helpers import PROGRAM, T0, Run, says

CADENCE = 1.2  # Single Leg Hop Up, the first exercise
GO = T0 + 6.0  # announce 3 s (heard at once), "three, two, one" a second apart, "go"
PROGRAM_TEXT = PROGRAM_FILE.read_text(encoding="utf-8")


def rep_at(n: int, go: float = GO) -> float:
    return go + n * CADENCE


def texts(cues: list[Say]) -> list[str]:
    return [c.text for c in cues]


# --- the last rep gets its full beat ------------------------------------------------------------


def approx_say(text: str, kind: CueKind, at: float, priority: Priority, until: float) -> object:
    """A Say with its times compared to the microsecond (they are sums of cadences)."""

    class Near:
        def __eq__(self, other: object) -> bool:
            return (
                isinstance(other, Say)
                and (other.text, other.kind, other.priority) == (text, kind, priority)
                and other.at == pytest.approx(at)
                and other.stale_after == pytest.approx(until)
            )

        def __repr__(self) -> str:
            return f"Say({text!r}, {kind}, {at}, {priority}, {until})"

    return Near()


def test_rep_15_is_shown_and_said_and_the_leg_ends_a_beat_later() -> None:
    run = Run.begin(step=1)
    run.send(Tick(), rep_at(15) + 0.01)
    assert run.says()[-1] == approx_say("15", CueKind.REP, rep_at(15), Priority.NORMAL, rep_at(16))
    shown = view(run.state, run.now)
    assert (shown.phase, shown.rep, shown.big_count, shown.leg) == (Phase.REPS, 15, "15", "right")
    # Nothing else is said, and 15 stays on screen, for the whole of its beat.
    said = len(run.says())
    run.send(Tick(), rep_at(16) - 0.01)
    assert len(run.says()) == said
    assert view(run.state, run.now).big_count == "15"
    run.send(Tick(), rep_at(16) + 0.01)
    assert run.says()[-1] == approx_say(
        "Switch to your left leg.", CueKind.SWITCH_LEGS, rep_at(16), Priority.HIGH, rep_at(16) + 10
    )
    (leg,) = run.state.legs_done
    assert leg.reps_done == 15


def test_after_the_last_leg_the_pain_question_waits_for_the_last_beat() -> None:
    run = Run.begin(step=0, settings=Settings(sore_side="left", train="sore_only"))
    run.run(stop=lambda s: s.awaiting_pain)
    question = run.cues(CueKind.PAIN_QUESTION)[0]
    last = run.cues(CueKind.REP)[-1]
    assert last.text == "15" and question.at == pytest.approx(last.at + CADENCE)
    assert last.stale_after == question.at


# --- the countdown starts when the announcement has been heard -------------------------------


def countdown_after_heard(heard: float | None, spoken: bool = True) -> list[tuple[str, float]]:
    """The get-ready words (and their times from the start) when the voice reports the
    announcement ended `heard` seconds in (None: never)."""
    run = Run.begin(step=1, hear=False)
    (announce,) = [c for c in run.says() if c.kind is CueKind.ANNOUNCE]
    assert announce.key is not None
    if heard is not None:
        run.run(until=T0 + heard)
        run.send(CueEnded(announce.key, spoken), T0 + heard)
    run.run(stop=lambda s: s.phase is Phase.REPS)
    return [(c.text, round(c.at - T0, 6)) for c in run.cues(CueKind.COUNTDOWN)]


@pytest.mark.parametrize(
    ("heard", "spoken", "first"),
    [
        (4.25, True, 4.75),  # a long announcement: a short gap after it was heard
        (1.0, True, 3.0),  # a short one: never before there was time to read it
        (2.75, True, 3.25),
        (1.0, False, 3.0),  # never said (muted, no voice): the time to read it
        (5.0, False, 5.0),  # ... or now, if that has passed
        (None, True, 10.0),  # no report ever: the longest wait
    ],
)
def test_the_countdown_comes_when_the_announcement_has_been_heard(
    heard: float | None, spoken: bool, first: float
) -> None:
    assert countdown_after_heard(heard, spoken) == [
        ("three", first),
        ("two", first + 1),
        ("one", first + 2),
        ("go", first + 3),
    ]


def test_one_get_ready_countdown_on_screen_none_during_the_announcement() -> None:
    run = Run.begin(step=1, hear=False)
    (announce,) = run.says()
    shown = []
    for t in (0.5, 2.0, 4.0):
        run.run(until=T0 + t)
        shown.append((run.state.phase, view(run.state, run.now).big_count))
    run.send(CueEnded(announce.key or "", True), T0 + 4.25)
    for t in (4.75, 5.75, 6.75, 7.5, 7.75):
        run.run(until=T0 + t)
        v = view(run.state, run.now)
        shown.append((run.state.phase, v.big_count))
    assert shown == [
        (Phase.ANNOUNCE, ""),
        (Phase.ANNOUNCE, ""),
        (Phase.ANNOUNCE, ""),
        (Phase.COUNTDOWN, "3"),
        (Phase.COUNTDOWN, "2"),
        (Phase.COUNTDOWN, "1"),
        (Phase.COUNTDOWN, "1"),
        (Phase.REPS, "0"),
    ]


def test_a_report_for_another_cue_changes_nothing() -> None:
    run = Run.begin(step=1, hear=False)
    before = run.state
    assert run.send(CueEnded("announce 7.1 at 3.000000", True), T0 + 1.0) == []
    assert run.state == before


def test_heard_while_paused_counts_from_the_pause() -> None:
    run = Run.begin(step=1, hear=False)
    key = run.says()[0].key or ""
    run.send(Pause(), T0 + 1.0)
    run.send(CueEnded(key, True), T0 + 50.0)  # it played out while the runner walked off
    run.send(Resume(), T0 + 100.0)
    run.run(stop=lambda s: s.phase is Phase.COUNTDOWN)
    # 1 s of the announcement had gone; the other 2 s of reading time run from the resume.
    assert run.cues(CueKind.COUNTDOWN)[0].at == pytest.approx(T0 + 102.0)


# --- windows, and "Next: ..." at a quiet moment ----------------------------------------------


def test_next_up_is_said_with_the_30_seconds_callout_and_shown_then() -> None:
    run = Run.begin(step=1)
    run.run(stop=lambda s: s.awaiting_pain)
    rest = run.state.phase_start
    run.send(PainRating(2), rest + 2.0)
    run.send(Tick(), rest + 45.0 - 0.01)
    in_rest = [c for c in run.says() if rest - 1e-9 <= c.at < rest + 45.0]
    assert [(c.kind, c.text, round(c.at - rest, 6)) for c in in_rest] == [
        (CueKind.PAIN_QUESTION, PROGRAM.words.pain_question, 0.0),
        (CueKind.REST, "Rest, 45 seconds.", 0.0),
        (CueKind.PAIN_ADVICE, "Safe zone. Good, carry on.", 2.0),
        (CueKind.REST, "30 seconds.", 15.0),
        (CueKind.NEXT_UP, "Next: Single leg forward hop, right leg.", 15.0),
        (CueKind.REST, "10 seconds.", 35.0),
        (CueKind.REST, "3", 42.0),
        (CueKind.REST, "2", 43.0),
        (CueKind.REST, "1", 44.0),
    ]
    windows = [
        (c.kind, None if c.stale_after is None else round(c.stale_after - rest, 6)) for c in in_rest
    ]
    assert windows == [
        (CueKind.PAIN_QUESTION, None),  # must be heard: no window
        (CueKind.REST, 15.0),  # the rest's length, until the time left is said
        (CueKind.PAIN_ADVICE, None),
        (CueKind.REST, 16.0),  # a second, as the clock on screen
        (CueKind.NEXT_UP, 35.0),  # until the next callout
        (CueKind.REST, 36.0),
        (CueKind.REST, 43.0),
        (CueKind.REST, 44.0),
        (CueKind.REST, 45.0),
    ]
    assert all(c.priority is Priority.LOW for c in in_rest if c.kind is CueKind.NEXT_UP)


def test_the_rest_clock_shows_bare_seconds_under_a_minute_and_m_ss_above() -> None:
    text = PROGRAM_TEXT.replace("between_exercises = 45.0", "between_exercises = 90.0")
    run = Run.begin(parse_program(text), step=1)
    run.run(stop=lambda s: s.awaiting_pain)
    rest = run.state.phase_start
    shown = []
    for t in (0.5, 29.5, 30.5, 31.0, 89.5):
        run.send(Tick(), rest + t)
        shown.append(view(run.state, run.now).big_count)
    # Seconds are rounded up, as a countdown shows them: 60.5 s left is 1:01, 59.5 s is 1:00.
    assert shown == ["1:30", "1:01", "1:00", "59", "1"]


def test_a_short_rest_says_next_up_after_its_length() -> None:
    text = PROGRAM_TEXT.replace("between_exercises = 45.0", "between_exercises = 8.0")
    run = Run.begin(parse_program(text), step=1)
    run.run(stop=lambda s: s.awaiting_pain)
    rest = run.state.phase_start
    start = [c for c in run.says() if c.at == rest]
    assert [(c.kind, c.stale_after) for c in start] == [
        (CueKind.PAIN_QUESTION, None),
        (CueKind.REST, rest + 5.0),  # until "3"
        (CueKind.NEXT_UP, rest + 5.0),
    ]


# --- the lead-in after a pause ---------------------------------------------------------------


def test_resume_mid_set_says_ready_go_and_restarts_the_rep_schedule() -> None:
    run = Run.begin(step=1)
    run.run(until=rep_at(5) + 0.5)
    run.send(Pause())
    resumed = rep_at(5) + 100.5
    effects = run.send(Resume(), resumed)
    assert says(effects) == [Say("Ready", CueKind.COUNTDOWN, resumed, Priority.HIGH, resumed + 1.5)]
    shown = view(run.state, run.now)
    assert (shown.phase, shown.label, shown.big_count) == (Phase.LEAD_IN, "ready…", "5")
    run.send(Tick(), resumed + 1.5 + 2 * CADENCE + 0.01)
    tail = [(c.text, round(c.at - resumed, 6)) for c in run.says() if c.at >= resumed]
    assert tail == [("Ready", 0.0), ("go", 1.5), ("6", 2.7), ("7", 3.9)]
    assert run.says()[-3].stale_after == pytest.approx(resumed + 1.5 + CADENCE)


def test_resume_in_the_countdown_leads_in_to_rep_1() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 4.5)
    run.send(Pause())
    run.send(Resume(), T0 + 60.0)
    run.send(Tick(), T0 + 60.0 + 1.5 + CADENCE)
    tail = [(c.text, round(c.at - T0, 6)) for c in run.says() if c.at >= T0 + 60]
    assert tail == [("Ready", 60.0), ("go", 61.5), ("1", 62.7)]
    (leg_start,) = [run.state.leg_start]
    assert leg_start == pytest.approx(T0 + 61.5)


def test_resume_in_the_last_beat_just_goes_on() -> None:
    run = Run.begin(step=1)
    run.run(until=rep_at(15) + 0.5)
    run.send(Pause())
    assert says(run.send(Resume(), rep_at(15) + 10.5)) == [
        Say("Go on.", CueKind.INFO, rep_at(15) + 10.5, Priority.HIGH)
    ]
    run.run(stop=lambda s: s.phase is Phase.SWITCH_LEGS)
    assert run.cues(CueKind.SWITCH_LEGS)[0].at == pytest.approx(rep_at(16) + 10.0)
    assert [c.text for c in run.cues(CueKind.REP)] == [str(n) for n in range(1, 16)]


def test_resume_outside_a_set_goes_on() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 30.0)  # switching legs
    run.send(Pause())
    assert [c.text for c in says(run.send(Resume(), T0 + 40.0))] == ["Go on."]


# --- switching legs ----------------------------------------------------------------------------


def test_switching_legs_shows_and_says_the_leg_that_is_coming() -> None:
    run = Run.begin(step=1, settings=Settings(sore_side="left"))
    run.run(until=rep_at(16) + 0.5)
    assert run.state.phase is Phase.SWITCH_LEGS
    assert run.says()[-1].text == "Switch to your right leg."
    shown = view(run.state, run.now)
    assert (shown.leg, shown.leg_label, shown.label) == ("right", "next leg", "switch legs")
    assert shown.big_count == "10"


def test_the_switch_template_comes_from_the_program() -> None:
    text = PROGRAM_TEXT.replace(
        'switch_legs = "Switch to your {leg} leg."', 'switch_legs = "Now the {leg} one."'
    )
    run = Run.begin(parse_program(text), step=1)
    run.send(Tick(), rep_at(16) + 0.01)
    assert run.says()[-1].text == "Now the left one."


# --- the cadence -------------------------------------------------------------------------------


def test_plus_stops_at_the_programs_fastest_and_the_change_is_exposed() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 8.0)
    assert run.state.adjusted_cadences == {}
    for _ in range(20):
        run.send(AdjustCadence(-PROGRAM.timing.cadence_step))
    assert run.state.cadence() == 0.8
    assert run.state.adjusted_cadences == {"hop_up": 0.8}
    run.run(until=T0 + 12.0)
    gaps = {
        round(b.at - a.at, 6)
        for a, b in zip(run.cues(CueKind.REP)[1:], run.cues(CueKind.REP)[2:], strict=False)
    }
    assert gaps == {0.8}


def test_an_exercise_can_have_limits_of_its_own() -> None:
    text = PROGRAM_TEXT.replace(
        'cue = "Single leg forward hop"\ncadence = 2.5',
        'cue = "Single leg forward hop"\ncadence = 2.5\ncadence_min = 2.0',
    )
    program = parse_program(text)
    assert program.cadence_limits("forward_hop") == (2.0, 6.0)
    assert program.cadence_limits("hop_up") == (0.8, 6.0)


def test_a_settings_scale_is_kept_within_the_limits() -> None:
    run = Run.begin(step=1, settings=Settings(sore_side="right", cadence_scale=0.5))
    assert run.state.cadence("hop_up") == 0.8  # 0.6 would be too fast to hop
    assert run.state.cadence("forward_hop") == 1.25


def test_a_cadence_outside_its_limits_is_a_mistake_in_the_file() -> None:
    with pytest.raises(
        ProgramError, match=r"'hop_up' has cadence 1\.2 s per rep, outside its limits"
    ):
        parse_program(PROGRAM_TEXT.replace("cadence_min = 0.8", "cadence_min = 1.5"))


def test_skip_during_the_lead_in_goes_straight_to_go() -> None:
    run = Run.begin(step=1)
    run.run(until=rep_at(2) + 0.1)
    run.send(Pause())
    run.send(Resume(), T0 + 30.0)
    effects = run.send(Skip(), T0 + 30.5)
    assert texts(says(effects)) == ["go"]
    run.send(Tick(), T0 + 30.5 + CADENCE)
    assert run.says()[-1].text == "3"
    assert run.send(Tick(), run.now) == []
