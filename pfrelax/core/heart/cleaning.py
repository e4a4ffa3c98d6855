"""RR artifact detection and correction: implausible or out-of-step beats replaced, and counted.

A beat is an artifact when its RR interval is outside 30–220 bpm (272.7–2000 ms), or differs by
more than 20 % from the median of its in-range neighbours (three either side). An ectopic beat
usually shows as two artifacts: a short interval and the compensatory long one after it.
Artifacts are replaced by linear interpolation between the nearest good beats on either side, so
the series keeps its length (and roughly its total time) and every figure can say how many beats
were corrected.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

MIN_BPM = 30.0
MAX_BPM = 220.0
MAX_DEVIATION = 0.20
NEIGHBOURS = 3  # either side

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class CleanRR:
    """RR intervals (ms) with artifacts replaced; `corrected` marks which ones were."""

    rr_ms: FloatArray
    corrected: NDArray[np.bool_]

    @property
    def corrected_count(self) -> int:
        return int(self.corrected.sum())

    @property
    def usable(self) -> bool:
        """At least one real beat to lean on (else every figure would be made up)."""
        return bool(self.rr_ms.size) and not bool(self.corrected.all())

    def __len__(self) -> int:
        return len(self.rr_ms)


def rr_in_range(rr_ms: FloatArray) -> NDArray[np.bool_]:
    """Which intervals are a heart rate a person can have (30–220 bpm)."""
    low, high = 60_000 / MAX_BPM, 60_000 / MIN_BPM
    return np.asarray((rr_ms >= low) & (rr_ms <= high), dtype=np.bool_)


def find_artifacts(rr_ms: FloatArray) -> NDArray[np.bool_]:
    """True for every interval out of range or > 20 % from its local median."""
    in_range = rr_in_range(rr_ms)
    neighbours = np.where(in_range, rr_ms, np.nan)
    padded = np.pad(neighbours, NEIGHBOURS, constant_values=np.nan)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * NEIGHBOURS + 1)
    around = np.delete(windows, NEIGHBOURS, axis=1)  # the beat itself is not its own neighbour
    with warnings.catch_warnings():
        # A beat with no plausible neighbour has no local median (NaN): only the range judges it.
        warnings.simplefilter("ignore", RuntimeWarning)
        local = np.nanmedian(around, axis=1)
    off_step = np.abs(rr_ms - local) > MAX_DEVIATION * local  # False where local is NaN
    return np.asarray(~in_range | off_step, dtype=np.bool_)


def clean_rr(rr_ms: FloatArray | list[float] | tuple[float, ...]) -> CleanRR:
    """Replace every artifact by interpolating between good neighbours; count the replacements."""
    series = np.asarray(rr_ms, dtype=np.float64)
    if series.size == 0:
        return CleanRR(series, np.zeros(0, dtype=np.bool_))
    artifacts = find_artifacts(series)
    good = np.flatnonzero(~artifacts)
    if good.size == 0:
        # Nothing trustworthy to lean on: every beat is marked, none invented.
        return CleanRR(series.copy(), artifacts)
    cleaned = series.copy()
    bad = np.flatnonzero(artifacts)
    cleaned[bad] = np.interp(bad, good, series[good])
    return CleanRR(cleaned, artifacts)
