"""Outputs: opening one (or saying why none opened), the guarded simpleaudio, the offline one."""

from __future__ import annotations

import subprocess
import threading
from typing import Any

import miniaudio
import numpy as np
import pytest

from pfrelax.audio.backends import BackendError, OfflineBackend, open_backend
from pfrelax.audio.backends import simpleaudio_backend as sa_backend
from pfrelax.audio.backends.miniaudio_backend import MiniaudioBackend
from pfrelax.audio.format import CHANNELS, Block

RATE = 48_000


def test_the_offline_output_renders_what_the_callback_gives_block_by_block() -> None:
    backend = OfflineBackend(RATE, 100)
    asked: list[int] = []

    def callback(frames: int) -> Block:
        asked.append(frames)
        return np.full((frames, CHANNELS), len(asked), dtype=np.float32)

    backend.start(callback, RATE, 100)
    out = backend.pull(250)
    assert asked == [100, 100, 50]
    assert out[:, 0].tolist() == [1.0] * 100 + [2.0] * 100 + [3.0] * 50


def test_the_offline_output_refuses_to_render_before_it_is_started() -> None:
    with pytest.raises(BackendError, match=r"^the offline output is not started$"):
        OfflineBackend().pull(10)


def test_an_unknown_output_name_is_refused_with_the_choices() -> None:
    opened = open_backend("speakers")
    assert opened.backend is None
    assert opened.reason == (
        "speakers: unknown audio output 'speakers'; "
        "choose one of auto, miniaudio, null, simpleaudio, offline"
    )


def test_the_null_output_opens_without_a_sound_card() -> None:
    opened = open_backend("null")
    backend = opened.backend
    assert isinstance(backend, MiniaudioBackend)
    assert (backend.name, backend.block_frames, backend.latency_frames) == ("null", 480, 1440)
    assert backend.realtime
    backend.stop()


def test_with_no_working_device_auto_gives_none_and_every_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_device(*args: Any, **kwargs: Any) -> None:
        raise miniaudio.MiniaudioError("failed to init device", -401)

    monkeypatch.setattr(miniaudio, "PlaybackDevice", no_device)
    monkeypatch.setattr(sa_backend, "refusal", lambda version=None: None)
    monkeypatch.setattr(sa_backend, "probe", lambda: "simpleaudio is not installed")
    opened = open_backend("auto")
    assert opened.backend is None
    assert opened.reason == (
        "miniaudio: no sound device could be opened (failed to init device, -401); "
        "simpleaudio: simpleaudio is not installed"
    )


def test_simpleaudio_is_refused_on_python_3_12_and_later() -> None:
    assert sa_backend.refusal((3, 11)) is None
    assert sa_backend.refusal((3, 13)) == (
        "simpleaudio is not used on Python 3.13: the upstream package crashes at the end of "
        "every sound on Python 3.12 and later; the default output (miniaudio) works everywhere"
    )


def completed(returncode: int, stdout: str = "", stderr: str = "") -> Any:
    return subprocess.CompletedProcess(["python"], returncode, stdout, stderr)


def test_simpleaudio_is_probed_in_a_child_process_only_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sa_backend, "_probed", {})
    calls: list[list[str]] = []

    def runner(command: list[str], **kwargs: Any) -> Any:
        calls.append(command)
        return completed(-11)

    crashed = "simpleaudio crashed while playing a test sound (signal 11)"
    assert sa_backend.probe(runner) == crashed
    assert sa_backend.probe(runner) == crashed
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("result", "reason"),
    [
        (completed(0, stdout="ok\n"), None),
        (
            completed(1, stderr="ModuleNotFoundError: No module named 'simpleaudio'"),
            "simpleaudio is not installed",
        ),
        (
            completed(1, stderr="Traceback…\nSimpleaudioError: Error opening PCM device"),
            "simpleaudio failed to play a test sound (SimpleaudioError: Error opening PCM device)",
        ),
    ],
)
def test_the_probe_says_why_simpleaudio_does_not_work(
    monkeypatch: pytest.MonkeyPatch, result: Any, reason: str | None
) -> None:
    monkeypatch.setattr(sa_backend, "_probed", {})
    assert sa_backend.probe(lambda *args, **kwargs: result) == reason


class FakeSimpleaudio:
    def __init__(self) -> None:
        self.buffers: list[bytes] = []
        self.three = threading.Event()
        self.stopped = False

    def play_buffer(self, data: bytes, channels: int, width: int, rate: int) -> None:
        assert (channels, width, rate) == (2, 2, RATE)
        self.buffers.append(data)
        if len(self.buffers) == 3:
            self.three.set()

    def stop_all(self) -> None:
        self.stopped = True


def test_simpleaudio_plays_the_engine_output_in_fixed_chunks() -> None:
    module = FakeSimpleaudio()
    backend = sa_backend.SimpleaudioBackend(RATE, module=module)
    backend.start(lambda frames: np.full((frames, CHANNELS), 0.5, np.float32), RATE, 0)
    assert module.three.wait(timeout=5)
    backend.stop()
    assert module.stopped
    chunk = np.frombuffer(module.buffers[0], dtype=np.int16)
    assert chunk.shape == (backend.block_frames * CHANNELS,)
    assert set(chunk.tolist()) == {16383}
