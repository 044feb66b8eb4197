"""`achilles voice`: check the spoken coaching works, list voices, or write speech to a WAV file.

    achilles voice                      # speak a sample sentence and say whether it worked
    achilles voice --say "Set one"      # speak this instead
    achilles voice --list               # installed voices (id and name) for the voice setting
    achilles voice --to out.wav         # write the speech to a WAV file instead of playing it

Exits 1 with the reason and how to fix it when there is no voice.
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any

SAMPLE = "This is your Achilles coach. Single leg hop. Left leg. One, two, three."


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "voice",
        parents=[common],
        help="check the voice: speak a sample, list voices, or write speech to a WAV file",
        description="Speak a sample sentence (or TEXT) and report whether it worked.",
    )
    p.add_argument("--list", action="store_true", help="list the installed voices and exit")
    p.add_argument("--say", metavar="TEXT", help="what to say (default: a sample sentence)")
    p.add_argument("--to", metavar="FILE.wav", help="write the speech to this WAV file, no audio")
    p.add_argument("--rate", type=_rate, help="words per minute, 80-320 (default: your setting)")
    p.add_argument("--volume", type=_volume, help="0.0 to 1.0 (default: your setting)")
    p.add_argument("--voice", metavar="ID", help="a voice id or name from --list")
    p.add_argument(
        "--player",
        metavar="CMD",
        help="audio player command, the WAV path is appended "
        "(default: $ACHILLES_AUDIO_PLAYER, else paplay, pw-play or aplay -q)",
    )
    p.set_defaults(run=run)


def _rate(text: str) -> int:
    value = int(text)
    if not 80 <= value <= 320:
        raise argparse.ArgumentTypeError("must be between 80 and 320")
    return value


def _volume(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0.0 and 1.0")
    return value


def _fill_from_settings(args: argparse.Namespace) -> None:
    """Rate, volume and voice not given on the command line come from the runner's settings."""
    from session.records import Settings
    from tui.cli.common import CommandError, open_coach

    try:
        with open_coach(args) as coach:
            settings = coach.settings()
    except CommandError:  # no readable history: the defaults will do for a voice check
        settings = Settings()
    if args.rate is None:
        args.rate = settings.voice_rate
    if args.volume is None:
        args.volume = settings.voice_volume
    if args.voice is None:
        args.voice = settings.voice_id


def run(args: argparse.Namespace) -> int:
    from tui.cli.common import fail
    from tui.voice import VoiceStatus, VoiceUnavailable, list_voices

    _fill_from_settings(args)
    try:
        voices = list_voices()
    except VoiceUnavailable as exc:
        return fail(VoiceStatus("unavailable", exc.reason, exc.hint).describe())
    if args.list:
        return _list(voices)
    if args.voice and args.voice.lower() not in {v.lower() for pair in voices for v in pair}:
        print(f"note: voice {args.voice!r} is not installed, using the default (see --list)")
    text = args.say or SAMPLE
    return _to_wav(args, text) if args.to else _speak(args, text)


def _list(voices: list[tuple[str, str]]) -> int:
    import os
    import sys

    width = max((len(vid) for vid, _ in voices), default=0)
    try:
        for vid, name in voices:
            print(f"{vid:<{width}}  {name}")
        sys.stdout.flush()
    except BrokenPipeError:  # `achilles voice --list | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _to_wav(args: argparse.Namespace, text: str) -> int:
    from pathlib import Path

    from tui.cli.common import fail
    from tui.voice import VoiceStatus, VoiceUnavailable, render_to_wav

    path = Path(args.to)
    try:
        render_to_wav(text, path, rate=args.rate, volume=args.volume, voice_id=args.voice)
    except VoiceUnavailable as exc:
        return fail(VoiceStatus("unavailable", exc.reason, exc.hint).describe())
    except OSError as exc:
        return fail(f"cannot write {path}: {exc.strerror or exc}")
    print(f"Wrote the speech to {path}.")
    return 0


def _speak(args: argparse.Namespace, text: str) -> int:
    from tui.cli.common import fail
    from tui.voice import SpeechThread

    voice = SpeechThread(
        rate=args.rate,
        volume=args.volume,
        voice_id=args.voice,
        player=shlex.split(args.player) if args.player else None,
    )
    try:
        status = voice.wait_ready(timeout=15.0)
        if status.state == "ok":
            voice.say(text)
            voice.wait_idle(timeout=60.0)
            status = voice.status
        if status.state != "ok" or voice.spoken == 0:
            return fail(f"{status.describe()} The app still works, with on-screen captions.")
        print(f"Said: {text!r}. If you heard nothing, check the volume and the speakers.")
        return 0
    finally:
        voice.close()
