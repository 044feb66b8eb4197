"""The scale benchmark still runs (its --smoke mode), and prints both designs' figures."""

from __future__ import annotations

import re

import pytest

from bench import store_scale


def test_the_benchmark_smoke_run_prints_figures_for_both_designs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert store_scale.main(["--smoke", "--shape", "program"]) == 0
    out = capsys.readouterr().out
    for label in ("save a set p99", "open+prescribe p50", "open+prescribe p99", "size on disk"):
        line = next(line for line in out.splitlines() if label in line)
        assert len(re.findall(r"\d+\.\d (?:ms|MB)", line)) == 2, line
    assert "month files" in out
