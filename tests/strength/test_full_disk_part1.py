"""Part 1's calf raises on a full disk: the save ledger (tui.coach.saving) counts them as the
finished sets they are, keeps them and saves them once there is room.

A session of calf raises alone (the program's "separate" days) has no hop sets: counted by its
hop sets, its save line would say "Every finished set is saved" or "the end of the session" while
six sets were not on disk. The store is real, on a real small file system (tests.smallfs).
"""

from __future__ import annotations

import time
from concurrent.futures import Future
from pathlib import Path

from session.records import SessionRecord, Settings
from store import Store
from tests.smallfs import fill, free, small_filesystem
from tests.strength.test_coach import runner_at
from tui.coach.saving import SaveLedger


def _calf_raises_alone(folder: Path) -> SessionRecord:
    """A real session of both parts (the coach and the engine), as the same day's calf raises
    alone: its part 1, no hops."""
    for runner in runner_at(folder, Settings(sore_side="right")):
        record = runner.train(0, loads={"standing_calf_raise": 2.5})
    doc = record.model_dump(mode="json")
    return SessionRecord.model_validate({**doc, "id": "part1", "parts": ["strength"], "sets": []})


def test_unsaved_calf_raises_are_counted_kept_and_saved_once_there_is_room(tmp_path: Path) -> None:
    record = _calf_raises_alone(tmp_path / "trained")
    assert record.sets == () and len(record.strength_sets) == 6
    with small_filesystem(tmp_path / "disk", kilobytes=256) as disk:
        with Store.open(disk / "data") as store:

            def save(r: SessionRecord) -> Future[None]:  # on this thread: the real store
                done: Future[None] = Future()
                try:
                    store.save_session(r)
                except Exception as exc:
                    done.set_exception(exc)
                else:
                    done.set_result(None)
                return done

            ledger = SaveLedger(save, retry_every=0.2)
            fill(disk)
            ledger.save(record)
            status = ledger.status(record.id)
            assert status is not None and not status.saved
            assert (status.sets, status.saved_sets) == (6, 0)
            words = status.words()
            assert words.startswith("Not saved yet: 6 finished set(s).")
            assert "No space left on device" in words
            free(disk)
            deadline = time.monotonic() + 10
            while not (s := ledger.status(record.id)) or not s.saved:
                assert time.monotonic() < deadline, "the retry never saved the calf raises"
                time.sleep(0.05)
            assert s.words() == "Every finished set is saved."
            assert ledger.close() == []
        with Store.open(disk / "data", write=False) as store:
            (saved,) = store.sessions()
        assert saved.strength_sets == record.strength_sets
