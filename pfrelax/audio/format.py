"""The one sample format every audio module shares: 48 kHz stereo float32 blocks."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

SAMPLE_RATE = 48_000
CHANNELS = 2

# A block of audio: shape (frames, CHANNELS), float32, values within ±1.
Block = npt.NDArray[np.float32]


def silence(frames: int) -> Block:
    """`frames` frames of stereo silence (frames may be 0)."""
    return np.zeros((max(0, frames), CHANNELS), dtype=np.float32)
