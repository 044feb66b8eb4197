"""Never lose a set: kill a writing process at random moments, many times, and reopen each time.

A child process opens the store and records sessions the way the app does: a save at the start,
one after every set, one when finished, then the next morning's check-in; a session left
unfinished by an earlier kill is first closed as ended early. After each save returns it reports
it on a pipe. The parent kills it (SIGKILL) at a random moment, then opens the store: it must open
with no notice (nothing damaged), and hold every save ever reported, exactly as saved (or the next
save of that session, which may have completed unreported). Its session summaries (from the
summary index, which a kill may leave stale) must equal those of the full records, for a reader
and for a writer, which leaves the index current. The history accumulates over all runs, so a kill
must also never damage what earlier runs saved.

The child is forked from the test process (its imports already done) so that each run costs
milliseconds, not an interpreter start; it is a separate process all the same, killed with SIGKILL.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import time
from pathlib import Path

import pytest

from session.records import SessionRecord, SessionStatus
from store import Store
from store.schema import Fingerprint, IndexFile
from tests.store.helpers import START, checkin, states

KILLS = 50

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork and SIGKILL")


def _start(run: int, n: int) -> dt.datetime:
    """Runs spread over months, so finishing creates month files as well as appending to them."""
    return START + dt.timedelta(days=5 * run + n)


def _ended_early(record: SessionRecord) -> SessionRecord:
    end = record.sets[-1].ended_at if record.sets else record.started_at
    return record.model_copy(update={"status": SessionStatus.ENDED_EARLY, "ended_at": end})


def _writer(folder: Path, run: int, pipe: int) -> None:
    """The child: record sessions until killed, reporting each save after it returns."""

    def report(line: str) -> None:
        os.write(pipe, f"{line}\n".encode())

    store = Store.open(folder)
    report("open")
    leftover = store.unfinished()
    while leftover is not None:
        store.save_session(_ended_early(leftover))
        leftover = store.unfinished()
    for n in range(100):
        sid = f"r{run:02d}-{n:02d}"
        for k, state in enumerate(states(sid, _start(run, n), seed=run * 100 + n)):
            store.save_session(state)
            report(f"save {sid} {k}")
        day = _start(run, n).date() + dt.timedelta(days=1)
        store.add_checkin(checkin(day, pain=run % 11))
        report(f"checkin {day.isoformat()} {run % 11}")


def _run_child(folder: Path, run: int, delay: float, wait_for_save: bool) -> list[str]:
    """Fork a writer, kill it `delay` seconds later (or after its first reported save), and
    return the lines it reported."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; coverage does not follow it
        code = 0
        try:
            os.close(read_end)
            _writer(folder, run, write_end)
        except BaseException as exc:
            os.write(write_end, f"error {exc!r}\n".encode())
            code = 3
        finally:
            os._exit(code)
    os.close(write_end)
    received = b""
    if wait_for_save:
        while b"save" not in received:
            chunk = os.read(read_end, 4096)
            if not chunk:
                break
            received += chunk
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    while chunk := os.read(read_end, 65536):
        received += chunk
    os.close(read_end)
    lines = received.decode().splitlines()
    errors = [line for line in lines if line.startswith("error")]
    assert not errors, errors
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return lines


def test_a_killed_writer_never_loses_a_reported_save_nor_damages_the_store(
    tmp_path: Path,
) -> None:
    rng = random.Random(20250303)
    accepted: dict[str, list[SessionRecord]] = {}  # what each reported session may look like
    checkins: dict[dt.date, int] = {}
    saves = mid_write = 0
    for run in range(KILLS):
        lines = _run_child(tmp_path, run, rng.uniform(0.0, 0.1), wait_for_save=run % 5 != 0)
        if list(tmp_path.rglob(".*.tmp")):
            mid_write += 1  # killed between writing a temp file and renaming it
        for line in lines:
            kind, *rest = line.split()
            if kind == "save":
                sid, k = rest[0], int(rest[1])
                run_no, n = (int(x) for x in sid[1:].split("-"))
                all_states = states(sid, _start(run_no, n), seed=run_no * 100 + n)
                may_be = all_states[k : k + 2]
                accepted[sid] = may_be + [_ended_early(s) for s in may_be]
                saves += 1
            elif kind == "checkin":
                checkins[dt.date.fromisoformat(rest[0])] = int(rest[1])

        # A reader first, before a writer repairs what the kill left (a stale summary index, a
        # session in both its month and live.json): its summaries must already be right.
        with Store.open(tmp_path, write=False) as reader:
            assert reader.notices == [], f"run {run}: {reader.notices}"
            summaries = reader.summaries()
            assert summaries == [s.summary() for s in reader.sessions()], f"run {run}"
        with Store.open(tmp_path) as store:
            assert store.notices == [], f"run {run}: {store.notices}"
            summaries = store.summaries()  # from the index, before any month file is read
            by_id = {s.id: s for s in store.sessions()}
            assert len(by_id) == len(store.sessions())
            assert summaries == [s.summary() for s in store.sessions()], f"run {run}"
            for sid, may_be in accepted.items():
                assert sid in by_id, f"run {run}: reported session {sid} is gone"
                assert by_id[sid] in may_be, f"run {run}: session {sid} is not as saved"
            stored_checkins = {c.day: c.pain for c in store.checkins()}
            for day, pain in checkins.items():
                assert stored_checkins.get(day) == pain, f"run {run}: check-in {day} lost"
        months = {p.stem: Fingerprint.of(p.stat()) for p in tmp_path.glob("history/20*.json")}
        if months:  # the writer left the index current (none before the first finished session)
            index = IndexFile.model_validate_json((tmp_path / "history/index.json").read_bytes())
            assert {key: month.file for key, month in index.months.items()} == months

    # The test has teeth only if the kills landed while saving, and often mid-write.
    assert saves >= KILLS, f"only {saves} saves in {KILLS} runs"  # 4 runs in 5 save at least once
    assert mid_write >= 5, f"only {mid_write} kills landed between temp file and rename"
    assert len(list((tmp_path / "history").glob("20*.json"))) > 5
