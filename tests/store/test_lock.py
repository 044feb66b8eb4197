"""One writer at a time (filelock on achilles.lock); readers never wait and always open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from store import Store, StoreLocked
from tests.store.helpers import finished, in_progress

ROOT = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from store import Store
    store = Store.open(Path(sys.argv[1]))
    print("locked", flush=True)
    time.sleep(60)
    """
)


def _holder(folder: Path) -> subprocess.Popen[str]:
    """Another process (another terminal's achilles) holding the writer's lock."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_a_second_writer_in_this_process_is_told_achilles_is_already_running(
    tmp_path: Path,
) -> None:
    with (
        Store.open(tmp_path),
        pytest.raises(StoreLocked, match="already running in another terminal"),
    ):
        Store.open(tmp_path)
    with Store.open(tmp_path) as store:  # released on close
        assert store.writable


def test_a_writer_in_another_process_locks_out_writers_but_not_readers(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.save_session(finished("s1"))
    proc = _holder(tmp_path)
    try:
        with pytest.raises(StoreLocked) as info:
            Store.open(tmp_path)
        assert "already running in another terminal" in str(info.value)
        assert "achilles export" in str(info.value)  # says what still works
        with Store.open(tmp_path, write=False) as reader:
            assert [s.id for s in reader.sessions()] == ["s1"]
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_the_lock_dies_with_its_process(tmp_path: Path) -> None:
    """A crashed or killed achilles never leaves the history locked for ever."""
    proc = _holder(tmp_path)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store.open(tmp_path) as store:
        store.save_session(in_progress("s1"))
        assert store.unfinished() is not None


def test_a_failed_open_releases_the_lock(tmp_path: Path) -> None:
    (tmp_path / "live.json").write_text("not json")
    with pytest.raises(Exception, match="could not be read"):
        Store.open(tmp_path, on_corrupt="refuse")
    with Store.open(tmp_path, on_corrupt="move_aside") as store:
        assert len(store.notices) == 1
