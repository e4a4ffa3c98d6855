"""RR artifact correction: ectopic beats and impossible intervals are replaced and counted."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pfrelax.core.heart.cleaning import clean_rr, find_artifacts


def breathing_stream(beats: int = 600, swing_ms: float = 120.0) -> np.ndarray:
    """A calm heart swinging widely with slow breaths (5.5 a minute), as at resonance."""
    times = np.cumsum(np.full(beats, 0.9))
    return 900 + swing_ms * np.sin(2 * math.pi * times * 5.5 / 60)


def test_a_clean_stream_with_large_breathing_swings_has_nothing_to_correct() -> None:
    cleaned = clean_rr(breathing_stream(swing_ms=200.0))

    assert cleaned.corrected_count == 0
    assert np.array_equal(cleaned.rr_ms, breathing_stream(swing_ms=200.0))


def test_each_injected_ectopic_beat_counts_as_two_corrected_intervals() -> None:
    rr = breathing_stream()
    ectopic_at = [40, 97, 250, 251 + 20, 480]
    for index in ectopic_at:
        normal = rr[index]
        rr[index] = normal * 0.62  # premature
        rr[index + 1] = rr[index + 1] + normal * 0.38  # compensatory pause

    cleaned = clean_rr(rr)

    assert cleaned.corrected_count == 2 * len(ectopic_at)
    expected = sorted(i + k for i in ectopic_at for k in (0, 1))
    assert np.flatnonzero(cleaned.corrected).tolist() == expected
    # A straight line across a quarter breath cuts the wave's curve by at most ~4 %.
    assert np.allclose(cleaned.rr_ms, breathing_stream(), rtol=0.05)


def test_intervals_outside_30_to_220_bpm_are_replaced() -> None:
    rr = np.full(50, 800.0)
    rr[[5, 30]] = [250.0, 2100.0]  # 240 bpm and 28.6 bpm

    cleaned = clean_rr(rr)

    assert cleaned.corrected_count == 2
    assert cleaned.rr_ms[[5, 30]].tolist() == [800.0, 800.0]


def test_edges_of_the_plausible_range_are_kept() -> None:
    assert not find_artifacts(np.array([60_000 / 220, 60_000 / 220, 60_000 / 220])).any()
    assert not find_artifacts(np.array([2000.0, 2000.0, 2000.0])).any()


def test_a_missed_beat_double_interval_is_corrected() -> None:
    rr = np.full(40, 700.0)
    rr[20] = 1400.0

    assert clean_rr(rr).corrected_count == 1


def test_a_stream_with_no_plausible_beat_is_marked_unusable_not_invented() -> None:
    cleaned = clean_rr([100.0, 5000.0, 90.0])

    assert not cleaned.usable
    assert cleaned.corrected_count == 3


@pytest.mark.parametrize("rr", [[], [800.0]])
def test_tiny_streams_are_returned_as_they_are(rr: list[float]) -> None:
    cleaned = clean_rr(rr)

    assert cleaned.rr_ms.tolist() == rr
    assert cleaned.corrected_count == 0
