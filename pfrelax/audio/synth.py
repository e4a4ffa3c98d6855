"""Breath cue sounds, synthesised once with numpy: soft tones, bell plucks and the end bell.

Every cue's audible start is its frame 0 (`ONSET_MS = 0`): a short raised-cosine attack rises from
exactly 0 so the onset is crisp enough to land within a millisecond of a phase boundary, yet never
clicks; a slower second stage then makes the tone feel soft. Every cue fades out to exactly 0.
Levels are set against narration at −20 LUFS as heard (its peaks near 0.5): the breath tones
peak around −12 dBFS, so at the default cue volume they are about as loud as the voice (≈ −20
LUFS) and their peak is ≥ 0.35 × the voice's: clearly heard with eyes closed, never louder.

The "none" set is silent entirely, the end bell included: someone who turns cue sounds off
wants quiet, and the voice (if any) and the screen still say the session is over.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from pfrelax.audio.format import CHANNELS, SAMPLE_RATE, Block

SOUND_SETS: tuple[str, ...] = ("soft", "bell", "none")
SOUND_SET_NAMES: dict[str, str] = {"soft": "Soft tones", "bell": "Bell", "none": "None"}
CUE_KINDS: tuple[str, ...] = ("inhale", "exhale", "hold", "top_up", "end")
ONSET_MS = 0  # where a cue's audible start is, from its first frame
INHALE_DBFS = -12.0  # the breath tones: the cue that matters most
EXHALE_DBFS = -13.0
TOP_UP_DBFS = -15.0
HOLD_DBFS = -24.0  # the hold tick is meant to be barely there
END_BELL_DBFS = -14.0
ATTACK_MS = 6.0  # the crisp first stage of every attack
_ONSET_LEVEL = 0.5  # how far (of the peak) the crisp stage rises before the soft stage

Signal = npt.NDArray[np.float64]


def _db(dbfs: float) -> float:
    return float(10.0 ** (dbfs / 20.0))


def _samples(seconds: float, rate: int) -> int:
    return max(2, round(seconds * rate))


def _rise(n: int) -> Signal:
    """Raised cosine from exactly 0 towards 1 over `n` samples (the last value just below 1)."""
    return 0.5 - 0.5 * np.cos(np.pi * np.arange(n) / n)


def _fall(n: int) -> Signal:
    """Raised cosine from 1 down to exactly 0 at its last sample."""
    return 0.5 + 0.5 * np.cos(np.pi * np.arange(n) / max(1, n - 1))


def _attack(rate: int, soft_seconds: float) -> Signal:
    """Crisp raised-cosine stage to half level, then a soft raised-cosine stage to full."""
    crisp = _samples(ATTACK_MS / 1000.0, rate)
    soft = _samples(soft_seconds, rate)
    return np.concatenate(
        [_ONSET_LEVEL * _rise(crisp), _ONSET_LEVEL + (1.0 - _ONSET_LEVEL) * _rise(soft)]
    )


def _shaped(attack: Signal, total: int, release: int) -> Signal:
    """attack, then full level, then a release that ends at exactly 0; `total` samples long."""
    envelope = np.ones(total)
    head = min(total, attack.size)
    envelope[:head] = attack[:head]
    tail = min(total, release)
    envelope[total - tail :] *= _fall(tail)  # multiplied, so the end is 0 even on a short cue
    return envelope


def _glide(f_start: float, f_end: float, n: int, rate: int, glide_seconds: float) -> Signal:
    """Phase (radians, 0 at sample 0) of a sine that eases from f_start to f_end."""
    t = np.arange(n) / rate
    ease = np.clip(t / glide_seconds, 0.0, 1.0)
    ease = ease * ease * (3.0 - 2.0 * ease)  # smoothstep: no kink where the glide ends
    freq = f_start + (f_end - f_start) * ease
    phase: Signal = 2.0 * np.pi * (np.cumsum(freq) - freq[0]) / rate
    return phase


def _normalise(signal: Signal, peak_dbfs: float) -> Signal:
    peak = float(np.max(np.abs(signal)))
    scaled: Signal = signal * (_db(peak_dbfs) / peak) if peak > 0 else signal
    return scaled


def _stereo(left: Signal, right: Signal | None = None) -> Block:
    both = np.stack([left, left if right is None else right], axis=1)
    return np.ascontiguousarray(both, dtype=np.float32)


def _tone(rate: int, f_start: float, f_end: float, seconds: float, peak_dbfs: float) -> Block:
    """A gliding sine with a quiet fifth above it: soft, round, clearly rising or falling."""
    n = _samples(seconds, rate)
    phase = _glide(f_start, f_end, n, rate, glide_seconds=seconds * 0.6)
    wave = np.sin(phase) + 0.25 * np.sin(1.5 * phase)
    envelope = _shaped(_attack(rate, 0.09), n, release=_samples(seconds * 0.55, rate))
    return _stereo(_normalise(wave * envelope, peak_dbfs))


def _partials(
    rate: int, n: int, base: float, ratios: Sequence[tuple[float, float]], decay: float, beat: float
) -> Signal:
    """Inharmonic partials (ratio, amplitude), higher ones dying faster, each beating gently."""
    t = np.arange(n) / rate
    out = np.zeros(n)
    for ratio, amplitude in ratios:
        freq = base * ratio
        tau = decay / ratio**0.6
        pair = np.sin(2 * np.pi * freq * t) + np.sin(2 * np.pi * (freq + beat * ratio) * t)
        out += amplitude * 0.5 * pair * np.exp(-t / tau)
    return out


_BOWL = ((1.0, 1.0), (2.71, 0.32), (5.13, 0.1), (8.27, 0.035))
_PLUCK = ((1.0, 1.0), (2.76, 0.12), (5.4, 0.03))


def _pluck(rate: int, base: float, seconds: float, decay: float, peak_dbfs: float) -> Block:
    n = _samples(seconds, rate)
    wave = _partials(rate, n, base, _PLUCK, decay, beat=0.0)
    envelope = _shaped(_attack(rate, 0.004), n, release=_samples(seconds * 0.3, rate))
    return _stereo(_normalise(wave * envelope, peak_dbfs))


def _end_bell(rate: int) -> Block:
    """A singing-bowl strike: inharmonic partials, ~5 s decay, beating slightly apart L and R."""
    seconds, base, decay = 6.5, 196.0, 4.5
    n = _samples(seconds, rate)
    envelope = _shaped(_attack(rate, 0.025), n, release=_samples(1.5, rate))
    left = _partials(rate, n, base, _BOWL, decay, beat=0.55) * envelope
    right = _partials(rate, n, base, _BOWL, decay, beat=0.8) * envelope
    scale = _db(END_BELL_DBFS) / float(max(np.max(np.abs(left)), np.max(np.abs(right))))
    return _stereo(left * scale, right * scale)


def _hold_tick(rate: int) -> Block:
    """A very quiet, low, round pluck: "stay here", barely there."""
    return _pluck(rate, 392.0, seconds=0.35, decay=0.08, peak_dbfs=HOLD_DBFS)


def _sip(rate: int) -> Block:
    """A quick, higher blip for the little extra top-up breath."""
    return _tone(rate, 587.0, 660.0, seconds=0.22, peak_dbfs=TOP_UP_DBFS)


def _empty() -> Block:
    return np.zeros((0, CHANNELS), dtype=np.float32)


def _build(sound_set: str, rate: int) -> dict[str, Block]:
    if sound_set == "none":
        return {kind: _empty() for kind in CUE_KINDS}
    if sound_set == "soft":
        inhale = _tone(rate, 330.0, 440.0, seconds=0.8, peak_dbfs=INHALE_DBFS)
        exhale = _tone(rate, 392.0, 294.0, seconds=0.9, peak_dbfs=EXHALE_DBFS)
    else:
        inhale = _pluck(rate, 392.0, seconds=1.4, decay=0.45, peak_dbfs=INHALE_DBFS)
        exhale = _pluck(rate, 294.0, seconds=1.6, decay=0.55, peak_dbfs=EXHALE_DBFS)
    return {
        "inhale": inhale,
        "exhale": exhale,
        "hold": _hold_tick(rate),
        "top_up": _sip(rate),
        "end": _end_bell(rate),
    }


@functools.cache
def _cached_bank(sound_set: str, rate: int) -> tuple[tuple[str, Block], ...]:
    bank = _build(sound_set, rate)
    for block in bank.values():
        block.flags.writeable = False  # shared by every caller: nobody may change it
    return tuple(bank.items())


def cue_bank(sound_set: str, rate: int = SAMPLE_RATE) -> dict[str, Block]:
    """The cues of `sound_set` keyed inhale, exhale, hold, top_up, end (read-only arrays)."""
    if sound_set not in SOUND_SETS:
        raise ValueError(f"unknown sound set {sound_set!r}; choose one of {', '.join(SOUND_SETS)}")
    return dict(_cached_bank(sound_set, rate))
