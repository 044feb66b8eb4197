"""What is imported at run time, checked in fresh interpreters (the import contracts in
pyproject.toml check the code; this checks what really loads).

- The commands beside the app never load Textual: `achilles plan` and the others answer at once.
- The app's first frame loads neither the models, the store nor the charts: they load after it,
  on the history's own thread (bench/startup.py measures what that buys).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli import ROOT
from tests.review.conftest import history, write_history

RUN_COMMAND = """
import json, sys
from tui.cli.main import main
out, args = sys.argv[1], sys.argv[2:]
code = main(args)
with open(out, "w") as f:
    json.dump({"code": code, "modules": sorted(sys.modules)}, f)
"""

IMPORT_APP = """
import json, sys
import tui.app
print(json.dumps(sorted(sys.modules)))
"""


def _loaded(*args: str | Path, out: Path) -> tuple[int, set[str]]:
    """Run `achilles ARGS` in a fresh interpreter: its exit code and every module it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_COMMAND, str(out), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    return result["code"], set(result["modules"])


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize(
    "command",
    [
        ["plan"],
        ["plan", "--json"],
        ["history", "--last", "3"],
        ["report"],
        ["export", "--format", "csv"],
        ["checkin", "--pain", "2", "--on", "2025-06-05"],
    ],
    ids=lambda c: " ".join(c),
)
def test_commands_beside_the_app_never_load_textual(tmp_path: Path, command: list[str]) -> None:
    data = write_history(tmp_path / "data", *(part[-20:] for part in history()))
    code, modules = _loaded(*command, "--data-dir", data, out=tmp_path / "modules.json")
    assert code == 0
    assert "textual" not in _top(modules)
    assert "tui.app" not in modules and "tui.screens" not in modules
    assert "tui.coach.coach" in modules  # it did the work, through the coach


def test_the_app_module_loads_nothing_heavy_before_the_first_frame() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_APP], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stdout))
    assert "textual" in _top(modules)
    heavy = {"pydantic", "tinydb", "filelock", "plotext", "textual_plotext", "pyttsx3", "pyfiglet"}
    assert _top(modules) & heavy == set()
    assert {"session.records", "store.store", "tui.coach.coach"} & modules == set()


PREVIEW_WORDS = """
import json, sys
from tui.coach.preview import preview_words
words = preview_words(sys.argv[1])
print(json.dumps({"words": words is not None, "modules": sorted(sys.modules)}))
"""


def test_the_start_up_preview_works_out_the_plan_without_textual(tmp_path: Path) -> None:
    """The preview's process (tui.coach.preview) runs while the app imports Textual: it must not
    import it too, nor the screens, the voice or the charts."""
    from tests.review.builders import session
    from tests.tui.test_preview import folder_with, local_days_ago

    data = folder_with(tmp_path / "data", session(0, local_days_ago(3)), mornings=3)
    done = subprocess.run(
        [sys.executable, "-c", PREVIEW_WORDS, str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["words"]  # it did the work
    modules = set(result["modules"])
    assert (
        _top(modules) & {"textual", "rich", "pyttsx3", "plotext", "pyfiglet", "filelock"} == set()
    )
    assert not any(m.startswith(("tui.screens", "tui.widgets", "tui.voice")) for m in modules)
