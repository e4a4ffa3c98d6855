"""Built-in narration is the shipped natural voice, with no speech engine; the mix is balanced."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile

from pfrelax import paths
from pfrelax.audio import speech
from pfrelax.audio.decode import open_audio
from pfrelax.audio.engine import SoundChoice
from pfrelax.audio.levels import render_channels
from pfrelax.audio.narration import narration_file
from pfrelax.audio.voice_library import TARGET_LUFS, shipped_clip
from pfrelax.cli import main
from pfrelax.core.session import Session, SpeakStep
from pfrelax.core.timeline import compile_session
from pfrelax.formats.session_file import load_session
from pfrelax.services.catalog import timeline as session_timeline

RATE = 48_000
SESSION_ID = "one-minute-reset"  # narration, tones, spoken cues, and back to narration


def builtin(session_id: str = SESSION_ID) -> Session:
    return load_session(paths.builtin_sessions_dir() / f"{session_id}.toml")


def shipped_audio(text: str) -> np.ndarray:
    found = shipped_clip(text)
    assert found is not None
    with open_audio(found[0], RATE) as stream:
        return stream.read(stream.frames)


@pytest.fixture
def no_speech_engines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No pyttsx3, no espeak on the PATH, and any synthesis at all fails the test."""
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    monkeypatch.setitem(sys.modules, "pyttsx3", None)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))

    def synthesize(self: speech.SpeechEngine, text: str, voice: str | None = None) -> Path:
        raise AssertionError(f"synthesis ran at play time for “{text}”")

    monkeypatch.setattr(speech.SpeechEngine, "synthesize", synthesize)
    assert speech.find_speech_engine() is None


@pytest.mark.usefixtures("no_speech_engines")
def test_render_of_a_builtin_session_contains_the_shipped_narration(tmp_path: Path) -> None:
    target = tmp_path / "reset.wav"
    assert main(["render", SESSION_ID, "-o", str(target), "--sound-set", "none"]) == 0
    written, rate = soundfile.read(target, dtype="float32")
    timeline = session_timeline(builtin())

    assert rate == RATE
    speak_spans = [span for span in timeline.steps if span.kind == "speak"]
    assert len(speak_spans) == 2
    for span in speak_spans:
        step = timeline.session.steps[span.index]
        assert isinstance(step, SpeakStep)
        clip = shipped_audio(step.text)
        start = span.start_ms * RATE // 1000
        rendered = written[start : start + clip.shape[0]]
        np.testing.assert_allclose(rendered, clip, atol=2 / 32767)  # 16-bit wav rounding
        assert np.abs(clip).max() > 0.3  # real speech, not silence matching silence


@pytest.mark.usefixtures("no_speech_engines")
def test_without_speech_engines_spoken_cues_are_the_shipped_recordings() -> None:
    rendered = render_channels(session_timeline(builtin()), SoundChoice(sound_set="none"))
    timeline = session_timeline(builtin())
    voiced = next(s for s in timeline.steps if s.kind == "breathe" and s.index == 2)

    cues = rendered.buses["cues"][voiced.start_ms * RATE // 1000 : voiced.end_ms * RATE // 1000]
    assert np.abs(cues).max() > 0.2  # "Breathe in", "Breathe out" spoken, not silent


def test_a_step_lasts_its_seconds_or_its_recording_whichever_is_longer() -> None:
    text = next(s.text for s in builtin("body-scan-12").steps if isinstance(s, SpeakStep))
    found = shipped_clip(text)
    assert found is not None
    short = Session("x", "X", (SpeakStep("Short", text, seconds_ms=1000),))
    long = Session("y", "Y", (SpeakStep("Long", text, seconds_ms=found[1].ms + 5000),))

    assert session_timeline(short).duration_ms == found[1].ms
    assert session_timeline(long).duration_ms == found[1].ms + 5000
    assert compile_session(short).duration_ms == 1000  # the file's own seconds, unchanged
    step = short.steps[0]
    assert isinstance(step, SpeakStep)
    assert narration_file(short, step, None) == found[0]
    assert narration_file(short, step, None, natural=False) is None


def test_the_mix_is_balanced_around_narration_at_the_loudness_target() -> None:
    timeline = session_timeline(builtin())
    rendered = render_channels(timeline, SoundChoice(sound_set="soft", ambient="soft-noise"))
    spans = {span.index: span for span in timeline.steps}
    tones = spans[1]  # "Three sighs": tone cues
    speak = spans[0]

    def frames(ms: int) -> int:
        return ms * RATE // 1000

    voice = rendered.level("voice")
    tone = rendered.level("cues", frames(tones.start_ms), frames(tones.end_ms))
    assert voice.lufs == pytest.approx(TARGET_LUFS, abs=2.0)
    assert tone.peak >= 0.35 * voice.peak
    assert voice.lufs - 10.0 <= tone.lufs <= voice.lufs + 3.0  # heard, and not louder
    quiet = render_channels(timeline, SoundChoice(ambient="soft-noise", voice=False))
    step = timeline.session.steps[speak.index]
    assert isinstance(step, SpeakStep)
    found = shipped_clip(step.text)
    assert found is not None
    under_speech = slice(frames(speak.start_ms + 500), frames(speak.start_ms + found[1].ms - 500))
    ducked = np.abs(rendered.buses["ambient"][under_speech]).mean()
    undisturbed = np.abs(quiet.buses["ambient"][under_speech]).mean()
    assert ducked == pytest.approx(undisturbed * 10 ** (-8 / 20), rel=0.02)  # 8 dB under speech
    assert rendered.level("mix").peak <= 1.0


def test_user_volumes_stay_relative_to_the_balance() -> None:
    from pfrelax.audio.mixer import Gains

    timeline = session_timeline(builtin())
    full = render_channels(timeline, SoundChoice(sound_set="soft"), gains=Gains(1.0, 1.0, 0.4))
    half = render_channels(timeline, SoundChoice(sound_set="soft"), gains=Gains(0.5, 1.0, 0.4))

    drop = full.level("voice").lufs - half.level("voice").lufs
    assert drop == pytest.approx(20 * np.log10(2), abs=0.01)
    assert full.level("cues").peak == pytest.approx(half.level("cues").peak)


def test_doctor_prints_the_natural_voice_and_each_channels_loudness(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    assert main(["doctor", "--null"]) == 0
    out = capsys.readouterr().out

    assert "Natural voice: shipped recordings (en_US-joe-medium)\n" in out
    assert "Levels:        a test render of “One-minute reset” at the default volumes\n" in out
    for channel in ("voice", "cues", "ambient", "mix"):
        line = next(line for line in out.splitlines() if line.startswith(f"  {channel}:"))
        assert "LUFS, peak " in line, line
