"""Review at scale: the History screen, a session's detail, the check-in, `achilles history` and
`achilles report`, on ten years of history.

The data: `bench.sample_history.sample_history(program)` with the shipped program: 1,560 finished
sessions (ten years at three a week, the ladder's doses, both legs, a pain rating after every set:
~13,700 sets) and 1,560 next-morning check-ins, ending two days before the wall clock used here
(Wed 4 Jun 2025, 08:00 CET), so no check-in is due when the app opens. They are written into a
real data folder (`Store.open` in a temporary directory, settings saved, then one
`Store.import_json` of them, as tests/review/conftest.py does), which leaves a month file per
month (121) and the summary index, as ten years of use would. The same is done on an empty data
folder (settings only) for comparison: what a figure costs without any history.

What is timed, each run on a fresh copy of a folder, re-indexed by one untimed open as a writer (a
copy has new inode numbers, which the index checks), so every run starts as a new launch does: the
index valid, no month file read yet, nothing cached in the process (the files are in the OS's page
cache, as after any recent use); each check-in saves one more to its own copy:

- app: the real app headless (`App.run_test`, 80x24, silent voice, the fixed wall clock), after
  Today shows its plan (which reads only the summary index). One launch for the History screen:
    * history open: from pressing h until the History table holds every session;
    * session detail: then, from Enter on the second row until its table of sets is filled;
    * history again: back to Today and h again (the store's caches warm);
  and another launch for the check-in:
    * check-in save: on the check-in form (Today's c), from Enter after typing a pain of 2 until
      the verdict is shown: reading the history, judging the morning, saving the check-in.
  Timed in the benchmark's process by polling every 2 ms; "cpu" is the process's CPU time over
  the same span (all threads). One untimed warm-up app first, so imports are not counted.
- command line: the real `python -m tui.cli ...` in a subprocess (TZ=UTC), from start to exit,
  output to a pipe; this includes the interpreter's start and the imports (see the empty folder's
  figures):
    * `achilles history` (the whole table printed);
    * `achilles report --out report.html`;
    * `achilles checkin --pain 2 --on 2025-06-04T08:00`.
  "cpu" is the child's user + system time.

Median, min and max of `--runs` runs (default 5); wall times suffer when other processes compete
for the cores, the CPU times much less. Figures only: nothing passes or fails.

    .venv/bin/python bench/review_scale.py [--runs N] [--sessions N] [--smoke]

`--smoke`: 60 sessions, one run, no warm-up (its first figures include imports): checks that it
runs, in about ten seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.sample_history import sample_history
from session.records import Settings
from store import Store
from store.exchange import build_export
from store.program_file import load_program

ROOT = Path(__file__).resolve().parents[1]

CET = dt.timezone(dt.timedelta(hours=1), "CET")
NOW = dt.datetime(2025, 6, 4, 8, 0, tzinfo=CET)
"""The wall clock of the app, and the check-in's morning."""
CHECKIN_ON = "2025-06-04T08:00"
POLL = 0.002
TIMEOUT = 60.0


@dataclass
class Sample:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def build(folder: Path, sessions: int) -> tuple[Path, Path, int, int]:
    """A data folder with `sessions` sample sessions and check-ins, and an empty one."""
    program = load_program()
    records, checkins = sample_history(program, sessions=sessions, end=NOW.astimezone(dt.UTC))
    settings = Settings(sore_side="right")
    full, empty = folder / "ten-years", folder / "empty"
    for data, (s, c) in ((full, (records, checkins)), (empty, ([], []))):
        with Store.open(data) as store:
            store.save_settings(settings)
            if s:
                store.import_json(build_export(settings, s, c, NOW))
    return full, empty, sum(len(r.sets) for r in records), len(checkins)


def fresh(data: Path, scratch: Path) -> Path:
    """A copy of `data` in `scratch` (replacing the last one): every run starts alike.

    A copy has new inode numbers, so the summary index no longer matches its month files: one
    open as a writer (untimed) reads them and rewrites the index, as the app left it last time.
    """
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(data, scratch)
    with Store.open(scratch):
        pass
    return scratch


# --------------------------------------------------------------------------- the app


async def _until(predicate: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(POLL)


class Span:
    """Wall and CPU time from its start to `stop()`."""

    def __init__(self) -> None:
        self.cpu = time.process_time()
        self.wall = time.perf_counter()

    def stop(self, into: Sample) -> None:
        into.add(time.perf_counter() - self.wall, time.process_time() - self.cpu)


async def app_run(
    data: Path,
    expected: int,
    figures: dict[str, Sample] | None,
    *,
    label: str = "",
    checkin: bool = False,
) -> None:
    """One launch of the app on `data` holding `expected` sessions, its figures into `figures`
    (None: a warm-up), named with `label`: the History screen's (open, a session's detail when
    there is one, open again), or with `checkin` the check-in's save."""
    from textual.widgets import DataTable

    from tui.app import AchillesApp
    from tui.screens.checkin import CheckInScreen
    from tui.screens.history import HistoryScreen
    from tui.screens.session_detail import SessionDetailScreen
    from tui.screens.today import TodayScreen
    from tui.services import Services, silent_voice
    from tui.widgets.session_table import SessionTable

    got: dict[str, Sample] = figures if figures is not None else {}

    def into(name: str) -> Sample:
        return got.setdefault(f"{name} ({label})" if label else name, Sample())

    services = Services(data_dir=data, voice_factory=silent_voice, wall=lambda: NOW)
    app = AchillesApp(services)

    def history_filled() -> bool:
        screen = app.screen
        return (
            isinstance(screen, HistoryScreen)
            and screen.review is not None
            and screen.query_one("#history-table", SessionTable).row_count == expected
        )

    def detail_filled() -> bool:
        screen = app.screen
        return (
            isinstance(screen, SessionDetailScreen)
            and screen.is_mounted
            and screen.query_one("#detail-sets", DataTable).row_count > 0
        )

    def on_today() -> bool:
        screen = app.screen
        return isinstance(screen, TodayScreen) and screen.today is not None

    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await _until(on_today, "Today's plan")
            await pilot.pause()
            if checkin:
                await pilot.press("c")
                await _until(lambda: isinstance(app.screen, CheckInScreen), "the check-in form")
                form = app.screen
                assert isinstance(form, CheckInScreen)
                await _until(lambda: form.form is not None, "the check-in to load")
                await pilot.pause()
                await pilot.press("2")
                span = Span()
                await pilot.press("enter")
                await _until(lambda: form.result is not None, "the check-in's verdict")
                span.stop(into("check-in save"))
                await pilot.pause()
                return

            span = Span()
            await pilot.press("h")
            await _until(history_filled, "the History table")
            span.stop(into("history open"))
            await pilot.pause()

            if expected:
                await pilot.press("down")
                span = Span()
                await pilot.press("enter")
                await _until(detail_filled, "the session's sets")
                span.stop(into("session detail"))
                await pilot.pause()
                await pilot.press("escape")
            await pilot.press("escape")
            await _until(on_today, "Today again")
            await pilot.pause()
            span = Span()
            await pilot.press("h")
            await _until(history_filled, "the History table again")
            span.stop(into("history again"))
            await pilot.pause()
    finally:
        services.close()


# --------------------------------------------------------------------------- the command line


def cli(*args: str | Path) -> tuple[float, float]:
    """Wall and CPU seconds of `python -m tui.cli ARGS` from start to exit."""
    env = {**os.environ, "TZ": "UTC"}
    env.pop("ACHILLES_DATA_DIR", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise RuntimeError(f"achilles {' '.join(map(str, args))} failed:\n{out.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("achilles history", ("history",)),
    ("achilles report --out .html", ("report", "--out", "{out}", "--force")),  # run repeatedly
    ("achilles checkin", ("checkin", "--pain", "2", "--on", CHECKIN_ON)),
)


def cli_run(data: Path, scratch: Path, label: str, figures: dict[str, Sample]) -> None:
    for name, args in COMMANDS:
        folder = fresh(data, scratch)
        out = scratch.parent / "report.html"
        wall, cpu = cli(*(a.format(out=out) for a in args), "--data-dir", folder)
        figures.setdefault(f"{name} ({label})", Sample()).add(wall, cpu)


# --------------------------------------------------------------------------- report


def show(figures: dict[str, Sample]) -> None:
    print(f"{'':44} {'median':>8} {'min':>8} {'max':>8} {'cpu med':>8}   (ms)")
    for name, s in figures.items():
        print(
            f"{name:44} {ms(statistics.median(s.wall))} {ms(min(s.wall))} {ms(max(s.wall))} "
            f"{ms(statistics.median(s.cpu))}"
        )


def grouped(figures: dict[str, Sample]) -> dict[str, Sample]:
    """Each figure on the history, then the same on the empty folder (first seen, first shown)."""
    order = list(dict.fromkeys(name.split(" (")[0] for name in figures))
    return dict(
        sorted(
            figures.items(), key=lambda kv: (order.index(kv[0].split(" (")[0]), "empty" in kv[0])
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--sessions", type=int, default=1560, help="sessions of history")
    parser.add_argument("--smoke", action="store_true", help="60 sessions, one run, no warm-up")
    args = parser.parse_args(argv)
    sessions, runs = (60, 1) if args.smoke else (args.sessions, args.runs)

    with tempfile.TemporaryDirectory(prefix="achilles-review-bench-") as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        full, empty, sets, checkins = build(folder, sessions)
        months = len(list((full / "history").glob("????-??.json")))
        size = sum(p.stat().st_size for p in full.rglob("*") if p.is_file())
        print(
            f"history: {sessions} sessions, {sets} sets, {checkins} check-ins, {months} month "
            f"files, {size / 1e6:.1f} MB (built in {time.perf_counter() - t:.1f} s); "
            f"{runs} run(s) of each"
        )
        scratch = folder / "run"
        history = f"{sessions} sessions"
        app_figures: dict[str, Sample] = {}
        cli_figures: dict[str, Sample] = {}
        if not args.smoke:  # warm-ups: imports, bytecode, page cache
            asyncio.run(app_run(fresh(full, scratch), sessions, None))
            asyncio.run(app_run(fresh(full, scratch), sessions, None, checkin=True))
            cli("history", "--data-dir", fresh(empty, scratch))
        for _ in range(runs):
            for data, n, label in ((full, sessions, history), (empty, 0, "empty")):
                asyncio.run(app_run(fresh(data, scratch), n, app_figures, label=label))
                asyncio.run(
                    app_run(fresh(data, scratch), n, app_figures, label=label, checkin=True)
                )
            cli_run(full, scratch, history, cli_figures)
            cli_run(empty, scratch, "empty", cli_figures)
    print("\nthe app (key press to screen filled)")
    show(grouped(app_figures))
    print("\nthe command line (process start to exit)")
    show(grouped(cli_figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
