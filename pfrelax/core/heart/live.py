"""Live heart figures while a session plays: the last breath's swing and how closely the heart
follows the breath over the last few breaths. Pure; beats in seconds of session time."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pfrelax.core.heart.cleaning import FloatArray, clean_rr
from pfrelax.core.heart.figures import resample_evenly
from pfrelax.core.heart.pacing import Breath

FOLLOWING_BREATHS = 4  # the recent window the resonance indicator looks at
MIN_BEATS_PER_BREATH = 2
LATEST_BEATS = 5  # the current heart rate: the median of the last few beats, calm and steady


def last_breath_swing(
    times_s: FloatArray, rr_ms: FloatArray, breaths: Sequence[Breath], now_s: float
) -> tuple[Breath, float] | None:
    """The last breath that ended by `now_s` and its peak-to-trough heart rate (bpm)."""
    done = [breath for breath in breaths if breath.end_s <= now_s]
    if not done:
        return None
    breath = done[-1]
    inside = (times_s >= breath.start_s) & (times_s < breath.end_s)
    if int(inside.sum()) < MIN_BEATS_PER_BREATH:
        return None
    hr = 60_000 / rr_ms[inside]
    return breath, float(hr.max() - hr.min())


def following(
    times_s: FloatArray,
    rr_ms: FloatArray,
    breaths: Sequence[Breath],
    now_s: float,
    window: int = FOLLOWING_BREATHS,
) -> float | None:
    """How much of the heart rate's movement follows the breath, 0 to 1, over the last
    `window` breaths that ended by `now_s`; None when there are too few beats to say.

    The share of the heart rate's variance that lies in its wave at the breathing rhythm (the
    Fourier component at each breath's own rate): 1 is a heart rate rising and falling with every
    breath and nothing else, 0 one that moves with something else or not at all.
    """
    done = [breath for breath in breaths if breath.end_s <= now_s][-window:]
    if len(done) < window:
        return None
    inside = (times_s >= done[0].start_s - 2) & (times_s < done[-1].end_s + 2)
    if int(inside.sum()) < MIN_BEATS_PER_BREATH * window:
        return None
    times, rr = times_s[inside], rr_ms[inside]
    grid, hr = resample_evenly(times - rr / 2000, 60_000 / rr)
    keep = (grid >= done[0].start_s) & (grid < done[-1].end_s)
    grid, hr = grid[keep], hr[keep] - hr[keep].mean()
    variance = float(np.mean(hr**2)) if hr.size else 0.0
    if variance <= 0:
        return None
    wave = np.zeros(grid.size, dtype=np.complex128)
    for breath in done:
        span = (grid >= breath.start_s) & (grid < breath.end_s)
        angle = 2 * np.pi * (grid[span] - breath.inhale_end_s) / breath.cycle_s
        wave[span] = np.exp(-1j * angle)
    amplitude = 2 * abs(complex(np.sum(hr * wave))) / grid.size
    share = amplitude**2 / 2 / variance  # a sine of amplitude A has variance A²/2
    return min(1.0, share) if math.isfinite(share) else None


@dataclass(frozen=True, slots=True)
class LiveValues:
    bpm: float | None
    last_swing_bpm: float | None
    following: float | None
    trace: tuple[tuple[float, float], ...]  # (session s, bpm), cleaned
    corrected_beats: int


def live_values(
    times_s: Sequence[float],
    raw_rr_ms: Sequence[float],
    breaths: Sequence[Breath],
    now_s: float,
    trace_s: float,
) -> LiveValues:
    """Everything the player shows, from the recent beats (raw RR; cleaned here)."""
    cleaned = clean_rr(np.asarray(raw_rr_ms, dtype=np.float64))
    if not cleaned.usable:
        return LiveValues(None, None, None, (), cleaned.corrected_count)
    times, rr = np.asarray(times_s, dtype=np.float64), cleaned.rr_ms
    swing = last_breath_swing(times, rr, breaths, now_s)
    shown = times >= times[-1] - trace_s
    hr = 60_000 / rr
    return LiveValues(
        bpm=float(60_000 / np.median(rr[-LATEST_BEATS:])),
        last_swing_bpm=swing[1] if swing is not None else None,
        following=following(times, rr, breaths, now_s),
        trace=tuple(zip(times[shown].tolist(), hr[shown].tolist(), strict=True)),
        corrected_beats=cleaned.corrected_count,
    )
