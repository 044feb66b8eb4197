"""When the app cannot start it leaves plainly, with the reason and an exit status: another
achilles holds the history (1), or the program file is invalid (2, named before the history is
touched). Through the real app, on a real store in tmp_path."""

from __future__ import annotations

from pathlib import Path

from store import Store
from tests.pilot import leaving, wait_for
from tui.app import make_app
from tui.services import silent_voice


async def test_the_history_held_by_another_achilles_exits_1(tmp_path: Path) -> None:
    app = make_app(data_dir=tmp_path, voice_factory=silent_voice)
    try:
        with Store.open(tmp_path):  # the other achilles, still recording
            async with app.run_test(size=(80, 24)) as pilot:
                await wait_for(pilot, lambda: leaving(app), what="the app to give up")
    finally:
        app.services.close()
    assert app.return_code == 1


async def test_an_invalid_program_file_exits_2_and_leaves_the_history_alone(
    tmp_path: Path,
) -> None:
    program = tmp_path / "program.toml"
    program.write_text("[rules]\nmorning_normal_window = 0\n", encoding="utf-8")
    data = tmp_path / "data"
    app = make_app(data_dir=data, program=program, voice_factory=silent_voice)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: leaving(app), what="the app to give up")
    finally:
        app.services.close()
    assert app.return_code == 2
    assert not data.exists()  # the program was read first: no folder, no lock, no file
