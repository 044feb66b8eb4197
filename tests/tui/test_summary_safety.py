"""The Summary never treats high pain lightly, and a rating can be corrected on it (issue 11):
through the real app on a manual clock (every cue exact) or at a high time scale, on a real
store, with a recording voice."""

from __future__ import annotations

from session.effects import CueKind, Priority
from session.records import SessionStatus
from store import Store
from store.program_file import load_program
from tests.pilot import footer_keys, press, text_of, wait_for
from tests.tui.conftest import T0, ManualClock, RigFactory, move_to, start_workout
from tests.tui.test_session_flow import SCALE, rate_sets
from tui.clock import EngineClock
from tui.screens.pain import PainScreen
from tui.screens.rating import RatingScreen
from tui.screens.summary import SummaryScreen
from tui.voice import RecordingVoice

PROGRAM = load_program()
FLAGS = PROGRAM.red_flags
REST = T0 + 60.4  # the first set over (hop up, both legs): its rating is asked


def red_flag_lines() -> list[str]:
    return [FLAGS.heading, *(f"• {sign}" for sign in FLAGS.signs)]


async def test_a_stop_through_x_says_and_shows_the_red_flags_once(make_rig: RigFactory) -> None:
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await start_workout(pilot)
        await move_to(pilot, clock, T0 + 6 + 1.2 * 4 + 0.5)
        await press(pilot, "x")
        assert isinstance(app.screen, PainScreen)
        await press(pilot, "3")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the summary")
        assert text_of(app, "#summary-status") == "Stopped for pain: no more load today."
        assert "setback" not in text_of(app, "#summary-status")
        assert text_of(app, "#summary-redflags").splitlines() == [FLAGS.spoken, *red_flag_lines()]
        assert app.screen.query_one("#summary-advice").has_class("hidden")  # 3/10: safe
        said = [(text, prio) for _, text, prio in rig.voice.spoken]
        assert said.count((FLAGS.spoken, Priority.URGENT)) == 1
        assert [t for t, _ in said][-2:] == [FLAGS.spoken, PROGRAM.words.stop_for_pain]
        assert rig.voice.kinds[-2:] == [CueKind.RED_FLAG, CueKind.STOP]
        assert rig.voice.dropped == 0
    rig.services.close()


async def test_a_high_rating_shows_the_advice_and_the_red_flags(make_rig: RigFactory) -> None:
    """8/10 stops the session once its grace is over: the zone's advice (get it checked) and the
    red flags are on the Summary; the spoken red-flag line is for a stop through x."""
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await start_workout(pilot)
        await move_to(pilot, clock, REST + 3)
        await press(pilot, "8")
        await move_to(pilot, clock, REST + 3 + PROGRAM.timing.stop_grace + 0.1)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the summary")
        assert text_of(app, "#summary-advice") == PROGRAM.zone_for(8).advice
        assert "get it checked by a physio or doctor" in text_of(app, "#summary-advice")
        assert text_of(app, "#summary-redflags").splitlines() == red_flag_lines()
        assert FLAGS.spoken not in [text for _, text, _ in rig.voice.spoken]
    rig.services.close()


async def test_u_on_the_summary_corrects_the_last_rating(make_rig: RigFactory) -> None:
    """A 6 that stopped the session, meant as 4: u on the Summary changes it. The change is kept
    in the record, shown, the next session worked out again and said. A stop stays a stop."""
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await start_workout(pilot)
        await move_to(pilot, clock, REST + 3)
        await press(pilot, "6")
        await move_to(pilot, clock, REST + 3 + PROGRAM.timing.stop_grace + 0.1)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the summary")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        await wait_for(pilot, lambda: summary.next is not None, what="the next session")
        assert "u Change last rating" in footer_keys(app)
        await press(pilot, "u")
        assert isinstance(app.screen, RatingScreen)
        assert text_of(app, "#rating-question") == (
            "The last set was rated 6/10. What should its rating be?"
        )
        await press(pilot, "4")
        await wait_for(
            pilot,
            lambda: not summary.query_one("#summary-change").has_class("hidden"),
            what="the change to show",
        )
        assert app.screen is summary
        assert text_of(app, "#summary-change").splitlines() == [
            "The last set's rating is now 4/10 (it was 6/10). The change is kept in your "
            "history, with when it was made.",
            "The session stopped for pain, so it still counts as stopped: the next session is "
            "set from that stop.",
            "Next session stays at Circuit 1, first session: 1 x 15.",
        ]
        assert text_of(app, "#summary-line").endswith("highest pain 4/10")
        table = summary.query_one("#summary-table")
        assert str(table.get_row_at(0)[-1]) == "4 acceptable (was 6)"  # type: ignore[attr-defined]
        assert text_of(app, "#summary-next").startswith(
            "Next session: Circuit 1, first session: 1 x 15"
        )
        assert rig.voice.spoken[-1][1:] == (
            "Rating changed to 4. Next session stays at Circuit 1, first session: 1 x 15.",
            Priority.HIGH,
        )
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        (record,) = store.sessions()
    assert record.status is SessionStatus.STOPPED_FOR_PAIN
    (first,) = record.sets
    assert first.pain == 4 and [(c.old, c.new) for c in first.pain_changes] == [(6, 4)]


async def test_a_rating_corrected_upwards_dials_the_next_session_back(
    make_rig: RigFactory,
) -> None:
    rig = make_rig(EngineClock.started(SCALE))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await start_workout(pilot)
        await rate_sets(pilot, [2, 4, 1])
        assert text_of(app, "#summary-next").startswith(
            "Next session: Circuit 1, second session: 2 x 15"
        )
        await press(pilot, "u")
        assert isinstance(app.screen, RatingScreen)
        await press(pilot, "escape")  # keep it: nothing changes
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.query_one("#summary-change").has_class("hidden")
        await press(pilot, "u", "7")
        await wait_for(
            pilot,
            lambda: text_of(app, "#summary-next").startswith(
                "Next session: Circuit 1, first session: 1 x 15"
            ),
            what="the next session worked out again",
        )
        assert text_of(app, "#summary-change").splitlines()[1:] == [
            PROGRAM.zone_for(7).advice,
            "Next session dialled back to Circuit 1, first session: 1 x 15 (it was Circuit 1, "
            "second session: 2 x 15).",
        ]
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        (record,) = store.sessions()
    assert record.status is SessionStatus.COMPLETED
    assert [s.pain for s in record.sets] == [2, 4, 7]
    assert [(c.old, c.new) for c in record.sets[-1].pain_changes] == [(1, 7)]
