"""The real `achilles serve` in a subprocess, on a free port, with a history in tmp_path."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from session.records import Settings
from session.strength.records import StrengthSettings
from store import Store
from tests.cli import ROOT

LINK = re.compile(r"http://(?P<host>[^/\s]+):(?P<port>\d+)/(\?key=(?P<token>[A-Za-z0-9_-]+))?")


@dataclass
class Served:
    """A running `achilles serve`: its link, its output so far, and its log (stderr)."""

    process: subprocess.Popen[str]
    data_dir: Path
    log_path: Path
    lines: list[str] = field(default_factory=list)
    port: int = 0
    token: str | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def link(self) -> str:
        """The printed link, pointed at 127.0.0.1 (tests send nothing to any other address)."""
        return f"{self.base}/" + (f"?key={self.token}" if self.token else "")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def output(self) -> str:
        return "".join(self.lines)


def seed_settings(data_dir: Path) -> None:
    """Answer the first-launch questions beforehand (right side sore, both legs), with part 1
    (the calf raises) off: these tests drive the circuit on a phone."""
    with Store.open(data_dir, write=True) as store:
        store.save_settings(Settings(sore_side="right", strength=StrengthSettings(enabled=False)))


def start_serve(tmp_path: Path, *options: str, scale: float = 40.0) -> Served:
    data_dir = tmp_path / "data"
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "TZ": "UTC", "PYTHONUNBUFFERED": "1"}
    env.pop("ACHILLES_DATA_DIR", None)
    command = [sys.executable, "-m", "tui.cli", "--data-dir", str(data_dir), "--no-voice"]
    command += ["--time-scale", str(scale), "serve", "--port", "0", *options]
    log = log_path.open("w", encoding="utf-8")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True
    )
    log.close()
    served = Served(process, data_dir, log_path)
    found = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            served.lines.append(line)
            match = LINK.search(line)
            if match and not served.port:
                served.port, served.token = int(match["port"]), match["token"]
            if "Ctrl+C stops serving" in line:  # the last line it prints when ready
                found.set()
        found.set()

    threading.Thread(target=read, daemon=True).start()
    if not found.wait(30) or not served.port:
        stop_serve(served)
        raise AssertionError(f"no link printed:\n{served.output()}\n{served.log()}")
    return served


def stop_serve(served: Served) -> int:
    """Ctrl+C, as the runner would; the exit code."""
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGINT)
        try:
            served.process.wait(20)
        except subprocess.TimeoutExpired:
            served.process.kill()
            served.process.wait()
    return served.process.returncode


@pytest.fixture
def lan(tmp_path: Path) -> Iterator[Served]:
    seed_settings(tmp_path / "data")
    served = start_serve(tmp_path, "--lan")
    yield served
    assert stop_serve(served) == 0, served.log()


@pytest.fixture
def local(tmp_path: Path) -> Iterator[Served]:
    seed_settings(tmp_path / "data")
    served = start_serve(tmp_path)
    yield served
    assert stop_serve(served) == 0, served.log()


def wait_until(check: object, timeout: float = 10.0) -> None:
    assert callable(check)
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)
