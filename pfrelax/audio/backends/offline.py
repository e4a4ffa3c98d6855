"""The offline output: renders to arrays on the caller's thread, for tests and `pfrelax render`."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from pfrelax.audio.backends.base import BackendError, Callback
from pfrelax.audio.format import CHANNELS, SAMPLE_RATE, Block


class OfflineBackend:
    """No device and no thread: `pull(n)` asks the callback for n frames, block by block."""

    name = "offline"
    device_name = "offline render (no device)"
    latency_frames = 0
    realtime = False

    def __init__(self, rate: int = SAMPLE_RATE, block_frames: int = 1024) -> None:
        self.rate = rate
        self.block_frames = block_frames
        self._callback: Callback | None = None

    def start(self, callback: Callback, rate: int, block: int) -> None:
        if rate != self.rate:
            raise BackendError(f"the offline output runs at {self.rate} Hz, not {rate} Hz")
        self.block_frames = block
        self._callback = callback

    def stop(self) -> None:
        self._callback = None

    @property
    def running(self) -> bool:
        return self._callback is not None

    def blocks(self, frames: int) -> Iterator[Block]:
        """`frames` frames as successive callback blocks (each valid until the next one)."""
        if self._callback is None:
            raise BackendError("the offline output is not started")
        left = frames
        while left > 0:
            take = min(left, self.block_frames)
            yield self._callback(take)
            left -= take

    def pull(self, frames: int) -> Block:
        """`frames` frames rendered now, as one new array."""
        out = np.zeros((frames, CHANNELS), dtype=np.float32)
        done = 0
        for block in self.blocks(frames):
            out[done : done + block.shape[0]] = block
            done += block.shape[0]
        return out
