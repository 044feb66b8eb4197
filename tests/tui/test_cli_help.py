"""The command line as a runner meets it: every subcommand's --help says in one line what it
does and shows an example, and `achilles plan` says each thing once. The real `achilles` in a
subprocess (tests/cli.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli import achilles
from tui.cli.main import HELP


@pytest.mark.parametrize("command", sorted(HELP))
def test_every_subcommand_says_what_it_does_and_shows_an_example(command: str) -> None:
    done = achilles(command, "--help")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    # After the usage: one line (a sentence) saying what it does.
    description = text.split("\n\n")[1].replace("\n", " ")
    line, _ = HELP[command]
    assert description.startswith(line), description
    assert re.search(rf"^Example: achilles {command}\b", text, re.MULTILINE), text


def test_every_subcommand_has_its_line_and_example() -> None:
    listed = achilles("--help").stdout
    commands = re.findall(r"^    (\w+)\s", listed, re.MULTILINE)
    assert set(commands) == set(HELP), commands


def test_plan_says_each_thing_once(tmp_path: Path) -> None:
    done = achilles("plan", "--data-dir", tmp_path / "data", "--on", "2025-03-10")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Part 1, calf raises: Week 1: 3 x 15RM"  # on for a new runner
    at = lines.index("Next session: Circuit 1, first session: 1 x 15")
    assert lines[at + 1] == "Circuit 1: gentle · 1 set of 15 reps of each exercise, on each leg."
    assert lines[at + 2].startswith("  1. Single Leg Hop Up: Stand on one leg.")
    assert lines[at + 5] == "Why:"
    assert "(circuit 1" not in done.stdout  # the old line said the circuit and the dose twice
    assert "(week 1)" not in done.stdout
