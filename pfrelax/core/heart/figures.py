"""Per-run heart figures: mean HR, RMSSD, breath-by-breath peak-to-trough, LF power, phase.

Beats are given as two parallel series: the time each beat happened (seconds, on the session's
clock) and the RR interval (ms) that ended with it. Pass cleaned RR (see `cleaning`); the figures
say how many beats were corrected so none is taken for more than it is.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pfrelax.core.heart.cleaning import FloatArray, clean_rr
from pfrelax.core.heart.pacing import Breath

RESAMPLE_HZ = 4.0
LF_BAND_HZ = (0.04, 0.15)
MIN_LF_SPAN_S = 60.0  # shorter than a minute holds too few slow waves to weigh


@dataclass(frozen=True, slots=True)
class RunFigures:
    """What a run with a heart source on gets stored with (None: not enough beats to say)."""

    beats: int
    corrected_beats: int
    mean_hr_bpm: float | None
    rmssd_ms: float | None
    peak_to_trough_bpm: float | None
    lf_power_ms2: float | None


def mean_hr(rr_ms: FloatArray) -> float:
    """Beats per minute over the whole stretch (total beats over total time, not mean of rates)."""
    return float(60_000 / np.mean(rr_ms))


def rmssd(rr_ms: FloatArray) -> float:
    """Root mean square of successive RR differences (ms): beat-to-beat variability."""
    return float(np.sqrt(np.mean(np.diff(rr_ms) ** 2)))


def resample_evenly(
    times_s: FloatArray, values: FloatArray, hz: float = RESAMPLE_HZ
) -> tuple[FloatArray, FloatArray]:
    """`values` at beat times, linearly interpolated on an even grid from the first beat on."""
    grid = np.arange(times_s[0], times_s[-1], 1 / hz)
    return grid, np.interp(grid, times_s, values)


def lf_power(times_s: FloatArray, rr_ms: FloatArray, hz: float = RESAMPLE_HZ) -> float:
    """Power (ms²) of the RR series in 0.04–0.15 Hz: one Hann-windowed periodogram, detrended."""
    _, even = resample_evenly(times_s, rr_ms, hz)
    ticks = np.arange(even.size, dtype=np.float64)
    even = even - np.polyval(np.polyfit(ticks, even, 1), ticks)
    window = np.hanning(even.size)
    spectrum = np.abs(np.fft.rfft(even * window)) ** 2
    density = 2 * spectrum / (hz * float(np.sum(window**2)))  # one-sided, ms²/Hz
    freqs = np.fft.rfftfreq(even.size, 1 / hz)
    band = (freqs >= LF_BAND_HZ[0]) & (freqs <= LF_BAND_HZ[1])
    return float(np.sum(density[band]) * (freqs[1] - freqs[0]))


def peak_to_trough(times_s: FloatArray, rr_ms: FloatArray, breaths: Sequence[Breath]) -> float:
    """Mean over breaths of (highest − lowest) beat heart rate within the breath, in bpm.

    Breaths holding fewer than two beats are left out; NaN when none is left.
    """
    hr = 60_000 / rr_ms
    swings = []
    for breath in breaths:
        inside = hr[(times_s >= breath.start_s) & (times_s < breath.end_s)]
        if inside.size >= 2:
            swings.append(float(inside.max() - inside.min()))
    return float(np.mean(swings)) if swings else math.nan


def hr_breath_phase(times_s: FloatArray, rr_ms: FloatArray, breaths: Sequence[Breath]) -> float:
    """Phase (degrees, −180…180) of the heart rate's wave against the breath's.

    The breath's wave is taken to peak at the end of each in-breath (lungs fullest); 0° means the
    heart rate peaks then too, as it does at the resonance rate; positive means it peaks earlier.
    Measured as the heart rate's Fourier component at the breathing rhythm, breath by breath;
    each interval's rate is placed at the middle of the interval it spans, not at its closing
    beat, which would make the heart seem half a beat late.
    """
    grid, hr = resample_evenly(times_s - rr_ms / 2000, 60_000 / rr_ms)
    hr = hr - hr.mean()
    total = 0j
    for breath in breaths:
        inside = (grid >= breath.start_s) & (grid < breath.end_s)
        angle = 2 * np.pi * (grid[inside] - breath.inhale_end_s) / breath.cycle_s
        total += complex(np.sum(hr[inside] * np.exp(-1j * angle)))
    return math.degrees(cmath.phase(total)) if total else math.nan


def run_figures(
    times_s: Sequence[float] | FloatArray,
    raw_rr_ms: Sequence[float] | FloatArray,
    breaths: Sequence[Breath] = (),
) -> RunFigures:
    """Clean the beats of one run and compute everything stored with it."""
    cleaned = clean_rr(np.asarray(raw_rr_ms, dtype=np.float64))
    times = np.asarray(times_s, dtype=np.float64)
    if len(times) != len(cleaned):
        raise ValueError(f"{len(times)} beat times for {len(cleaned)} RR intervals")
    if not cleaned.usable or len(cleaned) < 2:
        return RunFigures(len(cleaned), cleaned.corrected_count, None, None, None, None)
    rr = cleaned.rr_ms
    swing = peak_to_trough(times, rr, breaths) if breaths else math.nan
    span = float(times[-1] - times[0])
    return RunFigures(
        beats=len(cleaned),
        corrected_beats=cleaned.corrected_count,
        mean_hr_bpm=mean_hr(rr),
        rmssd_ms=rmssd(rr),
        peak_to_trough_bpm=None if math.isnan(swing) else swing,
        lf_power_ms2=lf_power(times, rr) if span >= MIN_LF_SPAN_S else None,
    )
