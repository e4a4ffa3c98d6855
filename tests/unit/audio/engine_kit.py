"""Builders for engine tests: small sessions, a ramp narration file, an offline engine."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile

from pfrelax.audio.backends.offline import OfflineBackend
from pfrelax.audio.engine import AudioEngine, SoundChoice, prepare_sound
from pfrelax.audio.format import CHANNELS, SAMPLE_RATE, Block
from pfrelax.audio.mixer import Gains
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import BreatheStep, Cues, Ramp, RestStep, Session, SpeakStep
from pfrelax.core.timeline import Timeline
from pfrelax.core.transport import Transport
from pfrelax.services.catalog import timeline as session_timeline

RATE = SAMPLE_RATE
FULL = Gains(voice=1.0, cues=1.0, ambient=1.0)
NARRATION_SECONDS = 6


def frames(ms: int) -> int:
    return ms * RATE // 1000


def ramp_content(count: int) -> Block:
    """Every frame different and exactly representable: left rises, right falls."""
    index = np.arange(count, dtype=np.float32) / np.float32(2**20)
    return np.stack([index, -index], axis=1).astype(np.float32)


def write_narration(folder: Path, seconds: int = NARRATION_SECONDS) -> Block:
    """A float wav at the engine's rate (read back bit-exact) as `narration.wav`; its content."""
    content = ramp_content(seconds * RATE)
    soundfile.write(str(folder / "narration.wav"), content, RATE, subtype="FLOAT")
    return content


def narrated_session(folder: Path) -> Session:
    """A 6 s recorded narration, then four silent breaths (cues off): only the voice sounds."""
    return Session(
        id="narrated",
        title="Narrated",
        origin=folder / "narrated.toml",
        steps=(
            SpeakStep("Listen", "A ramp, not words.", audio="narration.wav"),
            BreatheStep("Quiet", parse_shorthand("4-6"), cycles=4, cues=Cues.NONE),
        ),
    )


def paced_session(cues: Cues = Cues.TONES) -> Session:
    """Phases of 2 s or more (longer than any cue sound) with holds, a top-up and a ramp."""
    return Session(
        id="paced",
        title="Paced",
        steps=(
            BreatheStep("Sigh", parse_shorthand("2+2-2-3-2"), cycles=2, cues=cues),
            RestStep("Pause", 2_500),
            BreatheStep(
                "Glide",
                parse_shorthand("3-4"),
                target_ms=40_000,
                cues=cues,
                ramp=Ramp(parse_shorthand("4.3-6.7"), 30_000),
            ),
        ),
    )


def timeline_of(session: Session) -> Timeline:
    return session_timeline(session)


def offline_engine(
    session: Session,
    choice: SoundChoice | None = None,
    *,
    gains: Gains = FULL,
    fade_ms: int = 0,
    seek_fade_ms: int = 0,
    block: int = 1024,
) -> tuple[AudioEngine, OfflineBackend, Transport]:
    """An engine on the offline output, driving a transport with no count-in, ready to start."""
    timeline = timeline_of(session)
    sound = prepare_sound(timeline, choice or SoundChoice(), None, RATE)
    backend = OfflineBackend(RATE, block)
    engine = AudioEngine(backend, sound, gains=gains, fade_ms=fade_ms, seek_fade_ms=seek_fade_ms)
    engine.start()
    transport = Transport(timeline, engine.clock, count_in_ms=0)
    engine.connect(transport)
    return engine, backend, transport


def silence(count: int) -> Block:
    return np.zeros((count, CHANNELS), dtype=np.float32)
