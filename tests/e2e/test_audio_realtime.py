"""In real time on miniaudio's null output: the phase on screen matches the sound scheduled.

The "GUI" here is this test's thread: like the player's frame timer it reads
`timeline.at(transport.position_ms())` about 60 times a second, on the engine's clock, and once
it stalls for 200 ms. Each reading is checked against the session frames the engine actually
rendered (its per-block history) at the moment they were being heard.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from pfrelax.audio.backends import open_backend
from pfrelax.audio.engine import AudioEngine, History, SoundChoice, prepare_sound
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import BreatheStep, Session
from pfrelax.core.timeline import Timeline, compile_session
from pfrelax.core.transport import State, Transport

RATE = 48_000
FRAME_MS = 1000 / 60
STALL_S = 0.2
COUNT_IN_MS = 500

pytestmark = pytest.mark.realtime


def short_session() -> Session:
    """Three seconds of quick phases, so many boundaries pass during the run."""
    steps = (BreatheStep("Quick", parse_shorthand("0.5-0.2-0.6-0.2"), cycles=2),)
    return Session(id="quick", title="Quick", steps=steps)


def heard_position_ms(history: History, wall: float, latency: int) -> float:
    """The session position being heard at `wall`, from what the engine rendered when."""
    walls = history.walls
    index = int(np.searchsorted(walls, wall, side="right")) - 1
    glide = min((wall - walls[index]) * RATE, float(np.diff(history.device_frames[index:][:2])[0]))
    heard_device = history.device_frames[index] - latency + glide
    # Frames still in the device's buffer were rendered by an earlier block: find it.
    source = int(np.searchsorted(history.device_frames, heard_device, side="right")) - 1
    session = history.session_frames[source] + heard_device - history.device_frames[source]
    return float(session * 1000 / RATE)


def read_like_a_gui(transport: Transport, timeline: Timeline) -> list[tuple[float, int, int]]:
    """(wall time, position, segment shown) about every 16.7 ms until the session ends."""
    readings: list[tuple[float, int, int]] = []
    tick = threading.Event()  # never set: its timed wait is the frame timer's interval
    stalled = False
    deadline = time.monotonic() + 15
    while transport.advance() in (State.COUNT_IN, State.PLAYING) and time.monotonic() < deadline:
        before = time.monotonic()
        position = transport.position_ms()
        after = time.monotonic()
        if transport.state is State.PLAYING:
            readings.append(((before + after) / 2, position, timeline.at(position).segment_index))
        if not stalled and position > 1200:
            stalled = True
            tick.wait(STALL_S)  # the injected GUI stall
        tick.wait(1 / 60)
    return readings


def test_the_phase_shown_agrees_with_the_sound_scheduled_within_one_frame() -> None:
    timeline = compile_session(short_session())
    opened = open_backend("null")
    assert opened.backend is not None, opened.reason
    engine = AudioEngine(opened.backend, prepare_sound(timeline, SoundChoice(), None, RATE))
    engine.start()
    started = time.monotonic()
    # A count-in, as in the app: the start is scheduled ahead, so no sound is lost to latency.
    transport = Transport(timeline, engine.clock, count_in_ms=COUNT_IN_MS)
    engine.connect(transport)
    transport.start()
    try:
        readings = read_like_a_gui(transport, timeline)
    finally:
        engine.close()
    elapsed = time.monotonic() - started
    assert transport.state is State.FINISHED
    # The null output consumes in real time: frames rendered track the wall clock.
    assert abs(engine.frames_rendered / RATE - elapsed) < 0.1 + elapsed * 0.02

    history = engine.history()
    latency = opened.backend.latency_frames
    checked = 0
    gaps = np.diff([wall for wall, _, _ in readings])
    assert gaps.max() >= STALL_S  # the stall really happened …
    for wall, position, shown in readings:
        heard = heard_position_ms(history, wall, latency)
        assert abs(position - heard) <= FRAME_MS, (wall, position, heard)
        due = {timeline.at(round(heard + d)).segment_index for d in (-FRAME_MS, 0, FRAME_MS)}
        assert shown in due
        checked += 1
    assert checked > 100  # … and the readings cover the session
