"""Nothing the engine, espeak-ng or the player prints may reach the terminal (it garbles the TUI).

The real speech thread runs in a child process whose stdout and stderr are pipes; the child
reports what happened through a JSON file, so any byte on its stdout/stderr is a leak. Without the
driver's print silenced, every cue would leak "Audio saved to ..." here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.voice.conftest import PlayerFactory, needs_espeak

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from tui.voice import Priority, SpeechThread, list_voices, render_to_wav

    out, player = Path(sys.argv[1]), json.loads(sys.argv[2])
    voice = SpeechThread(player=player, rate=250)
    status = voice.wait_ready(15)
    for text in ["Single leg hop up. Left leg.", "one", "two", "three"]:
        voice.say(text)
    voice.say("Stop.", priority=Priority.URGENT)
    voice.configure(rate=150, voice_id="no-such-voice")
    voice.say("Rest, sixty seconds.")
    voice.wait_idle(20)
    render_to_wav("hello", out.with_suffix(".wav"))
    voices = list_voices()
    voice.close()
    out.write_text(json.dumps({
        "state": status.state, "reason": status.reason if status.state != "ok" else None,
        "spoken": voice.spoken, "voices": len(voices),
    }))
    """
)


def run_child(tmp_path: Path, player: list[str]) -> tuple[dict[str, object], str, str]:
    result_file = tmp_path / "result.json"
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(result_file), json.dumps(player)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(result_file.read_text()), proc.stdout, proc.stderr


@needs_espeak
def test_the_real_voice_prints_nothing_while_speaking(
    tmp_path: Path, player: PlayerFactory
) -> None:
    result, out, err = run_child(tmp_path, player(seconds=0.05))
    assert result["state"] == "ok" and result["spoken"] == 6 and result["voices"]
    assert (out, err) == ("", "")


@needs_espeak
def test_a_failing_player_prints_nothing(tmp_path: Path, player: PlayerFactory) -> None:
    noise = "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default\n"
    noise += "aplay: main:831: audio open error: No such file or directory\n"
    result, out, err = run_child(tmp_path, player(exit=1, stderr=noise))
    assert result["state"] == "unavailable" and result["spoken"] == 0
    assert "audio open error" in str(result["reason"])
    assert (out, err) == ("", "")
