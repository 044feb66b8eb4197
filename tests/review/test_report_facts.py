"""The physio report's facts and words (session.report_facts): one reading of the history that
shows everything, in the physio's words."""

from __future__ import annotations

from session.records import SessionStatus
from session.report_facts import (
    adherence_text,
    checkin_lines,
    review_facts,
    sessions_text,
    started_early_lines,
    unfinished_lines,
    usual_text,
)
from tests.review.builders import at, calm_mornings, morning, session, summaries
from tests.review.conftest import NOW, PROGRAM, history


def test_the_report_data_shows_unfinished_and_early_sessions() -> None:
    done = session(1, at(0))
    early = session(2, at(1)).model_copy(update={"started_early": True})
    killed = session(3, at(3), pains=(2, 3), status=SessionStatus.IN_PROGRESS)
    facts = review_facts(PROGRAM, summaries([done, early, killed]), [], at(3, 21))
    assert [r.id for r in facts.rows] == [killed.id, early.id, done.id]
    assert sessions_text(facts.rows) == (
        "3 (2 completed, 0 stopped for pain, 0 ended early, 1 unfinished), "
        "26 May 2025 to 29 May 2025"
    )
    assert unfinished_lines(facts.rows) == [
        "Thu 29 May 2025: Circuit 2, first session: 1 x 15, unfinished: 2 of 3 sets saved"
    ]
    assert started_early_lines(facts.rows, PROGRAM) == [
        "Tue 27 May 2025: Circuit 1, third session: 3 x 15, started before the 24 h rest was over"
    ]


def test_adherence_speaks_of_training_days() -> None:
    sessions = [session(1, at(0)), session(2, at(0, 19)), session(3, at(2)), session(4, at(7))]
    facts = review_facts(PROGRAM, summaries(sessions), [], at(8, 9))
    assert adherence_text(facts.weeks, facts.streaks) == (
        "2 of 3 planned training days in the 1 week before this one; this week 1 of 3 training "
        "days so far; 0 full weeks in a row (longest 0)"
    )


def test_checkin_notes_and_stiffness_against_the_runners_usual() -> None:
    mon = session(4, at(0))
    earlier = [c.model_copy(update={"stiffness_minutes": 10}) for c in calm_mornings(0, pain=2)]
    tue = morning(1, 4).model_copy(update={"stiffness_minutes": 20, "note": "tight on the stairs"})
    evening = morning(0, 6, hour=21).model_copy(update={"note": "sore after hopping"})
    facts = review_facts(PROGRAM, summaries([mon]), [*earlier, evening, tue], at(1, 9))
    lines = checkin_lines(facts.book, notes_only=True)
    assert [line.text for line in lines] == [
        "Tue 27 May 2025: 4/10 (the runner's usual 2/10, 2 above it), stiffness 20 min "
        "(usual 10 min), a flare; note: “tight on the stairs”",
        "Mon 26 May 2025: 6/10, not counted as a morning (entered at 21:30, after that day's "
        "session at 18:00: not clear that it is about that morning); note: “sore after hopping”",
    ]
    assert usual_text(facts.book, at(1).date()) == (
        "the runner's usual morning pain is 2/10 (median of the last 7 mornings); usual morning "
        "stiffness 10 minutes"
    )
    assert len(checkin_lines(facts.book)) == 9


def test_the_physio_words_never_say_your_normal() -> None:
    sessions, checkins = history()
    facts = review_facts(PROGRAM, summaries(sessions), checkins, NOW)
    words = [
        *(b.what for b in facts.setbacks),
        *(b.action for b in facts.setbacks),
        *(line.text for line in checkin_lines(facts.book)),
        usual_text(facts.book, NOW.date()),
        adherence_text(facts.weeks, facts.streaks),
    ]
    assert facts.setbacks and all("normal" not in w and "your" not in w for w in words)
    assert any("the runner's usual morning pain" in b.what for b in facts.setbacks)
