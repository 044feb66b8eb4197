#!/usr/bin/env python3
"""The README's two commands: set up a virtual environment, then start the app or run the tests.

    python3 tasks.py start [achilles options]   # set up, then start today's session
    python3 tasks.py test [pytest options]      # set up with test extras; lint, type-check, test

Needs only python3 (>= 3.11). Debian/Ubuntu ship python3 without venv/ensurepip: this script says
what to install (and installs python3-venv itself when run as root).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def say(msg: str) -> None:
    print(f"[tasks] {msg}", flush=True)


def run(*cmd: str | Path, check: bool = True) -> int:
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT)
    if check and code != 0:
        sys.exit(code)
    return code


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(*packages: str) -> bool:
    """Install Debian packages when we may (root, apt-get present); True on success."""
    if not (is_root() and shutil.which("apt-get")):
        return False
    say(f"installing {' '.join(packages)} with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    quiet = {"stdout": subprocess.DEVNULL, "env": env}
    subprocess.call(["apt-get", "update", "-qq"], **quiet)  # type: ignore[call-overload]
    return subprocess.call(["apt-get", "install", "-y", "-qq", *packages], **quiet) == 0  # type: ignore[call-overload]


def ensure_python() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (this script must run on old Pythons to say so)
        sys.exit(f"achilles-coach needs Python 3.11 or newer; this is {sys.version.split()[0]}.")


def ensure_venv_support() -> None:
    """Debian's python3 lacks ensurepip until python3-venv is installed: detect, fix or explain."""
    if importlib.util.find_spec("venv") and importlib.util.find_spec("ensurepip"):
        return
    pkg = f"python3.{sys.version_info.minor}-venv"
    if apt_install(pkg) or apt_install("python3-venv"):
        return
    sys.exit(
        "This Python cannot create virtual environments (the venv/ensurepip module is missing).\n"
        f"On Debian/Ubuntu install it first:  sudo apt-get install {pkg}\n"
        "then run this command again."
    )


def ensure_env(extras: str | None) -> None:
    """Create .venv and install the project; reinstall only when pyproject.toml changes."""
    if not PY.exists():
        ensure_venv_support()
        say(f"creating a virtual environment in {VENV}")
        if run(sys.executable, "-m", "venv", VENV, check=False) != 0:
            shutil.rmtree(VENV, ignore_errors=True)
            ensure_venv_support()
            run(sys.executable, "-m", "venv", VENV)
    spec = ".[" + extras + "]" if extras else "."
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + spec.encode()).hexdigest()
    stamp = VENV / ".achilles-installed"
    if stamp.exists() and digest in stamp.read_text().split():
        return
    name = f"achilles-coach[{extras}]" if extras else "achilles-coach"
    say(f"installing {name} (the first run takes a minute)")
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PY, "-m", "pip", "install", "--quiet", "-e", spec)
    with stamp.open("a") as f:
        f.write(digest + "\n")


def ensure_espeak(required: bool) -> None:
    """The voice needs the espeak-ng library; install it as root, else say how."""
    if shutil.which("espeak-ng") or apt_install("espeak-ng"):
        return
    hint = "For the voice, install espeak-ng:  sudo apt-get install espeak-ng"
    if required:
        say(hint + "  (voice tests are skipped without it)")
    else:
        say(hint + "  (the app works without it, with on-screen captions)")


SOUND_PACKAGES = ("pulseaudio", "pulseaudio-utils", "alsa-utils", "libasound2-plugins")
"""What the listening tests play through: a private PulseAudio server, paplay/parec, aplay and
ALSA's pulse plugin (which sends aplay to the server)."""


def sound_stack_present() -> bool:
    tools = all(shutil.which(tool) for tool in ("pulseaudio", "pactl", "parec", "paplay", "aplay"))
    plugin = any(Path("/usr/lib").glob("*/alsa-lib/libasound_module_pcm_pulse.so")) or any(
        Path("/usr/lib").glob("alsa-lib/libasound_module_pcm_pulse.so")
    )
    return tools and plugin


def ensure_sound_stack() -> None:
    """The listening tests need a sound server to record; install it as root, else say how."""
    if sound_stack_present() or apt_install(*SOUND_PACKAGES):
        return
    say(
        "For the listening tests, install a sound server:  sudo apt-get install "
        + " ".join(SOUND_PACKAGES)
        + "  (they are skipped without it)"
    )


def start(args: list[str]) -> int:
    ensure_python()
    ensure_env(extras=None)
    ensure_espeak(required=False)
    os.execv(str(BIN / "achilles"), [str(BIN / "achilles"), *args])
    return 0  # not reached


def test(args: list[str]) -> int:
    ensure_python()
    ensure_env(extras="test")
    ensure_espeak(required=True)
    ensure_sound_stack()
    steps: list[tuple[str, list[str | Path]]] = [
        ("ruff check", [BIN / "ruff", "check", "."]),
        ("ruff format --check", [BIN / "ruff", "format", "--check", "."]),
        ("mypy --strict", [BIN / "mypy", "--strict", "session", "store", "report", "tui"]),
        ("import contracts", [BIN / "lint-imports"]),
    ]
    for name, cmd in steps:
        say(name)
        if run(*cmd, check=False) != 0:
            say(f"FAILED: {name}")
            return 1
    say("pytest")
    # Both cores (pytest-xdist): the suite is ~1,100 tests, and its real-time tests (the voice
    # heard through a sound server, the app in tmux) spend most of their time waiting, so two
    # workers take about half the time of one. `-n 0` (or any -n given) overrides it.
    workers = [] if any(a == "-n" or a.startswith("-n") for a in args) else ["-n", "2"]
    return run(PY, "-m", "pytest", *workers, *args, check=False)


def main() -> int:
    commands = {"start": start, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
