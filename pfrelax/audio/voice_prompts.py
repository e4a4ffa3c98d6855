"""Short spoken breath prompts ("Breathe in", "Breathe out", …) for breathe steps with voice cues.

Each clip is spoken by the offline speech engine, decoded and resampled like any narration, then
trimmed so the first word starts at frame 0 — like a cue tone, the prompt's onset is the phase
boundary — with a few milliseconds of fade so the trim never clicks.
"""

from __future__ import annotations

import numpy as np

from pfrelax.audio.decode import AudioDecodeError, open_audio
from pfrelax.audio.format import SAMPLE_RATE, Block
from pfrelax.audio.speech import SpeechEngine, SpeechError

PROMPT_TEXTS: dict[str, str] = {
    "inhale": "Breathe in",
    "exhale": "Breathe out",
    "hold": "Hold",
    "top_up": "A little more in",
}
PEAK_DBFS = -14.0  # a touch above the cue tones, which sit around −18 dBFS
_SILENCE_DBFS = -45.0  # quieter than this at either end counts as the engine's padding
_FADE_IN_MS = 3.0
_FADE_OUT_MS = 25.0

_cache: dict[tuple[SpeechEngine, int], dict[str, Block]] = {}


def _trimmed(clip: Block, rate: int) -> Block:
    """Cut leading and trailing silence; fade the edges; scale to PEAK_DBFS."""
    loud = np.nonzero(np.max(np.abs(clip), axis=1) > 10.0 ** (_SILENCE_DBFS / 20.0))[0]
    if loud.size == 0:
        return np.zeros((0, clip.shape[1]), dtype=np.float32)
    out = np.array(clip[loud[0] : loud[-1] + 1], dtype=np.float64)
    fade_in = min(out.shape[0], max(2, round(_FADE_IN_MS * rate / 1000)))
    fade_out = min(out.shape[0], max(2, round(_FADE_OUT_MS * rate / 1000)))
    out[:fade_in] *= (0.5 - 0.5 * np.cos(np.pi * np.arange(fade_in) / fade_in))[:, None]
    ramp = np.arange(fade_out) / max(1, fade_out - 1)
    out[out.shape[0] - fade_out :] *= (0.5 + 0.5 * np.cos(np.pi * ramp))[:, None]
    out *= 10.0 ** (PEAK_DBFS / 20.0) / float(np.max(np.abs(out)))
    return np.ascontiguousarray(out, dtype=np.float32)


def _spoken(engine: SpeechEngine, text: str, rate: int) -> Block:
    path = engine.synthesize(text)
    with open_audio(path, rate, display_name=f"spoken prompt “{text}”") as stream:
        clip = stream.read(stream.frames)
    if stream.error is not None:
        raise stream.error
    return _trimmed(clip, rate)


def voice_prompt_bank(
    engine: SpeechEngine | None, rate: int = SAMPLE_RATE
) -> dict[str, Block] | None:
    """Prompts keyed inhale, exhale, hold, top_up (read-only); None without a working engine."""
    if engine is None:
        return None
    key = (engine, rate)
    if key not in _cache:
        try:
            bank = {kind: _spoken(engine, text, rate) for kind, text in PROMPT_TEXTS.items()}
        except (SpeechError, AudioDecodeError):
            return None  # not cached: a later call may find the engine working again
        for block in bank.values():
            block.flags.writeable = False  # shared by every caller: nobody may change it
        _cache[key] = bank
    return dict(_cache[key])
