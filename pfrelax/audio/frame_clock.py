"""The audio frame clock, and the map from device frames to session frames.

The clock is what the transport reads while sound plays: frames handed to the output, minus the
frames the output still holds (its latency), plus the person's A/V offset. The frame map is the
transport's anchor in frames, which the audio thread reads to know what to render.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


class AudioClock:
    """Seconds of audio heard: frames handed over − frames the device still holds, + A/V offset.

    Between callbacks a real-time clock glides on with the wall clock, but never further than
    the block it was last given, so it never runs backwards and never runs ahead of the sound.
    """

    def __init__(
        self,
        rate: int,
        latency_frames: int,
        realtime: bool,
        offset_ms: int = 0,
        wall: Callable[[], float] = time.monotonic,
    ):
        self.rate = rate
        self.latency_frames = latency_frames
        self.realtime = realtime
        self.offset_ms = offset_ms
        self.wall = wall  # real time (the app's monotonic clock; a fake one in tests)
        # (frames before the last block, frames in it, wall time it was asked for)
        self._progress: tuple[int, int, float] = (0, 0, wall())
        # (frames before the first block, monotonic time it was asked for): where a check that
        # the output keeps real time measures from. None until the output first asks.
        self._origin: tuple[int, float] | None = None

    def heard_frames(self) -> float:
        base, block, wall = self._progress  # one atomic read of a tuple
        if not self.realtime:
            return float(base + block - self.latency_frames)
        glide = min((self.wall() - wall) * self.rate, float(block))
        return base - self.latency_frames + max(glide, 0.0)

    def now(self) -> float:
        return self.heard_frames() / self.rate + self.offset_ms / 1000

    def device_frame_at(self, clock_time: float) -> int:
        """The device frame that is heard at `clock_time` on this clock."""
        return round((clock_time - self.offset_ms / 1000) * self.rate)

    def silent_for(self) -> float:
        """Seconds since the output last asked for a block (a real-time output that stops
        asking has stalled or lost its device, and its clock stands still)."""
        return self.wall() - self._progress[2] if self.realtime else 0.0

    def ran_ahead(self, drift: float = 0.0) -> float:
        """Seconds of sound the output has taken beyond the real time since it first asked,
        that time stretched by `drift` (0.02: a device clock 2 % fast is forgiven). A real-time
        device stays within its buffer; one that consumes frames faster than real time (a
        broken driver) runs ahead without bound. 0 for an offline output, which owes nothing
        to the wall clock."""
        origin = self._origin
        if not self.realtime or origin is None:
            return 0.0
        base, block, _wall = self._progress
        taken = (base + block - origin[0]) / self.rate
        return taken - (self.wall() - origin[1]) * (1.0 + drift)

    def advance(self, base: int, frames: int, wall: float) -> None:
        """Called by the engine on the audio thread as each block is handed over."""
        if self._origin is None:
            self._origin = (base, wall)
        self._progress = (base, frames, wall)


@dataclass(frozen=True, slots=True)
class FrameMap:
    """At device frame `device_frame` the session was at `session_frame`; moving or not."""

    device_frame: int
    session_frame: int
    running: bool

    def at(self, device_frame: int) -> int:
        if not self.running:
            return self.session_frame
        return self.session_frame + device_frame - self.device_frame

    def same_as(self, other: FrameMap, tolerance: int) -> bool:
        if self.running != other.running:
            return False
        if not self.running:
            return self.session_frame == other.session_frame
        return abs(self.lead - other.lead) <= tolerance

    @property
    def lead(self) -> int:
        """How far the session is ahead of the device, in frames (constant while running)."""
        return self.session_frame - self.device_frame
