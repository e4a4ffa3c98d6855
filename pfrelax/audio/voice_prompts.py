"""Short spoken breath prompts ("Breathe in", "Breathe out", …) for breathe steps with voice cues.

Each prompt is the shipped natural-voice recording when there is one, else spoken by the offline
speech engine; decoded and resampled like any narration, then trimmed so the first word starts
at frame 0 — like a cue tone, the prompt's onset is the phase boundary — with a few milliseconds
of fade so the trim never clicks. Both sources are already at the narration loudness target, so
prompts sit level with the narration.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

from pfrelax.audio.decode import AudioDecodeError, open_audio
from pfrelax.audio.format import SAMPLE_RATE, Block
from pfrelax.audio.speech import SpeechEngine, SpeechError
from pfrelax.audio.voice_library import shipped_clip

PROMPT_TEXTS: dict[str, str] = {
    "inhale": "Breathe in",
    "exhale": "Breathe out",
    "hold": "Hold",
    "top_up": "A little more in",
}
# The count-in's spoken numbers, keyed by the whole seconds left when each is said.
COUNT_TEXTS: dict[int, str] = {3: "Three", 2: "Two", 1: "One"}
_SILENCE_DBFS = -45.0  # quieter than this at either end counts as the engine's padding
_FADE_IN_MS = 3.0
_FADE_OUT_MS = 25.0

_cache: dict[tuple[SpeechEngine | None, int, bool], dict[str, Block]] = {}
_count_cache: dict[tuple[SpeechEngine | None, int, bool], dict[int, Block]] = {}
_said_cache: dict[tuple[SpeechEngine | None, int, bool, str], Block] = {}


def _trimmed(clip: Block, rate: int) -> Block:
    """Cut leading and trailing silence; fade the edges."""
    loud = np.nonzero(np.max(np.abs(clip), axis=1) > 10.0 ** (_SILENCE_DBFS / 20.0))[0]
    if loud.size == 0:
        return np.zeros((0, clip.shape[1]), dtype=np.float32)
    out = np.array(clip[loud[0] : loud[-1] + 1], dtype=np.float64)
    fade_in = min(out.shape[0], max(2, round(_FADE_IN_MS * rate / 1000)))
    fade_out = min(out.shape[0], max(2, round(_FADE_OUT_MS * rate / 1000)))
    out[:fade_in] *= (0.5 - 0.5 * np.cos(np.pi * np.arange(fade_in) / fade_in))[:, None]
    ramp = np.arange(fade_out) / max(1, fade_out - 1)
    out[out.shape[0] - fade_out :] *= (0.5 + 0.5 * np.cos(np.pi * ramp))[:, None]
    return np.ascontiguousarray(out, dtype=np.float32)


def _source(engine: SpeechEngine | None, text: str, natural: bool) -> Path:
    shipped = shipped_clip(text) if natural else None
    if shipped is not None:
        return shipped[0]
    if engine is None:
        raise SpeechError(f"no recording of “{text}” and no speech engine")
    return engine.synthesize(text)


def _spoken(engine: SpeechEngine | None, text: str, rate: int, natural: bool) -> Block:
    path = _source(engine, text, natural)
    with open_audio(path, rate, display_name=f"spoken prompt “{text}”") as stream:
        clip = stream.read(stream.frames)
    if stream.error is not None:
        raise stream.error
    return _trimmed(clip, rate)


def voice_prompt_bank(
    engine: SpeechEngine | None, rate: int = SAMPLE_RATE, *, natural: bool = True
) -> dict[str, Block] | None:
    """Prompts keyed inhale, exhale, hold, top_up (read-only); None when they cannot be spoken.

    With `natural`, the shipped recordings come first and need no engine at all.
    """
    key = (engine, rate, natural)
    if key not in _cache:
        try:
            bank = {
                kind: _spoken(engine, text, rate, natural) for kind, text in PROMPT_TEXTS.items()
            }
        except (SpeechError, AudioDecodeError):
            return None  # not cached: a later call may find the engine working again
        for block in bank.values():
            block.flags.writeable = False  # shared by every caller: nobody may change it
        _cache[key] = bank
    return dict(_cache[key])


def count_in_bank(
    engine: SpeechEngine | None, rate: int = SAMPLE_RATE, *, natural: bool = True
) -> dict[int, Block] | None:
    """The count-in's numbers keyed 3, 2, 1 (read-only), trimmed like the prompts; None when
    they cannot be spoken. Same sources, in the same order, as `voice_prompt_bank`."""
    key = (engine, rate, natural)
    if key not in _count_cache:
        try:
            bank = {n: _spoken(engine, text, rate, natural) for n, text in COUNT_TEXTS.items()}
        except (SpeechError, AudioDecodeError):
            return None
        for block in bank.values():
            block.flags.writeable = False
        _count_cache[key] = bank
    return dict(_count_cache[key])


def practice_bank(
    engine: SpeechEngine | None,
    texts: Iterable[str],
    rate: int = SAMPLE_RATE,
    *,
    natural: bool = True,
) -> dict[str, Block]:
    """Pelvic floor and dilator cues keyed by their words (read-only), trimmed like the prompts.

    A cue that cannot be spoken is left out (its moment stays quiet, the words still show),
    so one missing recording never silences the others.
    """
    bank: dict[str, Block] = {}
    for text in dict.fromkeys(texts):
        key = (engine, rate, natural, text)
        if key not in _said_cache:
            try:
                block = _spoken(engine, text, rate, natural)
            except (SpeechError, AudioDecodeError):
                continue
            block.flags.writeable = False
            _said_cache[key] = block
        bank[text] = _said_cache[key]
    return bank
