"""Store scale benchmark: saving a set, and opening ten years of history, against plain TinyDB.

What it measures, on how much data (figures are printed, nothing passes or fails):

- History: 1,560 finished sessions (ten years at three a week), built with the real record models
  by `bench.sample_history`: each with the seed program's prescription (three exercises per
  circuit), both legs, a pain rating per set, and a check-in the next morning (1,560 check-ins).
  Two shapes:
    * "program": the dose the ladder prescribes (1-3 sets of each exercise; ~13,700 sets,
      ~27,400 leg results) - the most this program can produce;
    * "issue": 12 sets of each exercise, 36 sets per session = 56,160 sets (112,320 leg
      results) - the issue's "about 56,000 sets", four times what the program prescribes.
- save: `Store.save_session(record)` of a new session when it starts and after each of its sets,
  the last save finishing it (moving it from live.json to its month file); p50/p99/max over all
  saves, and the finishing saves apart. Every save is on disk (fsynced) when it returns.
- open: `Store.open` (lock; read and validate settings, check-ins, live.json and the summary index
  history/index.json; stat the month files) + `summaries()` + `checkins()` +
  `session.progression.prescribe(program, summaries, checkins, now)`: what the Today screen and
  `achilles plan` do. p50/p99, how much of it is `prescribe` alone, and the CPU time of the rest.
  Repeated in one process (imports and page cache warm). Goal (issue 3): p99 under 500 ms.
- full records, on demand: the first `sessions()` after an open (reads and validates every month
  file: every set), and `session(id)` of a session whose month is not read yet (reads that month).
- index rebuild: `Store.open` after deleting history/index.json (reads every month file, rebuilds
  the summaries and writes the index), + `summaries()`.
- Plain TinyDB: one file with the default JSONStorage (tables sessions, checkins, settings), an
  upsert per set, and open = `TinyDB(...).table("sessions").all()` + `model_validate` each +
  `prescribe`. Fewer samples: each of its saves rewrites the whole file. It has no summaries: its
  open is the equivalent of the store's open plus its first full `sessions()`.
- File sizes of both.

Wall times suffer when other processes compete for the two cores; CPU times are printed too, as
the figures least disturbed by a busy machine.

p99 over fewer than 100 samples is the maximum. `--smoke` runs a small history in a few seconds.

    .venv/bin/python bench/store_scale.py [--smoke] [--shape program|issue|both]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tinydb import Query, TinyDB

from bench.sample_history import sample_history, session_sets
from session.program import Program
from session.progression import prescribe
from session.records import CheckIn, SessionRecord, SessionStatus
from store.program_file import load_program
from store.store import Store

UTC = dt.UTC


GOAL_OPEN = 0.5
GOAL_SAVE = 0.05


@dataclass
class Figures:
    saves: list[float]
    finishing: list[float]
    opens: list[float]
    prescribes: list[float]
    loads_cpu: list[float]
    size: int
    notes: list[str]
    full_loads: list[float] = field(default_factory=list)
    full_loads_cpu: list[float] = field(default_factory=list)
    lookups: list[float] = field(default_factory=list)
    rebuilds: list[float] = field(default_factory=list)
    rebuilds_cpu: list[float] = field(default_factory=list)


def pct(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def export_doc(sessions: Sequence[SessionRecord], checkins: Sequence[CheckIn]) -> dict[str, object]:
    return {
        "app": "achilles-coach",
        "schema": 1,
        "sessions": [s.model_dump(mode="json") for s in sessions],
        "checkins": [c.model_dump(mode="json") for c in checkins],
    }


def new_sessions(
    base: SessionRecord, count: int, rounds: int | None
) -> list[tuple[SessionRecord, list[SessionRecord]]]:
    """Sessions to record after `base` (same dose): the successive states saved for each."""
    rng = random.Random(1)
    out = []
    after = base.started_at
    for n in range(count):
        start = after + dt.timedelta(days=2 * n + 1)
        prescription = base.prescription.model_copy(update={"decided_at": start})
        sets = session_sets(prescription, start, rng, rounds=rounds)
        first = SessionRecord(
            id=f"bench-{n:04d}", started_at=start, prescription=prescription, legs=base.legs
        )
        states = [first]
        for k in range(1, len(sets) + 1):
            states.append(first.model_copy(update={"sets": tuple(sets[:k])}))
        states.append(
            states[-1].model_copy(
                update={"status": SessionStatus.COMPLETED, "ended_at": sets[-1].ended_at}
            )
        )
        out.append((first, states))
    return out


def bench_store(
    folder: Path,
    program: Program,
    export_file: Path,
    to_record: list[tuple[SessionRecord, list[SessionRecord]]],
    repeat: int,
    full_repeat: int,
    now: dt.datetime,
) -> Figures:
    with Store.open(folder) as store:
        store.import_json(json.loads(export_file.read_bytes()))
    gc.collect()
    saves: list[float] = []
    finishing: list[float] = []
    live_max = 0
    with Store.open(folder) as store:
        for _, states in to_record:
            for state in states:
                t0 = time.perf_counter()
                store.save_session(state)
                elapsed = time.perf_counter() - t0
                (finishing if state.finished else saves).append(elapsed)
                live = folder / "live.json"
                if live.exists():
                    live_max = max(live_max, live.stat().st_size)
    opens: list[float] = []
    prescribes: list[float] = []
    loads_cpu: list[float] = []
    for _ in range(repeat):
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        with Store.open(folder) as store:
            summaries, checkins = store.summaries(), store.checkins()
            t1, c1 = time.perf_counter(), time.process_time()
            prescribe(program, summaries, checkins, now)
            t2 = time.perf_counter()
        opens.append(t2 - t0)
        prescribes.append(t2 - t1)
        loads_cpu.append(c1 - c0)
        del store, summaries, checkins
    figures = Figures(saves, finishing, opens, prescribes, loads_cpu, folder_size(folder), [])
    bench_full_records(folder, full_repeat, figures)
    months = sorted(
        (p for p in (folder / "history").glob("*.json") if p.name != "index.json"),
        key=lambda p: p.stat().st_size,
    )
    figures.notes = [
        f"{len(months)} month files, largest {months[-1].stat().st_size / 1e3:.0f} kB; "
        f"index.json {(folder / 'history' / 'index.json').stat().st_size / 1e3:.0f} kB; "
        f"live.json at most {live_max / 1e3:.1f} kB; "
        f"checkins.json {(folder / 'checkins.json').stat().st_size / 1e3:.0f} kB"
    ]
    return figures


def bench_full_records(folder: Path, repeat: int, figures: Figures) -> None:
    """The first full `sessions()` after an open, `session(id)` of months not read yet, and the
    open that rebuilds a deleted index."""
    gc.collect()
    with Store.open(folder) as store:  # one session in each of up to 20 months, none read yet
        by_month = {s.started_at.strftime("%Y-%m"): s.id for s in store.summaries()}
        chosen = random.Random(2).sample(sorted(by_month.values()), min(20, len(by_month)))
        for session_id in chosen:
            t0 = time.perf_counter()
            assert store.session(session_id) is not None
            figures.lookups.append(time.perf_counter() - t0)
    del store
    for _ in range(repeat):
        gc.collect()
        with Store.open(folder) as store:
            t0, c0 = time.perf_counter(), time.process_time()
            store.sessions()
            figures.full_loads.append(time.perf_counter() - t0)
            figures.full_loads_cpu.append(time.process_time() - c0)
        del store
    for _ in range(repeat):
        (folder / "history" / "index.json").unlink()
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        with Store.open(folder) as store:
            store.summaries()
        figures.rebuilds.append(time.perf_counter() - t0)
        figures.rebuilds_cpu.append(time.process_time() - c0)
        del store


def bench_plain(
    folder: Path,
    program: Program,
    export_file: Path,
    to_record: list[tuple[SessionRecord, list[SessionRecord]]],
    repeat: int,
    max_saves: int,
    now: dt.datetime,
) -> Figures:
    path = folder / "plain.json"
    exported = json.loads(export_file.read_bytes())
    with TinyDB(path) as db:
        db.table("sessions").insert_multiple(exported["sessions"])
        db.table("checkins").insert_multiple(exported["checkins"])
        db.table("settings").insert({"voice_enabled": True})
    del exported
    gc.collect()
    saves: list[float] = []
    finishing: list[float] = []
    with TinyDB(path) as db:
        table = db.table("sessions")
        states = [s for _, session_states in to_record for s in session_states][:max_saves]
        for state in states:
            doc = state.model_dump(mode="json")
            t0 = time.perf_counter()
            table.upsert(doc, Query().id == doc["id"])
            elapsed = time.perf_counter() - t0
            (finishing if state.finished else saves).append(elapsed)
    opens: list[float] = []
    prescribes: list[float] = []
    loads_cpu: list[float] = []
    for _ in range(repeat):
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        with TinyDB(path) as db:
            loaded = [SessionRecord.model_validate(d) for d in db.table("sessions").all()]
            morning = [CheckIn.model_validate(d) for d in db.table("checkins").all()]
        loaded.sort(key=lambda s: s.started_at)
        t1, c1 = time.perf_counter(), time.process_time()
        prescribe(program, loaded, morning, now)
        t2 = time.perf_counter()
        opens.append(t2 - t0)
        prescribes.append(t2 - t1)
        loads_cpu.append(c1 - c0)
        del loaded, morning
    return Figures(saves, finishing, opens, prescribes, loads_cpu, path.stat().st_size, [])


def report(title: str, ours: Figures, plain: Figures) -> None:
    def row(label: str, a: Sequence[float], b: Sequence[float], q: float | None) -> None:
        def cell(v: Sequence[float]) -> str:
            if not v:
                return "       -"
            return ms(statistics.median(v) if q == 0.5 else pct(v, q) if q else max(v))

        print(f"  {label:<40}{cell(a)} ms {cell(b)} ms")

    print(f"\n{title}")
    print(f"  {'':<40}{'store':>11} {'plain TinyDB':>12}")
    n = f"(n={len(ours.saves)} / {len(plain.saves)})"
    row(f"save a set p50 {n}", ours.saves, plain.saves, 0.5)
    row("save a set p99", ours.saves, plain.saves, 0.99)
    row("save a set max", ours.saves, plain.saves, None)
    n = f"(n={len(ours.finishing)} / {len(plain.finishing)})"
    row(f"finishing save p50 {n}", ours.finishing, plain.finishing, 0.5)
    row("finishing save max", ours.finishing, plain.finishing, None)
    n = f"(n={len(ours.opens)} / {len(plain.opens)})"
    row(f"open+prescribe p50 {n}", ours.opens, plain.opens, 0.5)
    row("open+prescribe p99", ours.opens, plain.opens, 0.99)
    row("  of which prescribe p50", ours.prescribes, plain.prescribes, 0.5)
    ours_load = [o - p for o, p in zip(ours.opens, ours.prescribes, strict=True)]
    plain_load = [o - p for o, p in zip(plain.opens, plain.prescribes, strict=True)]
    row("  of which open+load p50", ours_load, plain_load, 0.5)
    row("  of which open+load p99", ours_load, plain_load, 0.99)
    row("  open+load CPU time p50", ours.loads_cpu, plain.loads_cpu, 0.5)
    row("  open+load CPU time p99", ours.loads_cpu, plain.loads_cpu, 0.99)
    n = f"(n={len(ours.full_loads)})"
    row(f"first full sessions() p50 {n}", ours.full_loads, [], 0.5)
    row("first full sessions() max", ours.full_loads, [], None)
    row("  CPU time p50", ours.full_loads_cpu, [], 0.5)
    n = f"(n={len(ours.lookups)})"
    row(f"session(id), month unread p50 {n}", ours.lookups, [], 0.5)
    row("session(id), month unread max", ours.lookups, [], None)
    n = f"(n={len(ours.rebuilds)})"
    row(f"open, index deleted (rebuild) p50 {n}", ours.rebuilds, [], 0.5)
    row("open, index deleted (rebuild) max", ours.rebuilds, [], None)
    row("  CPU time p50", ours.rebuilds_cpu, [], 0.5)
    print(f"  {'size on disk':<40}{mb(ours.size):>11} {mb(plain.size):>12}")
    for note in ours.notes:
        print(f"  store: {note}")
    open_p99, save_p99 = pct(ours.opens, 0.99), pct(ours.saves, 0.99)
    for what, value, goal in (
        ("open+prescribe p99", open_p99, GOAL_OPEN),
        ("save a set p99", save_p99, GOAL_SAVE),
    ):
        verdict = "met" if value < goal else "NOT met"
        print(f"  goal {what} < {goal * 1000:.0f} ms: {verdict} ({value * 1000:.1f} ms)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--smoke", action="store_true", help="a small, fast run (60 sessions)")
    parser.add_argument("--shape", choices=("program", "issue", "both"), default="both")
    parser.add_argument("--sessions", type=int, default=1560)
    parser.add_argument("--record", type=int, default=30, help="new sessions saved set by set")
    parser.add_argument("--repeat", type=int, default=10, help="opens measured per design")
    parser.add_argument(
        "--full-repeat", type=int, default=3, help="full loads and index rebuilds measured"
    )
    parser.add_argument("--plain-saves", type=int, default=10, help="saves measured on plain")
    parser.add_argument("--plain-repeat", type=int, default=3, help="opens measured on plain")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sessions, args.record, args.repeat, args.full_repeat = 60, 3, 3, 2
        args.plain_saves, args.plain_repeat = 5, 2
    program = load_program()
    now = dt.datetime.now(UTC)
    shapes = ("program", "issue") if args.shape == "both" else (args.shape,)
    print(f"store_scale: {args.sessions} sessions, python {sys.version.split()[0]}")
    for shape in shapes:
        rounds = 12 if shape == "issue" else None
        t0 = time.perf_counter()
        sessions, checkins = sample_history(program, sessions=args.sessions, end=now, rounds=rounds)
        title = (
            f'shape "{shape}": {len(sessions)} sessions, {sum(len(s.sets) for s in sessions)} '
            f"sets ({sum(len(x.legs) for s in sessions for x in s.sets)} leg results), "
            f"{len(checkins)} check-ins"
        )
        to_record = new_sessions(sessions[-1], args.record, rounds)
        with tempfile.TemporaryDirectory(prefix="achilles-bench-") as tmp:
            # Kept on disk, not in memory: the measurements run with a heap like the app's.
            export_file = Path(tmp) / "history.json"
            export_file.write_text(json.dumps(export_doc(sessions, checkins)))
            del sessions, checkins
            gc.collect()
            built = time.perf_counter() - t0
            ours = bench_store(
                Path(tmp) / "store",
                program,
                export_file,
                to_record,
                args.repeat,
                args.full_repeat,
                now,
            )
            plain = bench_plain(
                Path(tmp), program, export_file, to_record, args.plain_repeat, args.plain_saves, now
            )
        report(f"{title} (built in {built:.1f} s)", ours, plain)
    return 0


if __name__ == "__main__":
    sys.exit(main())
