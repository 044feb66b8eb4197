"""The words the voice renders ahead are the engine's own, for a whole session."""

from __future__ import annotations

import datetime as dt

from session.progression import prescribe
from session.records import Settings
from store.program_file import load_program
from tui.voice.phrases import program_phrases, session_phrases

PROGRAM = load_program()
NOW = dt.datetime(2025, 3, 10, 9, 30, tzinfo=dt.UTC)


def test_a_whole_session_is_walked_and_every_cue_of_it_is_prepared() -> None:
    settings = Settings(sore_side="right")
    rx = prescribe(PROGRAM, [], [], NOW)
    said = session_phrases(PROGRAM, rx, settings)
    first = PROGRAM.exercise(rx.exercises[0])
    assert said[0] == PROGRAM.words.announce.format(
        exercise=first.cue, leg="Right", set=1, sets=rx.sets
    )
    assert {"15", "Switch to your left leg.", PROGRAM.words.pain_question} <= set(said)
    assert said[-1] == PROGRAM.words.session_done  # the walk reached the end
    assert len(said) == len(set(said))


def test_the_common_phrases_are_words_not_templates() -> None:
    assert not any("{" in phrase for phrase in program_phrases(PROGRAM))
