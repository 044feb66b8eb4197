"""The review benchmark still runs (its --smoke mode) and prints every figure."""

from __future__ import annotations

import re

import pytest

from bench import review_scale


def test_the_review_benchmark_smoke_run_prints_every_figure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert review_scale.main(["--smoke"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("history: 60 sessions, ")
    figures = [
        *(
            f"{name} ({data})"
            for name in ("history open", "history again", "check-in save")
            for data in ("60 sessions", "empty")
        ),
        "session detail (60 sessions)",
        *(
            f"achilles {name} ({data})"
            for name in ("history", "report --out .html", "checkin")
            for data in ("60 sessions", "empty")
        ),
    ]
    for label in figures:
        line = next(line for line in out.splitlines() if line.startswith(label + " "))
        assert len(re.findall(r"\d+\.\d", line)) == 4, line
