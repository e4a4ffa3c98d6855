"""Offline text-to-speech for scripts without recorded narration; never touches the network.

Engines, in order of preference: `pyttsx3` when it happens to be installed (the system voices on
Windows and macOS; it is not a dependency), then the `espeak-ng` (or `espeak`) program. Speech is
slow and calm, brought to the narration loudness target, written once to the cache and reused.
"""

from __future__ import annotations

import abc
import hashlib
import importlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import soundfile

from pfrelax import paths
from pfrelax.audio import loudness
from pfrelax.audio.voice_library import MONO_TARGET_LUFS, TARGET_LUFS
from pfrelax.errors import InputError

HOW_TO_GET_VOICES = (
    "Install espeak-ng (Debian/Ubuntu: sudo apt install espeak-ng; "
    "macOS: brew install espeak-ng; Windows: voices come with the system)"
)
WORDS_PER_MINUTE = 140  # slower than conversation (~160–180): calm, easy to follow eyes closed
_ESPEAK_PROGRAMS = ("espeak-ng", "espeak")
_ESPEAK_DEFAULT_VOICE = "en-us+f3"
_ESPEAK_PITCH = 40  # a little below espeak's 50: gentler
_ESPEAK_WORD_GAP = 2  # ×10 ms between words
_TIMEOUT_SECONDS = 60
_PEAK_LIMIT = 0.89  # −1 dBFS


class SpeechError(InputError):
    """The speech engine could not speak a text; the message says which engine and why."""


class SpeechEngine(abc.ABC):
    """Turns text into a cached wav file."""

    name: str

    @abc.abstractmethod
    def voices(self) -> list[str]:
        """Voice names this engine accepts for `synthesize(voice=...)`."""

    @abc.abstractmethod
    def _render(self, text: str, voice: str | None, target: Path) -> None:
        """Write `text` spoken by `voice` as a wav file at `target`."""

    def style(self) -> list[str | int]:
        """Settings besides voice and rate that change how speech sounds (part of the cache key)."""
        return []

    def _level(self, wav: Path) -> None:
        """Bring the clip to the narration loudness target (peaks kept under full scale)."""
        try:
            samples, rate = soundfile.read(wav, dtype="float32", always_2d=True)
            info = soundfile.info(wav)
        except (soundfile.LibsndfileError, OSError, RuntimeError) as error:
            raise SpeechError(f"Speech could not be made with {self.name}: {error}") from error
        target = MONO_TARGET_LUFS if samples.shape[1] == 1 else TARGET_LUFS
        gain = loudness.gain_to(samples, rate, target)
        top = loudness.peak(samples) * gain
        if top > _PEAK_LIMIT:  # quieter rather than clipped
            gain *= _PEAK_LIMIT / top
        soundfile.write(wav, samples * gain, rate, subtype=info.subtype, format="WAV")

    def cache_path(self, text: str, voice: str | None = None) -> Path:
        """Where the clip for (this engine, voice, rate, text, loudness) lives in the cache."""
        fields = [self.name, voice, WORDS_PER_MINUTE, text, *self.style(), TARGET_LUFS]
        key = json.dumps(fields, ensure_ascii=False)
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        return paths.cache_dir() / "speech" / f"{digest}.wav"

    def synthesize(self, text: str, voice: str | None = None) -> Path:
        """The path of a wav of `text` spoken calmly; made once, then served from the cache."""
        target = self.cache_path(text, voice)
        if target.is_file():
            return target
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(suffix=".wav", dir=target.parent)
        os.close(handle)
        try:
            self._render(text, voice, Path(temporary))
            if Path(temporary).stat().st_size == 0:
                raise SpeechError(f"Speech could not be made with {self.name}: it wrote nothing")
            self._level(Path(temporary))
            # A crash mid-write leaves a stray temp file, never a half clip under the real name.
            Path(temporary).replace(target)
        finally:
            Path(temporary).unlink(missing_ok=True)
        return target


@dataclass(frozen=True)
class EspeakEngine(SpeechEngine):
    """The espeak-ng (or older espeak) command-line program."""

    program: str
    name: str = "espeak-ng"

    def style(self) -> list[str | int]:
        return [_ESPEAK_DEFAULT_VOICE, _ESPEAK_PITCH, _ESPEAK_WORD_GAP]

    def voices(self) -> list[str]:
        result = self._run(["--voices"], text=None)
        found: list[str] = []
        for line in result.splitlines()[1:]:
            columns = line.split()
            # mbrola voices need extra data files that are rarely installed.
            if len(columns) >= 5 and not columns[4].startswith("mb/") and columns[1] not in found:
                found.append(columns[1])
        return found

    def _render(self, text: str, voice: str | None, target: Path) -> None:
        self._run(
            [
                "-v",
                voice or _ESPEAK_DEFAULT_VOICE,
                "-s",
                str(WORDS_PER_MINUTE),
                "-p",
                str(_ESPEAK_PITCH),
                "-g",
                str(_ESPEAK_WORD_GAP),
                "-w",
                str(target),
                "--stdin",  # text on stdin: a line starting with "-" is never read as an option
            ],
            text=text,
        )

    def _run(self, arguments: list[str], text: str | None) -> str:
        try:
            done = subprocess.run(
                [self.program, *arguments],
                input=text,
                capture_output=True,
                text=True,
                timeout=_TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SpeechError(f"Speech could not be made with {self.name}: {error}") from error
        if done.returncode != 0:
            reason = done.stderr.strip() or f"exit status {done.returncode}"
            raise SpeechError(f"Speech could not be made with {self.name}: {reason}")
        return done.stdout


@dataclass(frozen=True)
class Pyttsx3Engine(SpeechEngine):
    """The system's voices through pyttsx3 (SAPI5 on Windows, NSSpeechSynthesizer on macOS)."""

    name: str = "pyttsx3"

    def _engine(self) -> Any:
        module = importlib.import_module("pyttsx3")
        return module.init()

    def voices(self) -> list[str]:
        return [str(voice.id) for voice in self._engine().getProperty("voices")]

    def _render(self, text: str, voice: str | None, target: Path) -> None:
        engine = self._engine()
        engine.setProperty("rate", WORDS_PER_MINUTE)
        if voice:
            engine.setProperty("voice", voice)
        engine.save_to_file(text, str(target))
        engine.runAndWait()


def _pyttsx3_works() -> bool:
    try:
        importlib.import_module("pyttsx3").init()
    except Exception:  # noqa: BLE001 — any failure just means "not this engine"
        return False
    return True


def find_speech_engine() -> SpeechEngine | None:
    """The best offline speech engine on this machine, or None (see HOW_TO_GET_VOICES)."""
    if _pyttsx3_works():
        return Pyttsx3Engine()
    for program in _ESPEAK_PROGRAMS:
        found = shutil.which(program)
        if found:
            return EspeakEngine(program=found, name=program)
    return None
