"""A PT's own recordings play at the narration loudness: measured at install, applied at play."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
import soundfile

from pfrelax import paths
from pfrelax.audio.engine import SoundChoice
from pfrelax.audio.loudness import integrated_lufs
from pfrelax.audio.recording_levels import LEVELS_FILE
from pfrelax.audio.render import render_session
from pfrelax.services.catalog import timeline as session_timeline
from tests.pack_service import install_pack, installed_sessions

from .packkit import PACK_ID, pack_files, write_zip

RATE = 48_000
SESSION = """\
pfrelax = 1
id = "soften"
title = "Soften"

[[step]]
type = "speak"
title = "Quiet"
text = "Recorded far from the microphone."
audio = "audio/quiet.wav"

[[step]]
type = "speak"
title = "Loud"
text = "Recorded close to it."
audio = "audio/loud.wav"
"""


def recording(lufs: float, seconds: int = 4) -> bytes:
    """A stereo, speech-like (syllable-paced) two-tone recording at exactly `lufs`."""
    t = np.arange(RATE * seconds) / RATE
    syllables = 0.6 + 0.4 * np.sin(2 * np.pi * 3 * t)
    voice = (np.sin(2 * np.pi * 180 * t) + 0.5 * np.sin(2 * np.pi * 900 * t)) * syllables
    stereo = np.stack([voice, voice], axis=1)
    stereo *= 10 ** ((lufs - integrated_lufs(stereo, RATE)) / 20)
    buffer = io.BytesIO()
    soundfile.write(buffer, stereo.astype(np.float32), RATE, format="WAV", subtype="FLOAT")
    return buffer.getvalue()


def install_levelled_pack(tmp_path: Path) -> Path:
    files = pack_files()
    del files["audio/welcome.wav"]
    files["sessions/soften.toml"] = SESSION.encode()
    files["audio/quiet.wav"] = recording(-35.0)
    files["audio/loud.wav"] = recording(-12.0)
    install_pack(write_zip(tmp_path / "levels.pfpack", files))
    return paths.packs_dir() / PACK_ID


def narration_loudness(tmp_path: Path) -> list[float]:
    """Each speak step's span of the rendered session, measured (cue tones off)."""
    (session,) = installed_sessions()
    timeline = session_timeline(session)
    out = tmp_path / "rendered.wav"
    render_session(timeline, out, SoundChoice(sound_set="none"))
    mix, rate = soundfile.read(out, dtype="float64", always_2d=True)
    return [
        integrated_lufs(mix[step.start_ms * rate // 1000 : step.end_ms * rate // 1000], rate)
        for step in timeline.steps
    ]


def test_a_quiet_and_a_loud_recording_both_play_at_the_narration_target(
    home: Path, tmp_path: Path
) -> None:
    installed = install_levelled_pack(tmp_path)
    levels = json.loads((installed / LEVELS_FILE).read_text(encoding="utf-8"))["files"]
    assert levels["audio/quiet.wav"]["lufs"] == pytest.approx(-35.0, abs=0.1)
    assert levels["audio/loud.wav"]["gain_db"] == pytest.approx(-8.0, abs=0.1)
    quiet, loud = narration_loudness(tmp_path)
    assert quiet == pytest.approx(-20.0, abs=2.0)
    assert loud == pytest.approx(-20.0, abs=2.0)


def test_an_install_without_stored_levels_plays_its_recordings_as_recorded(
    home: Path, tmp_path: Path
) -> None:
    installed = install_levelled_pack(tmp_path)
    (installed / LEVELS_FILE).unlink()  # as a pack installed before levels were measured
    quiet, loud = narration_loudness(tmp_path)
    assert quiet == pytest.approx(-35.0, abs=0.5)
    assert loud == pytest.approx(-12.0, abs=0.5)


def test_damaged_stored_levels_play_the_recordings_as_recorded(home: Path, tmp_path: Path) -> None:
    installed = install_levelled_pack(tmp_path)
    (installed / LEVELS_FILE).write_text('{"files": {"audio/quiet.wav": 7}}', encoding="utf-8")
    quiet, _loud = narration_loudness(tmp_path)
    assert quiet == pytest.approx(-35.0, abs=0.5)


def test_levels_a_pack_brings_itself_are_replaced_by_what_install_measured(
    home: Path, tmp_path: Path
) -> None:
    files = pack_files()
    del files["audio/welcome.wav"]
    files["sessions/soften.toml"] = SESSION.encode()
    files["audio/quiet.wav"] = recording(-35.0)
    files["audio/loud.wav"] = recording(-12.0)
    forged = {"audio/loud.wav": {"lufs": -60.0, "peak": 0.0, "gain_db": 15.0}}
    files[LEVELS_FILE] = json.dumps({"files": forged}).encode()
    install_pack(write_zip(tmp_path / "forged.pfpack", files))
    stored = (paths.packs_dir() / PACK_ID / LEVELS_FILE).read_text(encoding="utf-8")
    assert json.loads(stored)["files"]["audio/loud.wav"]["gain_db"] == pytest.approx(-8.0, abs=0.1)
    _quiet, loud = narration_loudness(tmp_path)
    assert loud == pytest.approx(-20.0, abs=2.0)
