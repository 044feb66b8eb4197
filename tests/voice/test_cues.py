"""The speech queue: urgent first, FIFO among equals, stale cues dropped, rep numbers superseded."""

from __future__ import annotations

import threading

from session.effects import CueKind, Priority
from tui.voice.cues import CueQueue


def drain(q: CueQueue, now: float) -> list[str]:
    said = []
    while (cue := q.take(now).cue) is not None:
        said.append(cue.text)
        q.done()
    return said


def test_urgent_first_then_first_in_first_out() -> None:
    q = CueQueue()
    for text, prio in [
        ("low", Priority.LOW),
        ("n1", Priority.NORMAL),
        ("high", Priority.HIGH),
        ("n2", Priority.NORMAL),
        ("stop", Priority.URGENT),
        ("n3", Priority.NORMAL),
    ]:
        q.put(text, prio, None, None, now=0.0)
    assert drain(q, 0.0) == ["stop", "high", "n1", "n2", "n3", "low"]


def test_a_cue_that_went_stale_in_the_queue_is_dropped_not_said() -> None:
    q = CueQueue()
    q.put("rest, sixty seconds", Priority.NORMAL, None, None, now=0.0)
    q.put("seven", Priority.NORMAL, 1.0, None, now=0.0)
    q.put("eight", Priority.NORMAL, 2.0, None, now=0.0)
    taken = q.take(now=1.5)
    assert taken.cue is not None and taken.cue.text == "rest, sixty seconds"
    assert [c.text for c in taken.stale] == ["seven"]
    q.done()
    assert drain(q, 1.5) == ["eight"]


def test_stale_at_is_exclusive() -> None:
    q = CueQueue()
    q.put("seven", Priority.NORMAL, 1.0, None, now=0.0)
    assert q.take(now=1.0).cue is None


def test_a_newer_rep_number_supersedes_pending_ones_but_not_other_cues() -> None:
    q = CueQueue()
    q.put("switch legs", Priority.NORMAL, 9.0, CueKind.SWITCH_LEGS, now=0.0)
    assert q.put("one", Priority.NORMAL, 9.0, CueKind.REP, now=0.0) == ()
    q.put("two", Priority.NORMAL, 9.0, CueKind.REP, now=0.1)
    superseded = q.put("three", Priority.NORMAL, 9.0, CueKind.REP, now=0.2)
    assert [c.text for c in superseded] == ["two"]
    assert drain(q, 0.3) == ["switch legs", "three"]


def test_cues_that_must_be_said_are_never_superseded() -> None:
    q = CueQueue()
    q.put("one", Priority.NORMAL, None, CueKind.REP, now=0.0)
    assert q.put("two", Priority.NORMAL, None, CueKind.REP, now=0.1) == ()
    assert drain(q, 99.0) == ["one", "two"]


def test_wait_idle_waits_for_the_cue_in_flight() -> None:
    q = CueQueue()
    q.put("x", Priority.NORMAL, None, None, now=0.0)
    assert q.take(0.0).cue is not None
    assert not q.wait_idle(0.01)
    threading.Timer(0.05, q.done).start()
    assert q.wait_idle(2.0)


def test_clear_counts_pending() -> None:
    q = CueQueue()
    for i in range(3):
        q.put(str(i), Priority.NORMAL, None, None, now=0.0)
    assert q.clear() == 3
    assert len(q) == 0 and q.wait_idle(0.01)
