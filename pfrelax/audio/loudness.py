"""Loudness per ITU-R BS.1770-4 (K-weighted, gated integrated LUFS) and peaks, in numpy.

The K-weighting is the standard's two biquads (a high shelf near 1.5 kHz and the RLB high-pass
near 38 Hz), designed for any sample rate as pyloudnorm designs them. They are applied through
their exact complex frequency response on a zero-padded FFT, which equals causal filtering up to
the filters' (fast-decaying) tail: no scipy needed at play time. Tests check the figures against
pyloudnorm.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import numpy.typing as npt

BLOCK_S = 0.4  # gating block
OVERLAP = 0.75
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
SILENCE_LUFS = -float("inf")
_PAD_S = 0.5  # room for the filters' tail so the FFT's circular wrap never reaches the signal

Signal = npt.NDArray[np.float64]


def _biquad(kind: str, gain_db: float, q: float, fc: float, rate: int) -> tuple[Signal, Signal]:
    """RBJ-cookbook coefficients (b, a) for the two K-weighting stages."""
    a_gain = 10.0 ** (gain_db / 40.0)
    w0 = 2.0 * math.pi * fc / rate
    alpha = math.sin(w0) / (2.0 * q)
    cos = math.cos(w0)
    if kind == "high_shelf":
        root = 2.0 * math.sqrt(a_gain) * alpha
        b = [
            a_gain * ((a_gain + 1) + (a_gain - 1) * cos + root),
            -2 * a_gain * ((a_gain - 1) + (a_gain + 1) * cos),
            a_gain * ((a_gain + 1) + (a_gain - 1) * cos - root),
        ]
        a = [
            (a_gain + 1) - (a_gain - 1) * cos + root,
            2 * ((a_gain - 1) - (a_gain + 1) * cos),
            (a_gain + 1) - (a_gain - 1) * cos - root,
        ]
    else:  # high_pass
        b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        a = [1 + alpha, -2 * cos, 1 - alpha]
    return np.array(b) / a[0], np.array(a) / a[0]


def _response(b: Signal, a: Signal, bins: int) -> npt.NDArray[np.complex128]:
    z = np.exp(-1j * np.pi * np.arange(bins) / (bins - 1))  # e^{-jw} for w in [0, π]
    numerator = b[0] + b[1] * z + b[2] * z * z
    denominator = a[0] + a[1] * z + a[2] * z * z
    result: npt.NDArray[np.complex128] = numerator / denominator
    return result


@functools.lru_cache(maxsize=8)
def _k_response(rate: int, bins: int) -> npt.NDArray[np.complex128]:
    """Both K-weighting stages' response at `bins` FFT bins (shared, read-only)."""
    shelf = _response(*_biquad("high_shelf", 4.0, 1 / math.sqrt(2), 1500.0, rate), bins)
    high_pass = _response(*_biquad("high_pass", 0.0, 0.5, 38.0, rate), bins)
    both = shelf * high_pass
    both.flags.writeable = False
    return both


def k_weighted(samples: Signal, rate: int) -> Signal:
    """`samples` (frames × channels) through the BS.1770 K-weighting filter."""
    frames = samples.shape[0]
    size = 1 << math.ceil(math.log2(frames + int(_PAD_S * rate) + 1))
    spectrum = np.fft.rfft(samples, n=size, axis=0)
    spectrum *= _k_response(rate, spectrum.shape[0])[:, None]
    filtered: Signal = np.fft.irfft(spectrum, n=size, axis=0)[:frames]
    return filtered


def _as_frames(samples: npt.ArrayLike) -> Signal:
    data = np.asarray(samples, dtype=np.float64)
    return data.reshape(-1, 1) if data.ndim == 1 else data


def integrated_lufs(samples: npt.ArrayLike, rate: int) -> float:
    """Gated integrated loudness of `samples` (mono or frames × channels, L/R weight 1).

    Clips shorter than a 400 ms block, which the standard leaves unmeasured, count as one block.
    """
    data = _as_frames(samples)
    if data.shape[0] == 0:
        return SILENCE_LUFS
    # A clip shorter than one gating block (a one-word cue) is measured as one block.
    block = min(round(BLOCK_S * rate), data.shape[0])
    weighted = k_weighted(data, rate) ** 2
    step = round(block * (1.0 - OVERLAP))
    starts = np.arange(0, data.shape[0] - block + 1, step)
    cumulative = np.vstack([np.zeros((1, data.shape[1])), np.cumsum(weighted, axis=0)])
    power = ((cumulative[starts + block] - cumulative[starts]) / block).sum(axis=1)
    return _gated(power)


def _gated(power: Signal) -> float:
    """Integrated loudness from gating blocks' mean-square powers (absolute, then relative)."""
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10.0 * np.log10(power)
    gated = power[loudness > ABSOLUTE_GATE_LUFS]
    if gated.size == 0:
        return SILENCE_LUFS
    relative = -0.691 + 10.0 * math.log10(float(gated.mean())) + RELATIVE_GATE_LU
    kept = gated[-0.691 + 10.0 * np.log10(gated) > relative]
    return -0.691 + 10.0 * math.log10(float(kept.mean()))


class LoudnessMeter:
    """`integrated_lufs` and `peak` of a signal fed block by block, in flat memory (one number
    per 100 ms step). Chunks are K-weighted with the signal's previous half second in front,
    where the filters' tail has died away: the same approximation `k_weighted` makes."""

    CHUNK_S = 8.0

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.peak = 0.0
        self._block = round(BLOCK_S * rate)
        self._step = round(self._block * (1.0 - OVERLAP))
        self._pad = int(_PAD_S * rate)
        self._pending: list[Signal] = []
        self._pending_frames = 0
        self._lead: Signal | None = None  # the raw signal's last half second, already weighed
        self._head: list[Signal] = []  # the first block's worth, for clips shorter than it
        self._frames = 0
        self._carry = (0.0, 0)  # energy and frames of the unfinished step
        self._steps: list[float] = []  # K-weighted energy per step, summed over channels

    def feed(self, samples: npt.ArrayLike) -> None:
        data = _as_frames(samples)
        self.peak = max(self.peak, peak(data))
        if self._frames < self._block:
            self._head.append(data)
        self._frames += data.shape[0]
        self._pending.append(data)
        self._pending_frames += data.shape[0]
        if self._pending_frames >= self.CHUNK_S * self.rate:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        chunk = np.concatenate(self._pending)
        self._pending, self._pending_frames = [], 0
        lead = self._lead if self._lead is not None else chunk[:0]
        both = np.concatenate([lead, chunk])
        energy = (k_weighted(both, self.rate)[lead.shape[0] :] ** 2).sum(axis=1)
        self._lead = both[-self._pad :]
        self._add_steps(energy)

    def _add_steps(self, energy: Signal) -> None:
        carried, frames = self._carry
        need = self._step - frames
        if energy.shape[0] < need:
            self._carry = (carried + float(energy.sum()), frames + energy.shape[0])
            return
        self._steps.append(carried + float(energy[:need].sum()))
        rest = energy[need:]
        whole = rest.shape[0] // self._step
        self._steps.extend(rest[: whole * self._step].reshape(whole, self._step).sum(axis=1))
        self._carry = (float(rest[whole * self._step :].sum()), rest.shape[0] - whole * self._step)

    def integrated(self) -> float:
        """The gated integrated loudness of everything fed so far."""
        self._flush()
        per_block = self._block // self._step
        if self._frames < self._block or len(self._steps) < per_block:
            return (
                integrated_lufs(np.concatenate(self._head), self.rate)
                if self._head
                else (SILENCE_LUFS)
            )
        steps = np.asarray(self._steps)
        sums = np.convolve(steps, np.ones(per_block), mode="valid")
        return _gated(sums / (per_block * self._step))


def peak(samples: npt.ArrayLike) -> float:
    """The largest absolute sample value."""
    data = np.asarray(samples)
    return float(np.max(np.abs(data))) if data.size else 0.0


def gain_to(samples: npt.ArrayLike, rate: int, target_lufs: float) -> float:
    """The linear gain that brings `samples` to `target_lufs` (1.0 for silence)."""
    measured = integrated_lufs(samples, rate)
    if not math.isfinite(measured):
        return 1.0
    return float(10.0 ** ((target_lufs - measured) / 20.0))
