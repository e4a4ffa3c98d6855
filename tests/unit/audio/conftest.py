"""Fixtures for audio tests: sine files written with real encoders at test time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile

from .audio_measure import sine


@pytest.fixture
def write_sine(tmp_path: Path) -> Callable[..., Path]:
    """write_sine("a.flac", rate=..., seconds=..., freqs=(left, right), format=..., subtype=...)."""

    def write(
        name: str,
        *,
        rate: int = 44_100,
        seconds: float = 1.0,
        freqs: tuple[float, ...] = (440.0,),
        amplitude: float = 0.5,
        format: str | None = None,
        subtype: str | None = None,
    ) -> Path:
        data = np.stack([sine(freq, seconds, rate, amplitude) for freq in freqs], axis=1)
        path = tmp_path / name
        soundfile.write(str(path), data, rate, format=format, subtype=subtype)
        return path

    return write
