"""`pfrelax render` of a built-in session: every cue starts within 1 ms of its timeline boundary.

Runs the real commands: `pfrelax timeline --json` for the boundaries and `pfrelax render` for
the audio, then finds each cue's onset in the written file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile

SESSION = "four-seven-eight-gentle"  # short, with holds: every phase kind that has a cue
BREATH_KINDS = {"inhale", "top_up", "hold_in", "exhale", "hold_out"}
SILENCE = 1.5 / 32768  # below one 16-bit step: the first sample that is not silence


def pfrelax(*args: str, home: Path) -> str:
    env = {"PFRELAX_HOME": str(home), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "pfrelax.cli", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=300,
    )
    return done.stdout


def test_rendered_cues_start_within_a_millisecond_of_the_timeline(tmp_path: Path) -> None:
    home = tmp_path / "home"
    segments = json.loads(pfrelax("timeline", SESSION, "--json", home=home))["segments"]
    starts = [float(s["start"]) for s in segments if s["kind"] in BREATH_KINDS]
    target = tmp_path / "session.wav"
    pfrelax("render", SESSION, "-o", str(target), "--no-voice", "--ambient", "none", home=home)

    audio, rate = soundfile.read(str(target), dtype="float32")
    loud = np.flatnonzero(np.max(np.abs(audio), axis=1) > SILENCE)
    errors_ms = []
    for start in starts:
        boundary = round(start * rate)
        # The first sound from 20 ms before the boundary on: the cue, not a previous tail.
        after = loud[np.searchsorted(loud, boundary - rate // 50) :]
        assert after.size, f"no cue after {start} s"
        errors_ms.append((after[0] - boundary) * 1000 / rate)
    assert len(errors_ms) == len(starts) > 10
    assert max(abs(error) for error in errors_ms) <= 1.0, errors_ms
    assert min(errors_ms) == pytest.approx(0.0, abs=1.0)
