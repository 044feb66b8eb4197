"""Startup benchmark: process start to Today's first painted frame, against a minimal Textual app.

What it measures, the way a runner sees it: each app is started as a real process under a
pseudo-terminal sized 80x24 (`pty.fork`, TERM=xterm-256color), and its output is read until a
marker string it paints appears. The time is taken from just before the fork, so it includes
process creation, the interpreter, every import, the app's setup and the first frame. The process
is then asked to quit (ctrl+q) and killed if it does not.

- minimal: an inline script with `App` + one `Static("Minimal app ready")`; marker: that text.
- achilles: the real `achilles --data-dir DIR --no-voice` command (the installed console script),
  DIR a fresh temporary data folder with settings saved (sore side: left), so Today shows (not the
  first launch). Two figures:
    * first frame: "Loading your plan" (Today's first paint, before its worker has loaded the
      plan), or "Why" should the plan already be in the first frame. The goal: its median at most
      1.3x the minimal app's. When the plan itself is in the first frame in most runs (the
      start-up preview, `tui.coach.preview`, worked it out in a second process while the app
      loaded, and Today's first frame waited up to `FIRST_FRAME_WAIT` for it), there is no
      placeholder to be quick with: the first frame is then held to the plan's goal.
    * plan shown: "Why" (the heading of the reasons, painted once the plan is filled in).
      The goal: its median at most 1.5x the minimal app's first frame: what the runner waits
      for is the plan, not a "Loading your plan…" line.
- achilles, ten years: the same with a data folder holding ten years of history built by
  `bench.sample_history.sample_history` (1,560 finished sessions at three a week with the ladder's
  doses, both legs, a pain rating per set: ~13,700 sets; 1,560 check-ins), imported with
  `Store.import_json`. Plan shown is the figure that matters there.

Runs are interleaved (minimal, achilles, achilles ten years, then again) so that load from other
processes falls on all of them alike; median, min and max of `--runs` runs (default 10). Beside
the wall time, "cpu" is the CPU time the process had used when the marker appeared (user + system,
all threads, from /proc, 10 ms resolution): far less disturbed than wall time on a busy machine.
Bytecode: every child runs with PYTHONPYCACHEPREFIX set to one temporary folder (and without
PYTHONDONTWRITEBYTECODE), after one untimed warm-up run of each, so both apps start from compiled
bytecode as an installed app does, and nothing is written into the repository.

    .venv/bin/python bench/startup.py [--runs N] [--smoke] [--no-history]

Exits 1 when the goal is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

GOAL_RATIO = 1.3
"""Today's first frame, against the minimal app's first frame."""
PLAN_GOAL_RATIO = 1.5
"""The plan shown (Today filled in), against the minimal app's first frame."""
ROWS, COLS = 24, 80

MINIMAL_APP = textwrap.dedent(
    """\
    from textual.app import App, ComposeResult
    from textual.widgets import Static


    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Minimal app ready")


    Minimal().run()
    """
)
MINIMAL_FIRST = (b"Minimal app ready",)
TODAY_FIRST = (b"Loading your plan", b"Why")
PLAN_SHOWN = (b"Why",)
HISTORY_SESSIONS = 1560


@dataclass(frozen=True)
class Sample:
    """When a marker first appeared: wall seconds from just before the fork, and the CPU seconds
    the process had used by then."""

    wall: float
    cpu: float


@dataclass
class Target:
    """One program to start, and the marker sets whose first appearance is timed."""

    name: str
    argv: list[str]
    markers: dict[str, tuple[bytes, ...]]
    samples: dict[str, list[Sample]] = field(default_factory=dict)


def achilles_command() -> list[str]:
    script = Path(sys.executable).with_name("achilles")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "tui.cli"]


def make_data_dir(folder: Path, *, sessions: int = 0) -> Path:
    """A data folder past the first launch, with `sessions` sessions of sample history."""
    from bench.sample_history import sample_history
    from session.records import Settings
    from store import Store
    from store.exchange import build_export
    from store.program_file import load_program

    folder.mkdir(parents=True)
    settings = Settings(sore_side="left")
    with Store.open(folder) as store:
        store.save_settings(settings)
        if sessions:
            now = dt.datetime.now(dt.UTC)
            records, checkins = sample_history(load_program(), sessions=sessions, end=now)
            store.import_json(build_export(settings, records, checkins, now))
    return folder


def child_env(pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    for name in ("PYTHONDONTWRITEBYTECODE", "COLUMNS", "LINES"):
        env.pop(name, None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["TERM"] = "xterm-256color"
    return env


def run_once(
    argv: Sequence[str], markers: dict[str, tuple[bytes, ...]], env: dict[str, str], timeout: float
) -> dict[str, Sample]:
    """Start `argv` under an 80x24 pty; when each marker set first appeared in its output."""
    import fcntl
    import termios

    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become the app
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execve(argv[0], list(argv), env)
        finally:
            os._exit(127)
    found: dict[str, Sample] = {}
    buf = b""
    deadline = t0 + timeout
    try:
        while len(found) < len(markers) and (left := deadline - time.perf_counter()) > 0:
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                break
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child has gone (EIO on Linux)
                break
            if not chunk:
                break
            now = time.perf_counter()
            start = max(0, len(buf) - 64)
            buf += chunk
            for name, options in markers.items():
                if name not in found and any(m in buf[start:] for m in options):
                    found[name] = Sample(now - t0, cpu_seconds(pid))
    finally:
        stop(pid, fd)
    missing = [name for name in markers if name not in found]
    if missing:
        tail = buf[-600:].decode("utf-8", "replace")
        raise RuntimeError(
            f"{argv[0]}: no {missing} within {timeout:.0f} s; output ended: {tail!r}"
        )
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) process `pid` has used so far."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop(pid: int, fd: int) -> None:
    """Quit with ctrl+q (reading the output meanwhile); kill after 5 s."""
    with contextlib.suppress(OSError):
        os.write(fd, b"\x11")
    end = time.monotonic() + 5
    while time.monotonic() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            with contextlib.suppress(OSError):
                os.read(fd, 65536)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)


def measure(targets: list[Target], runs: int, env: dict[str, str], timeout: float) -> None:
    for target in targets:  # warm-up: compiles the bytecode into the prefix
        run_once(target.argv, target.markers, env, timeout)
    for _ in range(runs):
        for target in targets:
            for name, sample in run_once(target.argv, target.markers, env, timeout).items():
                target.samples.setdefault(name, []).append(sample)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f}"


def report(targets: list[Target], runs: int) -> bool:
    load = os.getloadavg()[0]
    cpus = os.cpu_count() or 1
    print(
        f"startup under an {COLS}x{ROWS} pty, {runs} runs each, ms from just before the fork "
        f"(python {sys.version.split()[0]}, {cpus} CPUs, load average {load:.1f})"
    )
    labels = {"first": "first frame", "plan": "plan shown"}
    head = ("app", "figure", "median", "min", "max", "ratio", "cpu", "ratio")
    print(f"{head[0]:<26}{head[1]:<12}" + "".join(f"{h:>7}" for h in head[2:]))
    base = targets[0].samples["first"]
    base_wall = statistics.median(s.wall for s in base)
    base_cpu = statistics.median(s.cpu for s in base)
    for target in targets:
        for name, samples in target.samples.items():
            wall = [s.wall for s in samples]
            cpu = statistics.median(s.cpu for s in samples)
            med = statistics.median(wall)
            print(
                f"{target.name:<26}{labels[name]:<12}{ms(med)}{ms(min(wall))}{ms(max(wall))}"
                f"{med / base_wall:>6.2f}x{ms(cpu)}{cpu / base_cpu:>6.2f}x"
            )
    ours = targets[1].samples
    ratio = statistics.median(s.wall for s in ours["first"]) / base_wall
    plan = statistics.median(s.wall for s in ours["plan"]) / base_wall
    # A first frame that is the plan itself (the start-up preview's words came in time) is no
    # placeholder: it is held to the plan's goal (see the module's docstring).
    at_once = sum(f.wall == p.wall for f, p in zip(ours["first"], ours["plan"], strict=True))
    first_goal = PLAN_GOAL_RATIO if 2 * at_once > len(ours["first"]) else GOAL_RATIO
    met = ratio <= first_goal and plan <= PLAN_GOAL_RATIO
    first = "Today's first frame"
    if at_once:
        first += f" (the plan itself in {at_once} of {len(ours['first'])} runs)"
    for what, got, goal in (
        (first, ratio, first_goal),
        ("the plan shown", plan, PLAN_GOAL_RATIO),
    ):
        verdict = "met" if got <= goal else "NOT met"
        print(f"goal: {what} <= {goal}x the minimal app's first frame: {got:.2f}x, {verdict}")
    if load > cpus:
        print(
            f"note: the machine was busy (load {load:.1f} on {cpus} CPUs): wall times are "
            "inflated and noisy; the cpu columns are steadier"
        )
    return met


GOAL_MISSED = 3
"""Exit status when the figures miss the goal (a crash exits 1), so CI can smoke-run it."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each (default 10)")
    parser.add_argument("--smoke", action="store_true", help="3 runs")
    parser.add_argument(
        "--no-history", action="store_true", help="skip the ten-years-of-history data folder"
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait per run")
    args = parser.parse_args(argv)
    runs = 3 if args.smoke else args.runs
    ours = {"first": TODAY_FIRST, "plan": PLAN_SHOWN}

    with tempfile.TemporaryDirectory(prefix="achilles-startup-") as tmp_name:
        tmp = Path(tmp_name)
        minimal = tmp / "minimal_app.py"
        minimal.write_text(MINIMAL_APP)
        fresh = make_data_dir(tmp / "fresh")

        def achilles(folder: Path) -> list[str]:
            return [*achilles_command(), "--data-dir", str(folder), "--no-voice"]

        targets = [
            Target("minimal Textual app", [sys.executable, str(minimal)], {"first": MINIMAL_FIRST}),
            Target("achilles, settings only", achilles(fresh), ours),
        ]
        if not args.no_history:
            t0 = time.perf_counter()
            folder = make_data_dir(tmp / "ten-years", sessions=HISTORY_SESSIONS)
            print(
                f"ten years of history: {HISTORY_SESSIONS} sessions built and imported in "
                f"{time.perf_counter() - t0:.1f} s"
            )
            targets.append(Target("achilles, ten years", achilles(folder), ours))
        measure(targets, runs, child_env(tmp / "pycache"), args.timeout)

    return 0 if report(targets, runs) else GOAL_MISSED


if __name__ == "__main__":
    sys.exit(main())
