"""The BS.1770 loudness meter agrees with pyloudnorm's, and gating and peaks behave."""

from __future__ import annotations

import math

import numpy as np
import pyloudnorm
import pytest

from pfrelax.audio import loudness


def _signals(rate: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    t = np.arange(rate * 4) / rate
    quiet_start = rng.normal(0.0, 0.1, (rate * 4, 2))
    quiet_start[:rate] *= 0.001  # a near-silent second the gates must leave out
    bursts = np.sin(2 * np.pi * 220 * t) * (np.sin(2 * np.pi * 0.5 * t) > 0)
    return {
        "noise, quiet start": quiet_start,
        "low hum (K-weighting's high-pass)": 0.3 * np.sin(2 * np.pi * 60 * t),
        "bright tone (the shelf)": 0.2 * np.sin(2 * np.pi * 5000 * t),
        "speech-like bursts": 0.25 * bursts,
    }


@pytest.mark.parametrize("rate", [48_000, 44_100, 22_050])
def test_integrated_loudness_matches_pyloudnorm(rate: int) -> None:
    meter = pyloudnorm.Meter(rate)
    for label, signal in _signals(rate).items():
        ours = loudness.integrated_lufs(signal, rate)
        theirs = meter.integrated_loudness(signal)
        assert ours == pytest.approx(theirs, abs=0.05), label


def test_silence_has_no_loudness() -> None:
    assert loudness.integrated_lufs(np.zeros(48_000), 48_000) == -math.inf
    assert loudness.integrated_lufs(np.zeros((0, 2)), 48_000) == -math.inf
    assert loudness.gain_to(np.zeros(48_000), 48_000, -20.0) == 1.0


def test_a_clip_shorter_than_a_block_is_measured_as_one_block() -> None:
    rate = 48_000
    t = np.arange(rate * 2) / rate
    tone = 0.2 * np.sin(2 * np.pi * 1000 * t)
    whole = loudness.integrated_lufs(tone, rate)
    short = loudness.integrated_lufs(tone[: rate * 3 // 10], rate)  # 300 ms, one word

    assert math.isfinite(short)
    assert short == pytest.approx(whole, abs=0.3)


def test_gain_to_brings_a_signal_to_the_target() -> None:
    signal = _signals(48_000)["speech-like bursts"]
    gain = loudness.gain_to(signal, 48_000, -20.0)

    assert loudness.integrated_lufs(signal * gain, 48_000) == pytest.approx(-20.0, abs=0.01)
    assert loudness.peak(signal * gain) == pytest.approx(0.25 * gain, rel=1e-6)
    assert loudness.peak(np.zeros((0, 2))) == 0.0


@pytest.mark.parametrize("rate", [48_000, 44_100])
@pytest.mark.parametrize("block", [4096, 1000])
def test_the_streaming_meter_agrees_with_pyloudnorm_block_by_block(rate: int, block: int) -> None:
    pyln = pyloudnorm.Meter(rate)
    long = np.tile(_signals(rate)["noise, quiet start"], (3, 1))  # 12 s: more than one chunk
    for label, signal in {**_signals(rate), "twelve seconds": long}.items():
        meter = loudness.LoudnessMeter(rate)
        for start in range(0, signal.shape[0], block):
            meter.feed(signal[start : start + block])
        assert meter.integrated() == pytest.approx(pyln.integrated_loudness(signal), abs=0.05)
        assert meter.peak == loudness.peak(signal), label
