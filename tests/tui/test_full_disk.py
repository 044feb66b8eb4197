"""A full disk during a session: the summary and the exit tell the truth, and no set is dropped.

The app runs on a real data folder on a real small file system (a tmpfs, tests.smallfs) that is
filled up once the session has started. Before issue 12 each failed save showed a toast, and the
summary then said "Every finished set is saved" and the app exited 0 while the last sets were
not on disk. Now the unsaved record is kept in memory and saved again every few seconds (here
0.3 s): the summary says what is not saved yet and why; once space is back it says every set is
saved, and the sets are on disk; quitting before that says, on the way out, what was lost.
"""

from __future__ import annotations

from pathlib import Path

from tests.pilot import wait_for
from tests.smallfs import fill, free, small_filesystem
from tests.tui.conftest import Rig, RigFactory, start_workout
from tests.tui.test_session_flow import SCALE, quit_from_summary, rate_sets, stored, text_of
from tui.clock import EngineClock
from tui.coach.saving import SaveLedger
from tui.screens.summary import SummaryScreen


def _rig(make_rig: RigFactory, data_dir: Path) -> Rig:
    rig = make_rig(EngineClock.started(SCALE), data_dir=data_dir)
    services = rig.services  # a failed save is tried again after 0.3 s, not 10: a short test
    services.saves = SaveLedger(services.coach.save_session, retry_every=0.3)
    return rig


async def test_sets_not_saved_on_a_full_disk_are_said_kept_and_saved_once_there_is_room(
    make_rig: RigFactory, tmp_path: Path
) -> None:
    with small_filesystem(tmp_path / "disk", kilobytes=256) as disk:
        rig = _rig(make_rig, disk / "data")
        app = rig.app
        async with app.run_test(size=(100, 30)) as pilot:
            await start_workout(pilot)
            fill(disk)  # the disk is full from the first set on
            await rate_sets(pilot, [1, 2, 1], timeout=30)
            assert isinstance(app.screen, SummaryScreen)
            assert text_of(app, "#summary-status") == "Session complete. Well done."
            await wait_for(
                pilot,
                lambda: text_of(app, "#summary-saved").startswith("Not saved yet"),
                what="the save line to say the sets are not saved",
            )
            line = text_of(app, "#summary-saved")
            assert "3 finished set(s)" in line and "No space left on device" in line
            assert "tried again every 0.3 s" in line
            assert [len(s.sets) for s in stored(disk / "data")] == [0]  # on disk: the start only
            free(disk)
            await wait_for(
                pilot,
                lambda: text_of(app, "#summary-saved") == "Every finished set is saved.",
                timeout=10,
                what="the retry to save the sets",
            )
            (record,) = stored(disk / "data")
            assert record.finished and [s.pain for s in record.sets] == [1, 2, 1]
            await quit_from_summary(pilot)
        rig.services.close()
        assert rig.services.unsaved is None


async def test_quitting_with_sets_still_unsaved_says_so_on_the_way_out(
    make_rig: RigFactory, tmp_path: Path
) -> None:
    with small_filesystem(tmp_path / "disk", kilobytes=256) as disk:
        rig = _rig(make_rig, disk / "data")
        app = rig.app
        async with app.run_test(size=(100, 30)) as pilot:
            await start_workout(pilot)
            fill(disk)
            await rate_sets(pilot, [1, 2, 1], timeout=30)
            await wait_for(
                pilot,
                lambda: text_of(app, "#summary-saved").startswith("Not saved yet"),
                what="the save line to say the sets are not saved",
            )
            await quit_from_summary(pilot)
        rig.services.close()  # the last try fails too: the disk is still full
        farewell = rig.services.unsaved
        assert farewell is not None
        assert farewell.startswith("NOT SAVED: 3 finished set(s) could not be written")
        assert "No space left on device" in farewell
        free(disk)
        (record,) = stored(disk / "data")
        assert not record.finished and record.sets == ()  # what was saved before is intact
