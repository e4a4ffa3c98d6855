"""Recording from a microphone: miniaudio's null capture device really records (silence, in real
time), a take keeps its blocks and level, and silence is trimmed from both ends only."""

from __future__ import annotations

import threading

import miniaudio
import numpy as np

from pfrelax.audio.capture import (
    KEEP_MS,
    RATE,
    MiniaudioCapture,
    MiniaudioPlayback,
    Samples,
    Take,
    length_ms,
    trim_silence,
)

NULL = [miniaudio.Backend.NULL]


def test_the_null_capture_device_delivers_real_blocks_into_a_take() -> None:
    take = Take()
    enough = threading.Event()

    def deliver(block: Samples) -> None:
        take.add(block)
        if take.frames >= RATE // 10:
            enough.set()

    capture = MiniaudioCapture(NULL)
    capture.start(deliver)
    try:
        assert enough.wait(10), "the null device delivered no audio"
    finally:
        capture.stop()
    frames = take.frames
    samples = take.samples()
    assert samples.dtype == np.float32
    assert samples.size == frames >= RATE // 10
    assert not samples.any()  # the null device records silence
    assert take.level() == 0.0
    capture.stop()  # stopping twice is harmless


def test_a_take_reports_its_loudest_level_since_last_asked_on_a_decibel_scale() -> None:
    take = Take()
    take.add(np.full(480, 0.1, dtype=np.float32))  # -20 dBFS
    take.add(np.zeros(480, dtype=np.float32))
    assert abs(take.level() - 40 / 60) < 1e-6
    assert take.level() == 0.0  # nothing since
    take.add(np.full(480, 1.0, dtype=np.float32))
    assert take.level() == 1.0
    assert take.frames == 1440


def test_silence_is_trimmed_from_both_ends_keeping_a_margin() -> None:
    second = RATE
    voice = (0.3 * np.sin(np.arange(second) * 2 * np.pi * 220 / RATE)).astype(np.float32)
    quiet = np.zeros(second, dtype=np.float32)
    trimmed = trim_silence(np.concatenate([quiet, voice, quiet]))
    margin = RATE * KEEP_MS // 1000
    assert trimmed.size == second + 2 * margin
    assert np.array_equal(trimmed[margin:-margin], voice)
    assert length_ms(trimmed) == 1000 + 2 * KEEP_MS


def test_a_take_of_silence_is_kept_whole() -> None:
    quiet = np.zeros(RATE, dtype=np.float32)
    assert trim_silence(quiet).size == RATE


def test_a_take_plays_back_through_the_null_output() -> None:
    player = MiniaudioPlayback(NULL)
    player.play(np.zeros(RATE // 10, dtype=np.float32))
    player.stop()
    player.stop()
