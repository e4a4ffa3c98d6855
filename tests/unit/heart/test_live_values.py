"""The live values: the last breath's swing, how much the heart follows the breath, the trace."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from pfrelax.core.heart.cleaning import FloatArray
from pfrelax.core.heart.live import following as following_share
from pfrelax.core.heart.live import last_breath_swing, live_values
from pfrelax.core.heart.pacing import Breath

BREATHS = tuple(Breath(10.0 * k, 10.0 * k + 4, 10.0 * (k + 1)) for k in range(12))


def heart(
    swing_bpm: float, noise_bpm: float = 0.0, seconds: float = 120.0, seed: int = 1
) -> tuple[FloatArray, FloatArray]:
    """Beats of a heart whose rate follows six-a-minute breaths by `swing_bpm` peak to trough,
    peaking at the end of each in-breath, plus random wobble."""
    rng = random.Random(seed)
    times: list[float] = []
    rr: list[float] = []
    t = 0.0
    while t < seconds:
        angle = 2 * math.pi * ((t % 10) - 4) / 10
        bpm = 66 + swing_bpm / 2 * math.cos(angle) + rng.gauss(0, noise_bpm)
        t += 60 / bpm
        times.append(t)
        rr.append(60_000 / bpm)
    return np.asarray(times), np.asarray(rr)


def test_a_heart_moving_only_with_the_breath_follows_it_almost_wholly() -> None:
    times, rr = heart(swing_bpm=12)
    share = following_share(times, rr, BREATHS, now_s=100)
    assert share is not None
    assert share > 0.9


def test_a_heart_moving_with_something_else_follows_the_breath_little() -> None:
    times, rr = heart(swing_bpm=0.5, noise_bpm=4)
    share = following_share(times, rr, BREATHS, now_s=100)
    assert share is not None
    assert share < 0.3


def test_too_few_breaths_or_beats_say_nothing() -> None:
    times, rr = heart(swing_bpm=12)
    assert following_share(times, rr, BREATHS, now_s=25) is None  # two breaths done, four needed
    assert following_share(times[:3], rr[:3], BREATHS, now_s=100) is None


def test_the_last_breath_swing_is_its_fastest_minus_its_slowest_beat() -> None:
    times, rr = heart(swing_bpm=12)
    found = last_breath_swing(times, rr, BREATHS, now_s=55)
    assert found is not None
    breath, swing = found
    assert breath == BREATHS[4]  # ended at 50 s; the next ends at 60 s
    assert swing == pytest.approx(12, abs=1.5)
    assert last_breath_swing(times, rr, BREATHS, now_s=5) is None


def test_live_values_clean_the_beats_and_keep_the_trace_window() -> None:
    times, rr = heart(swing_bpm=8)
    rr[50] = 300.0  # a glitch: 200 bpm between two beats of about 66
    values = live_values(times.tolist(), rr.tolist(), BREATHS, 110, trace_s=200)
    assert values.corrected_beats == 1
    assert values.bpm == pytest.approx(66, abs=6)
    assert max(bpm for _, bpm in values.trace) < 80  # the glitch is not drawn
    recent = live_values(times.tolist(), rr.tolist(), BREATHS, 110, trace_s=30)
    assert 29 < recent.trace[-1][0] - recent.trace[0][0] <= 30
