"""How loud each channel of a session is: integrated loudness (LUFS) and peak, bus by bus.

The buses are the mixer's own (voice, cues, ambient) at the person's gains, and the finished
mix after the limiter, so the figures are those of what plays. `pfrelax doctor` prints them for a
short built-in session; tests hold the balance to its targets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pfrelax.audio import loudness
from pfrelax.audio.engine import SoundChoice, prepare_sound
from pfrelax.audio.format import CHANNELS, SAMPLE_RATE, Block
from pfrelax.audio.mixer import Gains, Mixer, apply_gain, soft_limit
from pfrelax.audio.speech import SpeechEngine
from pfrelax.core.timeline import Timeline

CHANNEL_NAMES = ("voice", "cues", "ambient", "mix")
_BLOCK = 4096


@dataclass(frozen=True, slots=True)
class Level:
    """One channel's integrated loudness (−inf when silent) and sample peak."""

    lufs: float
    peak: float

    def describe(self) -> str:
        if self.peak == 0.0:
            return "silent"
        shown = f"{self.lufs:6.1f} LUFS" if np.isfinite(self.lufs) else "  (too short) "
        return f"{shown}, peak {self.peak:.2f}"


@dataclass(frozen=True, slots=True)
class Rendered:
    """A session's buses at the given gains, and its finished mix; frames × channels each."""

    rate: int
    buses: dict[str, Block]

    def level(self, channel: str, start: int = 0, end: int | None = None) -> Level:
        samples = self.buses[channel][start:end]
        return Level(loudness.integrated_lufs(samples, self.rate), loudness.peak(samples))


def render_channels(
    timeline: Timeline,
    choice: SoundChoice | None = None,
    speech: SpeechEngine | None = None,
    gains: Gains | None = None,
    rate: int = SAMPLE_RATE,
) -> Rendered:
    """Render `timeline` whole, bus by bus (for a short session: it is held in memory)."""
    steady = gains or Gains()
    sound = prepare_sound(timeline, choice or SoundChoice(), speech, rate)
    try:
        mixer = Mixer(sound, _BLOCK)
        total = sound.last_frame
        out = {name: np.zeros((total, CHANNELS), dtype=np.float32) for name in CHANNEL_NAMES}
        for start in range(0, total, _BLOCK):
            frames = min(_BLOCK, total - start)
            buses = mixer.render_buses(start, frames)
            for name, bus, gain in zip(
                CHANNEL_NAMES, buses, (steady.voice, steady.cues, steady.ambient), strict=False
            ):
                apply_gain(bus, gain, gain)
                out[name][start : start + frames] = bus
        mix = out["voice"] + out["cues"] + out["ambient"]
        out["mix"] = soft_limit(mix * np.float32(steady.master))
    finally:
        sound.close()
    return Rendered(rate, out)


def channel_levels(rendered: Rendered) -> dict[str, Level]:
    """Every channel's level over the whole render."""
    return {name: rendered.level(name) for name in CHANNEL_NAMES}
