"""The default output: a miniaudio playback device pulling blocks from a generator callback.

miniaudio ships wheels for every platform and needs no compiler or headers. Its null backend
consumes audio in real time with no sound card at all, which lets CI run the real engine.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Generator, Iterator
from pathlib import Path

import miniaudio

from pfrelax.audio.backends.base import BackendError, Callback
from pfrelax.audio.format import CHANNELS, SAMPLE_RATE, Block

PERIOD_MS = 10  # one callback every 10 ms: small enough for tight sync, big enough for Python
PERIODS = 3  # buffered periods: what the device holds between our callback and the speaker
_NOT_DEVICES = ("NULL", "CUSTOM", "WEBAUDIO")
REAL_BACKENDS = tuple(b for b in miniaudio.Backend if b.name not in _NOT_DEVICES)


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence what C libraries (ALSA above all) print while probing for a device."""
    if os.name != "posix":
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with Path(os.devnull).open("wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _pump(callback: Callback) -> Generator[Block | bytes, int, None]:
    frames = yield b""
    while True:
        frames = yield callback(frames)


def _device_name(backend: miniaudio.Backend) -> str:
    try:
        with _quiet_stderr():
            playbacks = miniaudio.Devices(backends=[backend]).get_playbacks()
    except miniaudio.MiniaudioError:
        return "default device"
    return str(playbacks[0]["name"]) if playbacks else "default device"


class MiniaudioBackend:
    """Opens the device at once (so failure is known up front); `start` begins pulling."""

    def __init__(
        self,
        *,
        null: bool = False,
        rate: int = SAMPLE_RATE,
        period_ms: int = PERIOD_MS,
        periods: int = PERIODS,
    ) -> None:
        self.name = "null" if null else "miniaudio"
        self.rate = rate
        self.realtime = True
        backends = [miniaudio.Backend.NULL] if null else list(REAL_BACKENDS)
        try:
            with _quiet_stderr():
                self._device = miniaudio.PlaybackDevice(
                    output_format=miniaudio.SampleFormat.FLOAT32,
                    nchannels=CHANNELS,
                    sample_rate=rate,
                    buffersize_msec=period_ms,
                    callback_periods=periods,
                    backends=backends,
                    app_name="pfrelax",
                )
        except miniaudio.MiniaudioError as error:
            raise BackendError(f"no sound device could be opened ({_describe(error)})") from None
        self.system = str(self._device.backend)  # e.g. "PulseAudio", "ALSA", "Null"
        chosen = next((b for b in backends if b.name.lower() == self.system.lower()), backends[0])
        self.device_name = (
            "null output (no sound card; audio is discarded)" if null else _device_name(chosen)
        )
        self.block_frames = rate * period_ms // 1000
        self.latency_frames = self.block_frames * periods

    def start(self, callback: Callback, rate: int, block: int) -> None:
        if rate != self.rate:
            raise BackendError(f"the device was opened at {self.rate} Hz, not {rate} Hz")
        generator = _pump(callback)
        next(generator)
        try:
            self._device.start(generator)
        except miniaudio.MiniaudioError as error:
            raise BackendError(f"the sound device would not start ({_describe(error)})") from None

    def stop(self) -> None:
        self._device.close()


def _describe(error: miniaudio.MiniaudioError) -> str:
    args = [str(arg) for arg in error.args]
    return ", ".join(args) or "unknown error"
