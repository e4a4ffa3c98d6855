"""Recording a PT's narration from the microphone: a capture source (miniaudio), the take it fills
with its level as it goes, silence trimmed from both ends, and a take played back.

A capture source delivers mono float blocks at RATE from its own thread; `Take` only appends them
under a lock, so the audio thread never waits for the GUI. Everything here is Qt-free.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Generator, Sequence
from typing import Any, Protocol

import miniaudio
import numpy as np
import numpy.typing as npt

from pfrelax.audio.backends.miniaudio_backend import REAL_BACKENDS
from pfrelax.audio.quiet_stderr import quiet_stderr
from pfrelax.errors import InputError

RATE = 48_000  # Opus's rate and the mixer's: nothing is resampled on the way
SILENCE_DB = -45.0  # below this a 20 ms window counts as silence (a quiet room, not a soft voice)
KEEP_MS = 200  # left around the speech, so the first and last syllables are not clipped
WINDOW_MS = 20

Samples = npt.NDArray[np.float32]
Deliver = Callable[[Samples], None]


class CaptureError(InputError):
    """No microphone could be opened or kept recording."""


class CaptureSource(Protocol):
    """Something that records: calls `deliver` with mono float32 blocks until stopped."""

    def start(self, deliver: Deliver) -> None: ...

    def stop(self) -> None: ...


class _OneDevice:
    """One miniaudio device at a time, opened on the given backends, closed by `stop`."""

    def __init__(self, backends: Sequence[miniaudio.Backend] | None = None) -> None:
        # Never the null device by default: "recording" silence when no microphone exists
        # would look like a working recorder.
        self._backends = list(backends or REAL_BACKENDS)
        self._device: miniaudio.CaptureDevice | miniaudio.PlaybackDevice | None = None

    def _open(
        self,
        make: Callable[..., miniaudio.CaptureDevice | miniaudio.PlaybackDevice],
        stream: Generator[Any, Any, None],
        failure: str,
        **formats: object,
    ) -> None:
        try:
            with quiet_stderr():
                device = make(
                    nchannels=1,
                    sample_rate=RATE,
                    backends=self._backends,
                    app_name="pfrelax",
                    **formats,
                )
            next(stream)
            device.start(stream)
        except miniaudio.MiniaudioError as error:
            raise CaptureError(f"{failure} ({error}).") from None
        self._device = device

    def stop(self) -> None:
        device, self._device = self._device, None
        if device is not None:
            device.stop()
            device.close()


class MiniaudioCapture(_OneDevice):
    """The system's default microphone through miniaudio; `backends=[Backend.NULL]` gives
    miniaudio's null device, which captures silence in real time (the path CI exercises)."""

    def start(self, deliver: Deliver) -> None:
        self._open(
            miniaudio.CaptureDevice,
            _blocks(deliver),
            "No microphone could be opened",
            input_format=miniaudio.SampleFormat.FLOAT32,
        )


def _blocks(deliver: Deliver) -> Generator[None, bytes | bytearray, None]:
    while True:
        data = yield
        deliver(np.frombuffer(bytes(data), dtype=np.float32).copy())


class Take:
    """One recording while it is made: its blocks, its length, and its level just now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._blocks: list[Samples] = []
        self._frames = 0
        self._level = 0.0

    def add(self, block: Samples) -> None:
        level = float(np.sqrt(np.mean(np.square(block)))) if block.size else 0.0
        with self._lock:
            self._blocks.append(block)
            self._frames += block.size
            self._level = max(self._level, level)

    @property
    def frames(self) -> int:
        with self._lock:
            return self._frames

    def level(self) -> float:
        """The loudest block since the last call, 0 (silence) to 1 (full scale) on a dB scale
        from -60: a meter read a few times a second shows every word, not only the last block."""
        with self._lock:
            rms, self._level = self._level, 0.0
        if rms <= 0.0:
            return 0.0
        return min(1.0, max(0.0, (20.0 * math.log10(rms) + 60.0) / 60.0))

    def samples(self) -> Samples:
        with self._lock:
            blocks = list(self._blocks)
        return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)


def trim_silence(samples: Samples, rate: int = RATE) -> Samples:
    """`samples` without the silence before the first word and after the last, keeping a short
    margin; a take that is silence throughout comes back as it was (the PT hears it was empty)."""
    window = max(1, rate * WINDOW_MS // 1000)
    count = samples.size // window
    if count == 0:
        return samples
    frames = samples[: count * window].reshape(count, window).astype(np.float64)
    rms = np.sqrt(np.mean(np.square(frames), axis=1))
    loud = np.flatnonzero(rms > 10.0 ** (SILENCE_DB / 20.0))
    if loud.size == 0:
        return samples
    keep = rate * KEEP_MS // 1000
    start = max(0, int(loud[0]) * window - keep)
    end = min(samples.size, (int(loud[-1]) + 1) * window + keep)
    return samples[start:end]


def length_ms(samples: Samples, rate: int = RATE) -> int:
    return samples.size * 1000 // rate


class MiniaudioPlayback(_OneDevice):
    """A take played once through the default (or a named backend's) output."""

    def play(self, samples: Samples) -> None:
        self.stop()
        self._open(
            miniaudio.PlaybackDevice,
            _frames_of(samples),
            "The recording could not be played",
            output_format=miniaudio.SampleFormat.FLOAT32,
        )


def _frames_of(samples: Samples) -> Generator[bytes, int, None]:
    at = 0
    wanted = yield b""
    while True:
        chunk = samples[at : at + wanted]
        at += chunk.size
        if chunk.size < wanted:  # the end, then silence until stopped
            chunk = np.concatenate([chunk, np.zeros(wanted - chunk.size, dtype=np.float32)])
        wanted = yield chunk.astype(np.float32).tobytes()
