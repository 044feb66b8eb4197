"""What the runner hears: every cue of a real-time session, found in a recording of the server.

What it runs: the real app (`AchillesApp`, real services, real store in a temporary folder with
settings saved: right leg sore, both legs) headless at time scale 1, doing the first session of
the shipped program, circuit 1 at 1 x 15 (three exercises, right leg then left), answering each
pain rating with "2" a second after it shows; `--smoke`: the first exercise only, up to its
pain question. The voice is the real speech thread (pyttsx3 + espeak-ng, the app's own
`voice_from_settings`) with a real player (`--player`, paplay by default) playing to a private
PulseAudio server whose null sink is recorded at 16 kHz (tests/audio/server.py).

How "heard" is found: each cue's own WAV (the speech thread leaves them in a folder) is searched
for in the recording by normalised cross-correlation (tests/audio/listen.py): its onset to the
sample, and which cue it is, so a doubled or swapped number is seen as such. Each cue the engine
emitted is matched to the first unclaimed hearing of its sound between its due time and its
staleness (tests/audio/schedule.py). Times are good to a few milliseconds.

Figures:
- emitted -> heard: from the cue's `say()` to its first sample heard, p50/p95/p99/max, over the
  cues the voice could start at once (nothing else was playing: the voice's own latency), and
  apart over those that waited behind another cue;
- rep numbers and countdown words: how late each was heard after its due time (p50/p95/max), and
  the interval between consecutive rep onsets in a leg (mean, sd, largest deviation from the
  cadence);
- counts of missing, doubled (heard twice), late (> 60 ms after due) and out-of-order cues, for
  rep numbers, countdown words and the rest; sound no cue explains.

Goals (issue 9): 0 missing, doubled or out-of-order rep numbers or countdown words; every rep and
countdown word heard within 60 ms of its due time; emitted -> heard p99 under 50 ms (paplay).
Exits 3 when a goal is missed, 1 if the benchmark itself fails.

    .venv/bin/python bench/heard.py [--smoke] [--player "aplay -q"] [--keep-awake on]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import shlex
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' audio helpers

from session.effects import CueKind
from tests.audio.listen import Match
from tests.audio.schedule import Heard
from tests.audio.server import SKIP_REASON, SoundServer, missing_tools
from tests.audio.session import SORE_RIGHT, Listened, run_session
from tui.voice import CueTiming

GOAL_LATE_S = 0.060
GOAL_P99_S = 0.050
GOAL_MISSED = 3
TIMED = (CueKind.REP, CueKind.COUNTDOWN)


def pct(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def spread(values: Sequence[float]) -> str:
    if not values:
        return "none"
    return (
        f"p50 {ms(pct(values, 50))}, p95 {ms(pct(values, 95))}, p99 {ms(pct(values, 99))}, "
        f"max {ms(max(values))} ms ({len(values)})"
    )


def emitted_to_heard(run: Listened) -> tuple[list[float], list[float]]:
    """Per played cue, its say() to its first sample heard: (started at once, waited)."""
    at_once: list[float] = []
    waited: list[float] = []
    for _, latency, idle in heard_latencies(run):
        (at_once if idle else waited).append(latency)
    return at_once, waited


def heard_latencies(run: Listened) -> list[tuple[CueTiming, float, bool]]:
    """(played cue, say() to first sample heard, whether the voice was idle when it came)."""
    sound = run.verdict.sound_of
    matches = sorted(
        [h.match for h in run.verdict.heard if h.match is not None] + run.verdict.extra,
        key=lambda m: m.onset,
    )
    found: list[tuple[CueTiming, float, bool]] = []
    busy_until = -math.inf
    for timing in run.timings:
        match = _heard_as(timing, matches, sound.get(timing.text))
        idle = timing.enqueued_at >= busy_until
        busy_until = timing.started_at + timing.audio_s
        if match is not None:
            found.append((timing, match.onset - timing.enqueued_at, idle))
    return found


def _heard_as(timing: CueTiming, matches: list[Match], sound: str | None) -> Match | None:
    for match in matches:
        if (
            match.sound == sound
            and timing.started_at - 0.05 <= match.onset < timing.started_at + 0.5
        ):
            return match
    return None


def rep_intervals(run: Listened, *, last: bool = True) -> list[float]:
    """Onset interval minus due interval for consecutive reps heard in the same leg; without
    `last`, not the interval to a leg's last rep."""
    deviations: list[float] = []
    previous: Heard | None = None
    reps = [h for h in run.verdict.heard if h.cue.kind in (CueKind.REP, CueKind.ANNOUNCE)]
    for n, h in enumerate(reps):
        if h.cue.kind is CueKind.ANNOUNCE:
            previous = None
            continue
        is_last = n + 1 == len(reps) or reps[n + 1].cue.kind is CueKind.ANNOUNCE
        if previous is not None and previous.match and h.match and (last or not is_last):
            heard_gap = h.match.onset - previous.match.onset
            deviations.append(heard_gap - (h.cue.due - previous.cue.due))
        previous = h
    return deviations


def counts(run: Listened, kinds: tuple[CueKind, ...]) -> dict[str, int]:
    v = run.verdict
    chosen = [h for h in v.heard if h.cue.kind in kinds]
    sounds = {v.sound_of.get(h.cue.text) for h in chosen}
    return {
        "missing": sum(1 for h in chosen if h.match is None),
        "doubled": sum(1 for m in v.extra if m.sound in sounds),
        "late": sum(1 for h in chosen if h.late_s is not None and h.late_s > GOAL_LATE_S),
        "out of order": len(v.out_of_order(*kinds)),
    }


def print_timing(run: Listened) -> list[float]:
    """Emitted -> heard, lateness and rep intervals; returns emitted -> heard, voice idle."""
    v = run.verdict
    at_once, waited = emitted_to_heard(run)
    print(f"emitted -> heard, voice idle when emitted: {spread(at_once)}")
    print(f"emitted -> heard, waited behind another cue: {spread(waited)}")
    for label, kind in (("rep numbers", CueKind.REP), ("countdown words", CueKind.COUNTDOWN)):
        late = [h.late_s for h in v.of(kind) if h.late_s is not None]
        print(f"{label}: heard after due {spread(late)}")
    for label, deviations in (
        ("rep onset intervals minus the cadence", rep_intervals(run)),
        ("  without each leg's last rep", rep_intervals(run, last=False)),
    ):
        if deviations:
            print(
                f"{label}: mean {ms(statistics.fmean(deviations))} ms, sd "
                f"{ms(statistics.pstdev(deviations))} ms, largest "
                f"{ms(max(deviations, key=abs))} ms ({len(deviations)} intervals)"
            )
    return at_once


def print_counts(run: Listened) -> dict[str, dict[str, int]]:
    """Missing, doubled, late and out-of-order counts by group, then each miss by name."""
    v = run.verdict
    groups = {
        "rep numbers": (CueKind.REP,),
        "countdown words": (CueKind.COUNTDOWN,),
        "other cues": tuple(k for k in CueKind if k not in TIMED),
    }
    tallies = {name: counts(run, kinds) for name, kinds in groups.items()}
    for name, tally in tallies.items():
        print(f"{name}: " + ", ".join(f"{key} {n}" for key, n in tally.items()))
    print(f"sound no cue explains: {len(v.unexplained)} stretch(es)")
    for timing, took, idle in heard_latencies(run):
        if idle and took > GOAL_P99_S:
            print(
                f"  slow: {timing.text[:40]!r} heard {ms(took)} ms after say() (render "
                f"{ms(timing.render_s)} ms, {'reused' if timing.cached else 'fresh'} WAV, "
                f"player started after {ms(timing.latency_s)} ms)"
            )
    for h in v.out_of_order():
        print(f"  out of order: {h.cue.kind.value} {h.cue.text[:40]!r}")
    for h in v.heard:
        if h.cue.kind in TIMED and (h.match is None or (h.late_s or 0) > GOAL_LATE_S):
            what = "MISSING" if h.late_s is None else f"{ms(h.late_s)} ms late"
            due = h.cue.due - v.heard[0].cue.due
            print(f"  {h.cue.kind.value} {h.cue.text!r} due +{due:.2f} s: {what}")
    return tallies


def report(run: Listened, player: Sequence[str], keep_awake: str) -> bool:
    print(
        f"heard: circuit 1 at 1 x 15, right leg then left, time scale 1, {' '.join(player)}, "
        f"keep-awake {keep_awake}; {run.workout_s:.1f} s of workout, {len(run.verdict.heard)} "
        f"cues emitted, {len(run.timings)} played; recording {run.recording_s:.1f} s "
        f"(lost {ms(run.lost_s)} ms, largest read delay {ms(run.jitter_s)} ms)"
    )
    at_once = print_timing(run)
    tallies = print_counts(run)
    timed = [tallies["rep numbers"], tallies["countdown words"]]
    exact = all(t["missing"] == t["doubled"] == t["out of order"] == 0 for t in timed)
    on_time = all(t["late"] == 0 for t in timed)
    quick = bool(at_once) and pct(at_once, 99) < GOAL_P99_S
    print(
        f"goals: no rep number or countdown word missing, doubled or out of order: "
        f"{'met' if exact else 'NOT met'}; each heard within {ms(GOAL_LATE_S)} ms of due: "
        f"{'met' if on_time else 'NOT met'}; emitted -> heard p99 < {ms(GOAL_P99_S)} ms: "
        f"{'met' if quick else 'NOT met'}"
    )
    return exact and on_time and quick


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="the first exercise only (~75 s)")
    parser.add_argument("--player", default="paplay", help="the audio player (default: paplay)")
    parser.add_argument(
        "--keep-awake", choices=("on", "off"), default="off", help="keep the output awake"
    )
    parser.add_argument("--rate-after", type=float, default=1.0, metavar="S")
    args = parser.parse_args(argv)
    missing = missing_tools()
    if missing:
        print(SKIP_REASON.format(missing=", ".join(missing)), file=sys.stderr)
        return 1
    player = tuple(shlex.split(args.player))
    # The circuit alone (part 1 off): its rep numbers and countdowns are what is measured.
    settings = SORE_RIGHT.model_copy(update={"keep_audio_awake": args.keep_awake})
    with tempfile.TemporaryDirectory(prefix="achilles-heard-") as tmp:
        server = SoundServer(Path(tmp) / "sound")
        server.start()
        try:
            run = asyncio.run(
                run_session(
                    server,
                    Path(tmp),
                    player,
                    one_exercise=args.smoke,
                    settings=settings,
                    rate_after=args.rate_after,
                )
            )
        finally:
            server.stop()
    return 0 if report(run, player, args.keep_awake) else GOAL_MISSED


if __name__ == "__main__":
    sys.exit(main())
