"""Optional compatibility output through `simpleaudio`, guarded because the upstream is unsafe.

Upstream simpleaudio is archived, has no wheels for current Pythons and crashes at the end of
every sound on Python 3.12+. So: refuse it there, probe it once in a child process (a crash
then takes down the probe, never the app), and play only in fixed chunks (it has no streaming).
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np

from pfrelax.audio.backends.base import BackendError, Callback
from pfrelax.audio.format import CHANNELS, SAMPLE_RATE

CHUNK_MS = 100  # simpleaudio plays whole buffers; 100 ms keeps pause and seek responsive
_LEAD_S = 0.005  # hand the next chunk over this early so chunks join without a gap
_PROBE_TIMEOUT_S = 10
_PROBE_CODE = (
    "import simpleaudio\n"
    "simpleaudio.play_buffer(bytes(4 * 480), 2, 2, 48000).wait_done()\n"
    "print('ok')\n"
)
Runner = Callable[..., "subprocess.CompletedProcess[str]"]
_probed: dict[str, str | None] = {}


def refusal(version: tuple[int, int] | None = None) -> str | None:
    """Why simpleaudio is not used on this Python, or None when it may be tried."""
    major, minor = version or (sys.version_info.major, sys.version_info.minor)
    if (major, minor) >= (3, 12):
        return (
            f"simpleaudio is not used on Python {major}.{minor}: the upstream package crashes "
            "at the end of every sound on Python 3.12 and later; the default output "
            "(miniaudio) works everywhere"
        )
    return None


def probe(runner: Runner = subprocess.run) -> str | None:
    """Play a few silent frames in a child process, once per interpreter; the reason it fails."""
    if sys.executable in _probed:
        return _probed[sys.executable]
    try:
        result = runner(
            [sys.executable, "-c", _PROBE_CODE],
            capture_output=True,
            text=True,
            timeout=_PROBE_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        reason: str | None = f"simpleaudio could not be tried ({error})"
    else:
        reason = None if result.returncode == 0 and "ok" in result.stdout else _failure(result)
    _probed[sys.executable] = reason
    return reason


def _failure(result: subprocess.CompletedProcess[str]) -> str:
    if "ModuleNotFoundError" in result.stderr:
        return "simpleaudio is not installed"
    if result.returncode < 0:
        return f"simpleaudio crashed while playing a test sound (signal {-result.returncode})"
    last = (result.stderr.strip().splitlines() or ["no output"])[-1]
    return f"simpleaudio failed to play a test sound ({last})"


class SimpleaudioBackend:
    """Chunked playback on a thread of our own: each chunk is one `play_buffer`."""

    name = "simpleaudio"
    device_name = "default device (simpleaudio)"
    realtime = True

    def __init__(self, rate: int = SAMPLE_RATE, module: ModuleType | Any | None = None) -> None:
        reason = refusal() or (None if module is not None else probe())
        if reason is not None:
            raise BackendError(reason)
        self._module = module if module is not None else importlib.import_module("simpleaudio")
        self.rate = rate
        self.block_frames = rate * CHUNK_MS // 1000
        self.latency_frames = self.block_frames
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, callback: Callback, rate: int, block: int) -> None:
        if rate != self.rate:
            raise BackendError(f"simpleaudio was set up for {self.rate} Hz, not {rate} Hz")
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._play, args=(callback,), name="pfrelax-simpleaudio", daemon=True
        )
        self._thread.start()

    def _play(self, callback: Callback) -> None:
        due = time.monotonic()
        while not self._stop.is_set():
            block = callback(self.block_frames)
            pcm = (np.clip(block, -1.0, 1.0) * 32767.0).astype(np.int16)
            self._module.play_buffer(pcm.tobytes(), CHANNELS, 2, self.rate)
            due += self.block_frames / self.rate
            self._stop.wait(max(0.0, due - time.monotonic() - _LEAD_S))

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1.0)
            self._thread = None
        self._module.stop_all()
