"""A full disk at the end of a functional test coached by voice: the result is kept and retried,
as a session's sets are (tui.coach.saving), and the screen tells the truth meanwhile.

The real app (Pilot) on a real data folder on a real small file system (tests.smallfs), filled
while the runner does the heel raises. Before the merge of issue 12 with the tests, the screen
said "Could not save the result" and the result was gone, while the voice had said "Test done
and saved.". Now the voice says "Test done." (it is said before the save), the screen says the
result is not saved yet and why, it is saved once there is room, and then it is shown as saved.
"""

from __future__ import annotations

import datetime as dt

from store import Store
from tests.pilot import press, wait_for
from tests.running.test_screens import move, open_trial, text
from tests.smallfs import fill, free, small_filesystem
from tests.tui.conftest import FIXED_NOW, RIGHT_SORE, T0, ManualClock, Rig, RigFactory
from tui.app import make_app
from tui.coach.saving import SaveLedger
from tui.voice import RecordingVoice


async def test_a_test_result_not_saved_on_a_full_disk_is_said_kept_and_saved_later(
    make_rig: RigFactory,
) -> None:
    clock = ManualClock()
    voice = RecordingVoice(clock=clock.now)
    with small_filesystem(make_rig.tmp_path / "disk", kilobytes=256) as disk:
        data_dir = disk / "data"
        with Store.open(data_dir) as store:
            store.save_settings(RIGHT_SORE)
        app = make_app(
            data_dir=data_dir,
            clock=clock,
            wall=lambda: FIXED_NOW + dt.timedelta(seconds=clock.t - T0),
            voice_factory=lambda settings, on_status: voice,
        )
        services = app.services  # a failed save is tried again after 0.3 s, not 10
        services.results = SaveLedger.results(services.coach.save_result, retry_every=0.3)
        make_rig.made.append(Rig(app, services, voice, clock, data_dir))
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_trial(pilot, "1")
            await move(pilot, clock, 11.5)
            await press(pilot, "space")  # the right leg: 2 raises
            fill(disk)
            await move(pilot, clock, 34.7)
            await press(pilot, "k")  # the left leg: 3, and the test is over
            await wait_for(
                pilot,
                lambda: text(screen, "#t-result").startswith("Not saved yet: 1 test result."),
                what="the result line to say it is not saved",
            )
            line = text(screen, "#t-result")
            assert "No space left on device" in line and "tried again every 0.3 s" in line
            assert voice.texts[-1] == "Sore side 2, other side 3: 67 percent. Test done."
            assert screen.saved is None
            with Store.open(data_dir, write=False) as store:
                assert store.results() == []
            free(disk)
            await wait_for(
                pilot, lambda: screen.saved is not None, timeout=10, what="the retry to save it"
            )
            assert text(screen, "#t-result").startswith("Saved: left 3, right 2.")
        services.close()  # before the small file system goes
        assert services.unsaved is None  # nothing to say on the way out: it is all on disk
        with Store.open(data_dir, write=False) as store:
            (result,) = store.results()
        assert (result.kind, result.left, result.right) == ("heel_raise", 3, 2)
