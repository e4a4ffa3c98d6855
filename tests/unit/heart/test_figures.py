"""Per-run figures on series whose true values are known by construction."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from pfrelax.core.heart.figures import (
    hr_breath_phase,
    lf_power,
    mean_hr,
    peak_to_trough,
    rmssd,
    run_figures,
)
from pfrelax.core.heart.pacing import Breath

CYCLE_S = 10.0
INHALE_S = 4.0


def paced(count: int) -> list[Breath]:
    return [Breath(k * CYCLE_S, k * CYCLE_S + INHALE_S, (k + 1) * CYCLE_S) for k in range(count)]


HeartRate = Callable[[float], float]


def beats_following(hr_at: HeartRate, seconds: float) -> tuple[np.ndarray, np.ndarray]:
    """Beat times and RR of a heart whose rate is `hr_at(t)`, read at each interval's middle."""
    times, rr = [], []
    t = 0.0
    while t < seconds:
        interval = 60 / hr_at(t + 30 / hr_at(t))
        t += interval
        times.append(t)
        rr.append(interval * 1000)
    return np.array(times), np.array(rr)


def swinging(amplitude: float, lead_deg: float = 0.0) -> HeartRate:
    """Heart rate swinging ±amplitude with the breath, peaking `lead_deg` before full lungs."""

    def hr(t: float) -> float:
        angle = 2 * math.pi * (t - INHALE_S) / CYCLE_S + math.radians(lead_deg)
        return 65 + amplitude * math.cos(angle)

    return hr


def test_mean_hr_is_beats_over_time() -> None:
    assert mean_hr(np.array([1000.0, 1000.0, 500.0, 500.0])) == pytest.approx(80.0)


def test_rmssd_of_known_differences() -> None:
    assert rmssd(np.array([800.0, 810.0, 790.0])) == pytest.approx(math.sqrt((100 + 400) / 2))


def test_peak_to_trough_is_the_mean_swing_per_breath() -> None:
    times, rr = beats_following(swinging(6.0), 300)

    assert peak_to_trough(times, rr, paced(30)) == pytest.approx(12.0, abs=1.0)


def test_lf_power_finds_a_slow_wave_and_ignores_a_fast_one() -> None:
    times = np.arange(1, 300, 0.9)
    slow = 900 + 40 * np.sin(2 * math.pi * 0.1 * times)
    fast = 900 + 40 * np.sin(2 * math.pi * 0.3 * times)

    assert lf_power(times, slow) == pytest.approx(40**2 / 2, rel=0.1)
    assert lf_power(times, fast) < 0.02 * lf_power(times, slow)


@pytest.mark.parametrize("lead_deg", [0.0, 45.0, -60.0, 120.0])
def test_phase_says_how_far_before_the_in_breath_ends_the_heart_peaks(lead_deg: float) -> None:
    times, rr = beats_following(swinging(6.0, lead_deg), 300)

    assert hr_breath_phase(times, rr, paced(29)) == pytest.approx(lead_deg, abs=4.0)


def test_run_figures_clean_first_and_say_how_many_beats_were_corrected() -> None:
    times, rr = beats_following(swinging(6.0), 300)
    rr[50] *= 0.6  # one ectopic pair: premature, then the pause after it
    rr[51] += rr[50] / 0.6 * 0.4

    figures = run_figures(times, rr, paced(30))

    assert figures.beats == len(rr)
    assert figures.corrected_beats == 2
    assert figures.mean_hr_bpm == pytest.approx(65, abs=1)
    assert figures.peak_to_trough_bpm == pytest.approx(12.0, abs=1.0)
    assert (figures.lf_power_ms2 or 0) > 0
    assert (figures.rmssd_ms or 0) > 0


def test_run_figures_leave_out_what_the_beats_cannot_support() -> None:
    times, rr = beats_following(swinging(6.0), 40)

    short = run_figures(times, rr)

    assert short.lf_power_ms2 is None  # under a minute
    assert short.peak_to_trough_bpm is None  # no paced breaths given
    assert short.mean_hr_bpm is not None
    assert run_figures([1.0], [900.0]).mean_hr_bpm is None


def test_run_figures_refuse_mismatched_series() -> None:
    with pytest.raises(ValueError, match="3 beat times for 2 RR"):
        run_figures([1.0, 2.0, 3.0], [900.0, 900.0])
