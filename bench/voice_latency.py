"""Voice latency benchmark: from a cue being enqueued to its player starting, and late rep numbers.

What it runs: the real `SpeechThread` (pyttsx3 2.99 + espeak-ng render every cue to a WAV, at the
default 170 words per minute) fed the way the workout engine feeds it: rep numbers "1".."15",
set after set, one every `cadence` seconds, each with `stale_at` = the moment the next rep is due
and kind REP. One run at 1.0 s per rep and one at 0.6 s per rep, 100 cues each by default
(200 cues, ~160 s); `--smoke` sends 10 each (~16 s). A third, short run at 0.35 s per rep (30
cues, not counted in the 200) shows what happens when the voice cannot keep up.

The player is a stand-in by default: a Python process that lasts as long as the WAV's audio,
counted from the moment it was started (it reads its start time from /proc and subtracts the
30-70 ms its interpreter takes to start), then exits 0: what a real player takes to play the
file. `--player CMD` uses a real player instead (e.g. "paplay" or "aplay -q"), playing to a
private PulseAudio server with a null sink (tests/audio/server.py; `--system-server`: to the
sound server this session normally uses, so you can listen).

The rendered numbers last 0.34-0.60 s once espeak's trailing silence is trimmed ("fourteen" is the
longest), so at 0.6 s per rep some run into the next rep: the thread then cuts the last <= 100 ms
of the stale one (padding and decay) for the next.

What it measures, per spoken cue (from the thread's own `CueTiming` records):
- latency: enqueue -> the player process running (`posix_spawn` returned): p50, p99 (nearest
  rank), max over all cues of the two main runs;
- render time: text -> trimmed WAV (pyttsx3's loop alone sleeps 10 ms per run); the thread
  reuses the WAV of a text it said before with the same settings, so after the first set the rep
  numbers are not rendered again: latency is also shown split into the two cases;
- `say()` cost in the calling thread (what the UI pays per cue): p50, p99, max;
and per run: its latency p50/p99/max, rep numbers dropped (stale before they could start, or
superseded), tails cut, and how many started after the next rep was due (their `stale_at`),
checked against the timing records and, independently, against the start times the stand-in
logs itself (those include the 30-70 ms its interpreter takes to start: an upper bound).

Goal (issue 4): p99 latency under 100 ms, and no rep number said after the next rep has started.
Exits 1 if the goal is missed.

    .venv/bin/python bench/voice_latency.py [--smoke] [--cues-per-run 100] [--player paplay]
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' sound server

from bench.sound import private_sound_server
from session.effects import CueKind
from tui.voice import CueTiming, SpeechThread

STANDIN = textwrap.dedent(
    """
    import os, sys, time, wave
    start = time.monotonic()
    with open("/proc/self/stat") as stat:  # when this process was started (10 ms ticks)
        ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    age = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    with wave.open(sys.argv[2]) as w:
        seconds = w.getnframes() / w.getframerate()
    with open(sys.argv[1], "a") as log:
        log.write(f"{start} {seconds}\\n")
    time.sleep(max(0.0, seconds - age))
    """
)
REPS_PER_SET = 15


@dataclass
class Run:
    cadence: float
    sent: int
    timings: list[CueTiming]
    dropped: int
    tails_cut: int
    player_starts: list[float]
    say_costs: list[float]

    @property
    def late(self) -> list[CueTiming]:
        """Cues whose player started at or after the next rep was due."""
        return [t for t in self.timings if t.stale_at is not None and t.started_at >= t.stale_at]

    def late_by_player_log(self) -> int | None:
        """The same check against the stand-in's own start times (matched in order)."""
        if not self.player_starts:
            return None  # a real player keeps no log
        starts = self.player_starts[1:]  # the first is the voice's start-up check
        return sum(
            1
            for t, began in zip(self.timings, starts, strict=False)
            if t.stale_at is not None and began >= t.stale_at
        )


def run_reps(cadence: float, count: int, workdir: Path, real: Sequence[str] | None) -> Run:
    log = workdir / f"player-{cadence}.log"
    script = workdir / "standin.py"
    script.write_text(STANDIN)
    player = list(real) if real else [sys.executable, str(script), str(log)]
    voice = SpeechThread(player=player)
    try:
        status = voice.wait_ready(30)
        if status.state != "ok":
            raise SystemExit(f"the voice is not working: {status.describe()}")
        costs: list[float] = []
        t0 = time.monotonic() + 0.2
        for i in range(count):
            due = t0 + i * cadence
            time.sleep(max(0.0, due - time.monotonic()))
            began = time.perf_counter()
            voice.say(str(i % REPS_PER_SET + 1), stale_at=due + cadence, kind=CueKind.REP)
            costs.append(time.perf_counter() - began)
        voice.wait_idle(30)
        stats = voice.stats()
    finally:
        voice.close()
    lines = log.read_text().splitlines() if log.exists() else []
    starts = [float(line.split()[0]) for line in lines]
    return Run(cadence, count, list(stats.timings), stats.dropped, stats.tails_cut, starts, costs)


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def describe(run: Run) -> str:
    said = len(run.timings)
    audio = [t.audio_s for t in run.timings]
    audio_range = f"{min(audio):.2f}-{max(audio):.2f} s" if audio else "-"
    latencies = [t.latency_s for t in run.timings]
    logged = run.late_by_player_log()
    by_log = "n/a" if logged is None else str(logged)
    return (
        f"  {run.cadence:.2f} s/rep: {run.sent} reps sent, {said} said, {run.dropped} dropped, "
        f"{run.tails_cut} tails cut, {len(run.late)} started after the next rep was due "
        f"({by_log} by the player's own log); audio {audio_range}\n"
        f"    latency p50 {ms(pct(latencies, 50))}, p99 {ms(pct(latencies, 99))}, "
        f"max {ms(max(latencies))}"
    )


GOAL_MISSED = 3
"""Exit status when the figures miss the goal (a crash exits 1), so CI can smoke-run it."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="10 cues per run (~16 s)")
    parser.add_argument("--cues-per-run", type=int, default=100, metavar="N")
    parser.add_argument("--player", metavar="CMD", help="a real player, e.g. paplay or 'aplay -q'")
    parser.add_argument(
        "--system-server",
        action="store_true",
        help="with --player: play to your own sound server, not a private silent one",
    )
    args = parser.parse_args(argv)
    count = 10 if args.smoke else args.cues_per_run
    real = shlex.split(args.player) if args.player else None

    with tempfile.TemporaryDirectory(prefix="voice-bench-") as folder:
        workdir = Path(folder)
        with private_sound_server(workdir, real is not None and not args.system_server):
            main_runs = [run_reps(cadence, count, workdir, real) for cadence in (1.0, 0.6)]
            overload = run_reps(0.35, 10 if args.smoke else 30, workdir, real)

    timings = [t for run in main_runs for t in run.timings]
    latencies = [t.latency_s for t in timings]
    renders = [t.render_s for t in timings if not t.cached]
    costs = [c for run in main_runs for c in run.say_costs]
    what = f"player {args.player}" if args.player else "stand-in player"
    print(f"Voice latency, real pyttsx3 + espeak-ng, {what} ({len(timings)} cues said)")
    print(
        f"  enqueue -> player running: p50 {ms(pct(latencies, 50))}, "
        f"p99 {ms(pct(latencies, 99))}, max {ms(max(latencies))}"
    )
    for label, cached in (("rendered afresh", False), ("WAV reused", True)):
        part = [t.latency_s for t in timings if t.cached is cached]
        if part:
            print(
                f"    {label} ({len(part)}): p50 {ms(pct(part, 50))}, p99 {ms(pct(part, 99))}, "
                f"max {ms(max(part))}"
            )
    print(
        f"  render (text -> WAV): p50 {ms(statistics.median(renders))}, "
        f"p99 {ms(pct(renders, 99))}, max {ms(max(renders))}"
    )
    print(
        f"  say() in the caller: p50 {ms(pct(costs, 50))}, p99 {ms(pct(costs, 99))}, "
        f"max {ms(max(costs))}"
    )
    print("Rep numbers:")
    for run in main_runs:
        print(describe(run))
    print("Overload (the voice cannot keep up; not part of the goal):")
    print(describe(overload))

    late = sum(len(run.late) for run in [*main_runs, overload])
    met = pct(latencies, 99) < 0.100 and late == 0
    verdict = "MET" if met else "NOT MET"
    print(f"Goal (p99 < 100 ms, no rep number started after the next rep was due): {verdict}")
    return 0 if met else GOAL_MISSED


if __name__ == "__main__":
    sys.exit(main())
