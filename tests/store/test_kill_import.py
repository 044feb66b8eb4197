"""A real import killed (SIGKILL) at random moments: the history is never torn, never half a file.

A child process opens the store and imports an export of 72 sessions over twelve months, their
check-ins and settings, the way `achilles import` does (validated, staged, committed together).
The parent kills it at a random moment of the import, then checks the data folder as a reader
and as a writer would find it: it opens with no notice (nothing damaged), what was there before
is there unchanged, and what the import added is whole files in the commit's order (months oldest
first, then the check-ins, then the settings): each month file has all of its imported sessions
or none. Then the same import, not killed, completes it: every record once. The counts of where
the kills landed are printed (`-s`) and checked to have teeth.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest

from session.records import Settings
from store import Store
from store.exchange import build_export
from store.program_file import load_program
from tests.store.helpers import START, checkin, finished, snapshot

KILLS = 30
PROGRAM = load_program()
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork and SIGKILL")


def _export() -> dict[str, object]:
    sessions = [finished(f"i{n:02d}", START + dt.timedelta(days=5 * n), seed=n) for n in range(72)]
    checkins = [checkin(s.started_at.date() + dt.timedelta(days=1)) for s in sessions]
    return build_export(Settings(sore_side="left"), sessions, checkins, NOW)


def _base(folder: Path) -> None:
    """A history that was there before the import: one session, no settings."""
    with Store.open(folder) as store:
        store.save_session(finished("mine", START - dt.timedelta(days=30)))


def _child(folder: Path, export: dict[str, object], pipe: int) -> None:
    store = Store.open(folder)
    os.write(pipe, b"open\n")
    store.import_json(export, now=NOW, program=PROGRAM)
    os.write(pipe, b"done\n")
    store.close()


def _run(folder: Path, export: dict[str, object], delay: float | None) -> list[str]:
    """Fork an importer; kill it `delay` s after it opened the store (None: let it finish)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.close(read_end)
            _child(folder, export, write_end)
        except BaseException as exc:
            os.write(write_end, f"error {exc!r}\n".encode())
            code = 3
        finally:
            os._exit(code)
    os.close(write_end)
    received = b""
    while b"open" not in received:
        chunk = os.read(read_end, 4096)
        if not chunk:
            break
        received += chunk
    if delay is not None:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    while chunk := os.read(read_end, 65536):
        received += chunk
    os.close(read_end)
    lines = received.decode().splitlines()
    assert not [line for line in lines if line.startswith("error")], lines
    if delay is None:
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    return lines


def test_a_killed_import_leaves_whole_files_in_order_and_completes_when_run_again(
    tmp_path: Path,
) -> None:
    export = _export()
    base = tmp_path / "base"
    _base(base)
    before = snapshot(base)
    # How long an import takes here, to spread the kills over it.
    timing = tmp_path / "timing"
    shutil.copytree(base, timing)
    started = time.monotonic()
    _run(timing, export, None)
    took = time.monotonic() - started
    with Store.open(timing, write=False) as store:
        by_month: dict[str, set[str]] = {}
        for s in store.sessions():
            if s.id != "mine":
                by_month.setdefault(f"{s.started_at.astimezone(dt.UTC):%Y-%m}", set()).add(s.id)
    months = sorted(by_month)
    assert len(months) == 12

    rng = random.Random(12)
    landed = {"before writing": 0, "while staging": 0, "mid-commit": 0, "after": 0}
    for run in range(KILLS):
        folder = tmp_path / f"run{run}"
        shutil.copytree(base, folder)
        lines = _run(folder, export, rng.uniform(0, took * 1.1))
        temps = list(folder.rglob(".*.tmp"))
        mine = "history/2025-02.json"  # the month of the session there before: not imported into
        assert snapshot(folder)[mine] == before[mine], f"run {run}: an earlier month changed"
        with Store.open(folder, write=False) as reader:
            assert reader.notices == [], f"run {run}: {reader.notices}"
            ids = {s.id for s in reader.sessions()}
            checkins = reader.checkins()
        assert "mine" in ids, f"run {run}: what was there before is gone"
        whole = [m for m in months if by_month[m] <= ids]
        assert all(not (by_month[m] & ids) for m in months if m not in whole), f"run {run}: torn"
        assert whole == months[: len(whole)], f"run {run}: months out of order: {whole}"
        assert not checkins or len(whole) == 12, f"run {run}: check-ins before the months"
        if "done" in lines or (len(whole) == 12 and checkins):
            landed["after"] += 1
        elif whole:
            landed["mid-commit"] += 1
        elif temps:
            landed["while staging"] += 1
        else:
            landed["before writing"] += 1  # opening, validating
        with Store.open(folder) as writer:  # opens clean (removes the temporary files) ...
            assert writer.notices == []
            writer.import_json(export, now=NOW, program=PROGRAM)  # ... and completes the import
        with Store.open(folder, write=False) as store:
            assert len(store.sessions()) == 73 and len(store.checkins()) == 72
            assert store.settings().sore_side == "left"
        assert {k: v for k, v in snapshot(folder).items() if k in before}.keys() >= set()
        shutil.rmtree(folder)
    print(f"import killed {KILLS} times over {took * 1000:.0f} ms: {landed}")
    assert landed["while staging"] >= 5, landed  # the kills had teeth
