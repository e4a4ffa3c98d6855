"""Authoring the natural voice: a separate `piper` process, then trim, loudness, Ogg Opus, manifest.

A small stand-in for the piper program (a real separate process, same arguments, writes a wav)
keeps these tests independent of the GPL program and its 60 MB model.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile

from pfrelax.audio import loudness, voice_author
from pfrelax.audio.voice_author import (
    HOW_TO_INSTALL,
    NaturalVoice,
    VoiceError,
    finished,
    limiter_gain,
    render_library,
    require_natural_voice,
)
from pfrelax.audio.voice_library import (
    MANIFEST,
    MONO_TARGET_LUFS,
    VOICE_SETTINGS,
    clip_key,
    read_manifest,
    shipped_clip,
)
from pfrelax.cli import main

from .fake_piper import FAKE_ARGUMENTS, fake_natural_voice


@pytest.fixture
def fake_voice(tmp_path: Path) -> NaturalVoice:
    return fake_natural_voice(tmp_path)


def test_speech_is_trimmed_loudness_normalised_and_peak_limited() -> None:
    rate = 22_050
    t = np.arange(rate * 3) / rate
    speech = 0.2 * np.sin(2 * np.pi * 150 * t) * (np.sin(2 * np.pi * 2 * t) > 0)
    speech[::9973] = 0.95  # plosive-like spikes far above the speech's loudness
    padded = np.concatenate([np.zeros(rate), speech, np.zeros(rate)])

    clip = finished(padded, rate)

    assert loudness.integrated_lufs(clip, 48_000) == pytest.approx(MONO_TARGET_LUFS, abs=0.1)
    assert loudness.peak(clip) < voice_author.PEAK_CEILING * 1.15
    assert clip.size < 48_000 * 3.6  # a second of silence each side trimmed to a short lead/tail
    assert clip[0] == 0.0


def test_the_limiter_holds_peaks_to_the_ceiling_and_leaves_quiet_speech_alone() -> None:
    signal = np.full(24_000, 0.1)
    signal[2400] = 0.9
    gain = limiter_gain(signal, 48_000, 0.5)

    assert np.max(np.abs(signal * gain)) <= 0.5 + 1e-9
    assert gain[0] == pytest.approx(1.0)
    assert gain[-1] > 0.9  # released again


def test_render_library_renders_keeps_and_prunes_in_a_separate_process(
    tmp_path: Path, fake_voice: NaturalVoice
) -> None:
    folder = tmp_path / "voice"
    first = render_library(fake_voice, folder, {"Breathe in": "cue", "Rest here.": "speak"})
    old = read_manifest(folder)[clip_key("Rest here.")]
    second = render_library(fake_voice, folder, {"Breathe in": "cue", "Rest here now.": "speak"})

    clips = read_manifest(folder)
    assert (first.rendered, first.kept, first.removed) == (2, 0, 0)
    assert (second.rendered, second.kept, second.removed) == (1, 1, 1)
    assert set(clips) == {clip_key("Breathe in"), clip_key("Rest here now.")}
    assert not (folder / old.file).exists()
    assert {path.name for path in folder.iterdir()} == {MANIFEST, *(c.file for c in clips.values())}
    found = shipped_clip("Rest here now.", folder)
    assert found is not None
    info = soundfile.info(found[0])
    assert (info.format, info.subtype, info.channels, info.samplerate) == ("OGG", "OPUS", 1, 48000)
    assert abs(info.frames * 1000 // 48_000 - found[1].ms) <= 30
    assert json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["clips"]


def test_a_failing_voice_says_why_and_leaves_no_clip(
    tmp_path: Path, fake_voice: NaturalVoice
) -> None:
    folder = tmp_path / "voice"
    with pytest.raises(VoiceError, match="could not speak: piper: could not speak"):
        render_library(fake_voice, folder, {"FAIL here": "speak"})

    assert [path.name for path in folder.iterdir()] == []


def test_without_the_extra_the_command_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(voice_author, "find_natural_voice", lambda: None)

    with pytest.raises(VoiceError, match=r"-e '\.\[voice\]'"):
        require_natural_voice()
    assert main(["voices", "render", "--folder", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"pfrelax voices: {HOW_TO_INSTALL}\n"


def test_pfrelax_never_imports_the_gpl_voice_program() -> None:
    """Piper is GPL-3.0-or-later and pfrelax MIT: it may only ever run as a separate program."""
    package = Path(voice_author.__file__).parents[1]
    offending = [
        path.relative_to(package.parent).as_posix()
        for path in package.rglob("*.py")
        if re.search(r"^\s*(import|from)\s+(piper|onnxruntime)\b", path.read_text(), re.M)
    ]

    assert offending == []


def test_the_stand_in_takes_the_arguments_the_real_program_is_given(tmp_path: Path) -> None:
    seen: list[str] = []

    def record(arguments: list[str], **options: object) -> object:
        seen.extend(arguments)
        raise OSError("recorded")

    voice = NaturalVoice(tmp_path / "piper", tmp_path / "voice.onnx")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess, "run", record)
        with pytest.raises(VoiceError, match="recorded"):
            voice.speak("Hello.", tmp_path / "out.wav", VOICE_SETTINGS)

    assert {arg for arg in seen if arg.startswith("--")} == set(FAKE_ARGUMENTS)
