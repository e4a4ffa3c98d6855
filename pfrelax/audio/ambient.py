"""Quiet ambient beds made with numpy that loop without a seam under a whole session.

Both beds are periodic by construction, so the last frame leads into the first exactly as any
frame leads into the next: the noise is built in the frequency domain and turned into sound with
an inverse real FFT (which is circular), and every sine and swell completes whole cycles over the
loop. They are seeded, so the same bed sounds the same every time, and sit around −30 dBFS RMS.
"""

from __future__ import annotations

import functools

import numpy as np
import numpy.typing as npt

from pfrelax.audio.format import SAMPLE_RATE, Block

AMBIENT_BEDS: tuple[str, ...] = ("soft-noise", "low-drone")
AMBIENT_BED_NAMES: dict[str, str] = {"soft-noise": "Soft noise", "low-drone": "Low drone"}
RMS_DBFS = -30.0
_SEED = 20_240_611

Signal = npt.NDArray[np.float64]


def _whole_cycles(freq: float, seconds: float) -> float:
    """The nearest frequency that completes a whole number of cycles in `seconds` (at least one)."""
    return max(1, round(freq * seconds)) / seconds


def _soft_noise_channel(rng: np.random.Generator, n: int, rate: int) -> Signal:
    """Brown-ish noise, rolled off above ~500 Hz and below ~40 Hz: a distant, airy hush."""
    freqs = np.fft.rfftfreq(n, d=1.0 / rate)
    spectrum = rng.normal(size=freqs.size) + 1j * rng.normal(size=freqs.size)
    safe = np.maximum(freqs, 1.0)
    shape = 1.0 / safe**0.8  # between pink (0.5) and brown (1.0): warm, not rumbling
    shape /= np.sqrt(1.0 + (safe / 500.0) ** 4)  # gentle low-pass
    shape /= np.sqrt(1.0 + (40.0 / safe) ** 4)  # no sub-bass rumble a laptop cannot play
    spectrum *= shape
    spectrum[0] = 0.0  # no DC offset
    noise: Signal = np.fft.irfft(spectrum, n=n)
    return noise


def _swell(n: int, rate: int, seconds: float, period: float, depth: float, shift: float) -> Signal:
    """A slow loudness swell, like far-off waves; whole cycles, so it loops too."""
    t = np.arange(n) / rate
    freq = _whole_cycles(1.0 / period, seconds)
    swell: Signal = 1.0 - depth * 0.5 * (1.0 + np.sin(2 * np.pi * freq * t + shift))
    return swell


def _soft_noise(n: int, rate: int, seconds: float) -> tuple[Signal, Signal]:
    rng = np.random.default_rng(_SEED)
    left = _soft_noise_channel(rng, n, rate) * _swell(n, rate, seconds, 10.0, 0.35, 0.0)
    right = _soft_noise_channel(rng, n, rate) * _swell(n, rate, seconds, 10.0, 0.35, 0.6)
    return left, right


# (frequency Hz, amplitude) of the drone's voices: a low A with its fifth and octave.
_DRONE = ((110.0, 1.0), (165.0, 0.45), (220.0, 0.3), (55.0, 0.5))


def _drone_channel(n: int, rate: int, seconds: float, detune: float) -> Signal:
    """Each voice is a pair of sines a fraction of a hertz apart, so it slowly beats."""
    t = np.arange(n) / rate
    out = np.zeros(n)
    for freq, amplitude in _DRONE:
        low = _whole_cycles(freq, seconds)
        high = _whole_cycles(freq + detune, seconds)
        out += amplitude * (np.sin(2 * np.pi * low * t) + np.sin(2 * np.pi * high * t))
    return out * _swell(n, rate, seconds, 20.0, 0.3, 0.0)


def _low_drone(n: int, rate: int, seconds: float) -> tuple[Signal, Signal]:
    return _drone_channel(n, rate, seconds, 0.15), _drone_channel(n, rate, seconds, 0.25)


def _at_level(left: Signal, right: Signal) -> Block:
    stereo = np.stack([left, right], axis=1)
    rms = float(np.sqrt(np.mean(stereo**2)))
    scaled = stereo * (10.0 ** (RMS_DBFS / 20.0) / rms)
    return np.ascontiguousarray(scaled, dtype=np.float32)


@functools.cache
def _cached_bed(name: str, rate: int, seconds: int) -> Block:
    n = rate * seconds
    left, right = (_soft_noise if name == "soft-noise" else _low_drone)(n, rate, seconds)
    bed = _at_level(left, right)
    bed.flags.writeable = False  # shared by every caller: nobody may change it
    return bed


def ambient_bed(name: str, rate: int = SAMPLE_RATE, seconds: int = 20) -> Block:
    """One loop of the bed `name` (read-only, `rate * seconds` frames); play it end to start."""
    if name not in AMBIENT_BEDS:
        raise ValueError(f"unknown ambient bed {name!r}; choose one of {', '.join(AMBIENT_BEDS)}")
    if seconds < 1:
        raise ValueError(f"an ambient loop must last at least 1 second, not {seconds}")
    return _cached_bed(name, rate, seconds)
