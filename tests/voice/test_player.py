"""Choosing the audio player, and turning its error output into one plain reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.voice import AudioUnavailable, find_player
from tui.voice.player import summarise

ALSA_NO_CARD = """\
ALSA lib confmisc.c:855:(parse_card) cannot find card '0'
ALSA lib conf.c:5204:(_snd_config_evaluate) function snd_func_card_inum returned error: No such file
ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default
aplay: main:831: audio open error: No such file or directory
"""


def test_summary_skips_alsa_library_noise() -> None:
    assert summarise(ALSA_NO_CARD) == "aplay: main:831: audio open error: No such file or directory"


def test_summary_of_other_players_and_of_nothing() -> None:
    assert summarise("Connection failure: Connection refused\n") == (
        "Connection failure: Connection refused"
    )
    assert summarise("ALSA lib only noise\n") == "ALSA lib only noise"
    assert summarise("  \n\n") == ""
    assert len(summarise("error " * 100)) == 160


def fake_bin(folder: Path, *names: str) -> str:
    for name in names:
        path = folder / name
        path.write_text("#!/bin/sh\nexit 0\n")
        path.chmod(0o755)
    return str(folder)


def test_finds_the_first_installed_player_in_order(tmp_path: Path) -> None:
    alsa_only, both = tmp_path / "alsa", tmp_path / "both"
    alsa_only.mkdir()
    both.mkdir()
    assert find_player({"PATH": fake_bin(alsa_only, "aplay")}) == ("aplay", "-q")
    assert find_player({"PATH": fake_bin(both, "aplay", "pw-play")}) == ("pw-play",)
    assert find_player({"PATH": fake_bin(both, "paplay")}) == ("paplay",)


def test_the_environment_variable_wins(tmp_path: Path) -> None:
    env = {"PATH": fake_bin(tmp_path, "aplay"), "ACHILLES_AUDIO_PLAYER": "mpv --really-quiet"}
    assert find_player(env) == ("mpv", "--really-quiet")


def test_no_player_at_all(tmp_path: Path) -> None:
    with pytest.raises(AudioUnavailable) as info:
        find_player({"PATH": str(tmp_path) + os.pathsep})
    assert info.value.reason.startswith("no working audio output: no audio player found")
    assert info.value.hint is not None and "sudo apt-get install alsa-utils" in info.value.hint
