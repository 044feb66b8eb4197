"""The README's two commands go through tasks.py: its set-up must explain, not crash."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import tasks  # noqa: E402


def test_missing_ensurepip_names_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        tasks.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "ensurepip" else real_find_spec(name, *a),
    )
    monkeypatch.setattr(tasks, "is_root", lambda: False)
    with pytest.raises(SystemExit) as exc:
        tasks.ensure_venv_support()
    message = str(exc.value)
    assert f"sudo apt-get install python3.{sys.version_info.minor}-venv" in message
    assert "Traceback" not in message


def test_missing_ensurepip_as_root_installs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    installed: list[tuple[str, ...]] = []
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        tasks.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "ensurepip" else real_find_spec(name, *a),
    )
    monkeypatch.setattr(tasks, "apt_install", lambda *pkgs: installed.append(pkgs) or True)
    tasks.ensure_venv_support()
    assert installed == [(f"python3.{sys.version_info.minor}-venv",)]


def test_usage_without_a_command() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tasks.py")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "python3 tasks.py start" in result.stdout
    assert "python3 tasks.py test" in result.stdout


def test_old_python_is_refused_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks.sys, "version_info", (3, 9, 0))
    with pytest.raises(SystemExit) as exc:
        tasks.ensure_python()
    assert "needs Python 3.11" in str(exc.value)
