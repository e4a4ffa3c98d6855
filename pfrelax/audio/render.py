"""Render a whole session to an audio file, exactly as it would play: same engine, same mixer.

The offline output pulls blocks from the real engine and each block is written as it comes
(streaming), so an hour's session never sits in memory. The file appears under its name only
once it is complete; a failure leaves no half-written file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import soundfile

from pfrelax.audio.backends.offline import OfflineBackend
from pfrelax.audio.engine import AudioEngine, SoundChoice, prepare_sound
from pfrelax.audio.format import CHANNELS, SAMPLE_RATE
from pfrelax.audio.mixer import Gains
from pfrelax.audio.speech import SpeechEngine
from pfrelax.core.timeline import Timeline
from pfrelax.durable import replace_durably
from pfrelax.errors import InputError

# extension → (libsndfile container, encoding)
FORMATS: dict[str, tuple[str, str]] = {
    ".wav": ("WAV", "PCM_16"),
    ".flac": ("FLAC", "PCM_16"),
    ".ogg": ("OGG", "VORBIS"),
    ".mp3": ("MP3", "MPEG_LAYER_III"),
}
RENDER_BLOCK = 4096

Progress = Callable[[int, int], None]  # (frames done, frames in all)


class RenderError(InputError, ValueError):
    """The output cannot be written; the message names the file and says what to do."""


@dataclass(frozen=True, slots=True)
class Rendered:
    path: Path
    frames: int
    rate: int
    problems: tuple[str, ...]  # narration that could not be opened (it is left out)

    @property
    def duration_ms(self) -> int:
        return self.frames * 1000 // self.rate


def output_format(path: Path) -> tuple[str, str]:
    """The container and encoding for `path`, chosen by its extension."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        kinds = ", ".join(FORMATS)
        shown = path.suffix or "no extension"
        raise RenderError(f"{path}: cannot write {shown} audio; end the name with {kinds}")
    return found


def render_session(
    timeline: Timeline,
    path: Path,
    choice: SoundChoice | None = None,
    speech: SpeechEngine | None = None,
    *,
    gains: Gains | None = None,
    rate: int = SAMPLE_RATE,
    progress: Progress | None = None,
) -> Rendered:
    """Mix `timeline` from its start until the end bell has rung out, into `path`."""
    container, encoding = output_format(path)
    if not path.parent.is_dir():
        raise RenderError(f"{path}: the folder {path.parent} does not exist; create it first")
    sound = prepare_sound(timeline, choice or SoundChoice(), speech, rate)
    backend = OfflineBackend(rate, RENDER_BLOCK)
    engine = AudioEngine(backend, sound, gains=gains)
    total = sound.last_frame
    handle, temporary = tempfile.mkstemp(prefix=".render-", suffix=path.suffix, dir=path.parent)
    os.close(handle)  # soundfile reopens it by name
    try:
        engine.start()
        engine.play_from(0)
        with soundfile.SoundFile(
            temporary, "w", rate, CHANNELS, encoding, format=container
        ) as output:
            done = 0
            for block in backend.blocks(total):
                output.write(block)
                done += block.shape[0]
                if progress is not None:
                    progress(done, total)
        replace_durably(Path(temporary), path)
    except (soundfile.LibsndfileError, OSError) as error:
        raise RenderError(f"{path}: could not be written ({error})") from error
    finally:
        engine.close()
        Path(temporary).unlink(missing_ok=True)
    return Rendered(path, total, rate, sound.problems)
