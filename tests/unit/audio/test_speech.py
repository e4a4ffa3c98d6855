"""Offline speech: finding an engine, speaking into the cache once, the spoken breath prompts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile

from pfrelax.audio import loudness, voice_prompts
from pfrelax.audio.format import CHANNELS, SAMPLE_RATE
from pfrelax.audio.speech import (
    HOW_TO_GET_VOICES,
    WORDS_PER_MINUTE,
    EspeakEngine,
    Pyttsx3Engine,
    SpeechEngine,
    SpeechError,
    find_speech_engine,
)
from pfrelax.audio.voice_library import MONO_TARGET_LUFS
from pfrelax.audio.voice_prompts import PROMPT_TEXTS, voice_prompt_bank

from .audio_measure import peak_dbfs

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(ESPEAK is None, reason="needs espeak-ng (CI installs it)")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    monkeypatch.setitem(sys.modules, "pyttsx3", None)  # as if not installed, whatever is here
    voice_prompts._cache.clear()
    yield tmp_path / "home"
    voice_prompts._cache.clear()


def espeak() -> SpeechEngine:
    engine = find_speech_engine()
    assert isinstance(engine, EspeakEngine)
    return engine


def test_the_settings_page_can_say_how_to_get_voices() -> None:
    assert HOW_TO_GET_VOICES == (
        "Install espeak-ng (Debian/Ubuntu: sudo apt install espeak-ng; "
        "macOS: brew install espeak-ng; Windows: voices come with the system)"
    )


@needs_espeak
def test_espeak_ng_on_the_path_is_found() -> None:
    engine = espeak()

    assert engine.name == "espeak-ng"
    assert "en-us" in engine.voices()


def test_without_any_engine_there_is_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))

    assert find_speech_engine() is None


@needs_espeak
def test_speaking_writes_a_wav_in_the_cache_that_decodes(home: Path) -> None:
    path = espeak().synthesize("Let your belly soften.")

    assert path.parent == home / "cache" / "speech"
    assert path.suffix == ".wav"
    data, rate = soundfile.read(str(path))
    assert rate > 0
    assert data.shape[0] > rate * 0.5
    assert np.abs(data).max() > 0.1
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


@needs_espeak
def test_spoken_text_is_brought_to_the_narration_loudness() -> None:
    path = espeak().synthesize("Let your shoulders drop, and your jaw soften. Breathe out slowly.")
    data, rate = soundfile.read(str(path))

    assert data.ndim == 1  # mono: it plays on both channels, at TARGET_LUFS as heard
    assert loudness.integrated_lufs(data, rate) == pytest.approx(MONO_TARGET_LUFS, abs=0.5)
    assert np.abs(data).max() <= 0.9


@needs_espeak
def test_the_same_words_are_spoken_once_then_served_from_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = espeak()
    first = engine.synthesize("Breathe in")

    def no_second_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the engine ran again for cached speech")

    monkeypatch.setattr(subprocess, "run", no_second_run)

    assert engine.synthesize("Breathe in") == first


def test_different_words_or_voices_get_different_files() -> None:
    engine = EspeakEngine(program="espeak-ng")

    paths = {
        engine.cache_path("Breathe in"),
        engine.cache_path("Breathe out"),
        engine.cache_path("Breathe in", voice="en-gb"),
        EspeakEngine(program="espeak", name="espeak").cache_path("Breathe in"),
    }
    assert len(paths) == 4


@needs_espeak
def test_text_that_starts_with_a_dash_is_spoken_not_read_as_an_option() -> None:
    path = espeak().synthesize("-v is not a voice")

    assert soundfile.info(str(path)).frames > 0


def test_a_failing_engine_says_so_and_leaves_nothing_in_the_cache(home: Path) -> None:
    false = shutil.which("false")
    assert false is not None
    engine = EspeakEngine(program=false)

    with pytest.raises(SpeechError) as caught:
        engine.synthesize("Breathe in")

    assert str(caught.value) == "Speech could not be made with espeak-ng: exit status 1"
    assert list((home / "cache" / "speech").iterdir()) == []


def test_a_missing_program_is_a_speech_error(tmp_path: Path) -> None:
    engine = EspeakEngine(program=str(tmp_path / "espeak-ng"))

    with pytest.raises(SpeechError, match=r"^Speech could not be made with espeak-ng: "):
        engine.synthesize("Breathe in")


class FakePyttsx3:
    """Stands in for pyttsx3's engine object: writes a short tone where asked."""

    def __init__(self, spoken: list[dict[str, Any]]) -> None:
        self.spoken = spoken
        self.properties: dict[str, Any] = {}
        self.pending: tuple[str, str] | None = None

    def setProperty(self, name: str, value: Any) -> None:
        self.properties[name] = value

    def getProperty(self, name: str) -> Any:
        assert name == "voices"
        return [types.SimpleNamespace(id="calm-voice")]

    def save_to_file(self, text: str, filename: str) -> None:
        self.pending = (text, filename)

    def runAndWait(self) -> None:
        assert self.pending is not None
        text, filename = self.pending
        tone = 0.3 * np.sin(2 * np.pi * 220 * np.arange(11_025) / 22_050)
        soundfile.write(filename, tone, 22_050, format="WAV")
        self.spoken.append({"text": text, **self.properties})


def test_pyttsx3_is_preferred_when_it_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    spoken: list[dict[str, Any]] = []
    fake = types.ModuleType("pyttsx3")
    fake.init = lambda: FakePyttsx3(spoken)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pyttsx3", fake)

    engine = find_speech_engine()
    assert isinstance(engine, Pyttsx3Engine)
    path = engine.synthesize("Breathe out", voice="calm-voice")

    assert engine.voices() == ["calm-voice"]
    assert soundfile.info(str(path)).frames == 11_025
    assert spoken == [{"text": "Breathe out", "rate": WORDS_PER_MINUTE, "voice": "calm-voice"}]


def test_a_broken_pyttsx3_falls_back_to_espeak(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise OSError("no speech driver")

    fake = types.ModuleType("pyttsx3")
    fake.init = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pyttsx3", fake)
    program = tmp_path / "espeak"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))

    assert find_speech_engine() == EspeakEngine(program=str(program), name="espeak")


# --- spoken breath prompts -------------------------------------------------------------------


def test_no_engine_and_no_natural_voice_means_no_voice_prompts() -> None:
    assert voice_prompt_bank(None, natural=False) is None


def test_an_engine_that_fails_means_no_voice_prompts() -> None:
    false = shutil.which("false")
    assert false is not None

    assert voice_prompt_bank(EspeakEngine(program=false), natural=False) is None


def test_without_any_engine_the_shipped_natural_voice_speaks_the_prompts() -> None:
    false = shutil.which("false")
    assert false is not None

    for engine in (None, EspeakEngine(program=false)):
        bank = voice_prompt_bank(engine)
        assert bank is not None
        assert set(bank) == set(PROMPT_TEXTS)
        for kind, clip in bank.items():
            assert 0.2 * SAMPLE_RATE < clip.shape[0] < 2.5 * SAMPLE_RATE, kind
            assert -10.0 < peak_dbfs(clip) < -1.0, kind  # the narration's level, not a tone's


@needs_espeak
def test_voice_prompts_start_on_the_beat_at_a_steady_level() -> None:
    bank = voice_prompt_bank(espeak(), natural=False)

    assert bank is not None
    assert set(bank) == set(PROMPT_TEXTS) == {"inhale", "exhale", "hold", "top_up"}
    for kind, clip in bank.items():
        loud = np.nonzero(np.abs(clip).max(axis=1) > 10 ** (-45 / 20))[0]
        assert clip.dtype == np.float32, kind
        assert clip.shape[1] == CHANNELS, kind
        assert 0.2 * SAMPLE_RATE < clip.shape[0] < 2.5 * SAMPLE_RATE, kind
        assert np.all(clip[0] == 0.0), kind
        assert loud[0] < SAMPLE_RATE * 0.005, kind  # the word starts within 5 ms: no lead-in
        assert np.all(np.abs(clip[-1]) < 1e-6), kind
        assert -12.0 < peak_dbfs(clip) <= -1.0, kind  # brought to the narration's loudness


@needs_espeak
def test_voice_prompts_are_made_once_and_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = espeak()
    first = voice_prompt_bank(engine, natural=False)
    assert first is not None
    voice_prompts._cache.clear()
    monkeypatch.setattr(subprocess, "run", None)  # the disk cache must serve a fresh bank

    second = voice_prompt_bank(engine, natural=False)
    third = voice_prompt_bank(engine, natural=False)

    assert second is not None
    assert third is not None
    assert third["inhale"] is second["inhale"]
    assert np.array_equal(second["exhale"], first["exhale"])
    with pytest.raises(ValueError, match="read-only"):
        second["hold"][0, 0] = 1.0
