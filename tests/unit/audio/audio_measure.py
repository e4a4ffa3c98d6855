"""Measuring test audio: a tone's pitch and level, its smoothness, and making a sine."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.floating]


def dominant_frequency(signal: FloatArray, rate: int) -> float:
    """The strongest frequency in a mono signal, to within a fraction of a hertz."""
    windowed = signal * np.hanning(signal.size)
    spectrum = np.abs(np.fft.rfft(windowed, n=signal.size * 8))
    return float(np.argmax(spectrum) * rate / (signal.size * 8))


def sine_amplitude(signal: FloatArray) -> float:
    """The amplitude of a steady sine, from its RMS level."""
    return float(np.sqrt(np.mean(np.square(signal, dtype=np.float64))) * np.sqrt(2.0))


def rms_dbfs(signal: FloatArray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(np.square(signal, dtype=np.float64)))))


def peak_dbfs(signal: FloatArray) -> float:
    return float(20 * np.log10(np.max(np.abs(signal))))


def largest_step(signal: FloatArray) -> float:
    """The biggest jump between consecutive frames in any channel: a click shows up here."""
    return float(np.max(np.abs(np.diff(signal, axis=0))))


def sine(freq: float, seconds: float, rate: int, amplitude: float = 0.5) -> FloatArray:
    t = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def sine_residual(signal: FloatArray, freq: float, rate: int) -> float:
    """RMS of what is left after removing the best-fitting sine at `freq`: distortion, noise."""
    t = np.arange(signal.size) / rate
    basis = np.stack([np.sin(2 * np.pi * freq * t), np.cos(2 * np.pi * freq * t)], axis=1)
    fit, *_ = np.linalg.lstsq(basis, signal.astype(np.float64), rcond=None)
    return float(np.sqrt(np.mean((signal - basis @ fit) ** 2)))
