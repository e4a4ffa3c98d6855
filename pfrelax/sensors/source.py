"""The heart rate source interface, and the receiver every source feeds its notifications to.

A source is polled, never pushes into the caller: `poll()` hands over every beat that arrived
since the last call, timed on the source's injected clock. The GUI calls it from its frame timer
and a command from its loop, and a Bluetooth source's worker thread only ever fills the
receiver's queue, so no callback crosses threads.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from pfrelax.core.heart.measurement import MeasurementError, SensorContact, parse_measurement

SIGNAL_LOST_AFTER_S = 5.0
RESYNC_AFTER_S = 1.0  # beat times follow the RR sum unless the notifications say otherwise


class SourceState(StrEnum):
    LOOKING = "looking"
    CONNECTED = "connected"
    SIGNAL_LOST = "signal_lost"
    ENDED = "ended"  # a recording played to its end
    STOPPED = "stopped"


STATE_TEXT = {
    SourceState.LOOKING: "Looking for your strap…",
    SourceState.CONNECTED: "Connected",
    SourceState.SIGNAL_LOST: "Signal lost — breathing goes on",
    SourceState.ENDED: "Recording finished",
    SourceState.STOPPED: "Heart rate off",
}


@dataclass(frozen=True, slots=True)
class Beat:
    """One heartbeat: when it happened (s, source clock) and the RR interval (ms) it ended."""

    time_s: float
    rr_ms: float


class HeartRateSource(Protocol):
    """What the player, the finder and the CLI need from any heart rate source."""

    @property
    def state(self) -> SourceState: ...

    @property
    def battery_percent(self) -> int | None: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def poll(self) -> list[Beat]:
        """Every beat that arrived since the last poll, oldest first (may be empty)."""
        ...


class BeatReceiver:
    """Turns 0x2A37 notifications (or bare RR intervals) into timed beats; thread-safe.

    Beat times: the last RR of a notification ends when the notification arrives, earlier ones
    before it. Consecutive beats are then laid end to end by their RR intervals, which is smoother
    than arrival times; when the two disagree by more than a second (a dropped notification), the
    arrival time wins.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[Beat] = []
        self._last_beat_s: float | None = None
        self._last_arrival_s: float | None = None
        self.contact = SensorContact.UNSUPPORTED
        self.last_bpm: int | None = None
        self.bad_notifications = 0

    def feed(self, payload: bytes | bytearray, at_s: float) -> None:
        """One notification as it arrived; a garbled one is counted and skipped."""
        try:
            measurement = parse_measurement(payload)
        except MeasurementError:
            with self._lock:
                self.bad_notifications += 1
            return
        with self._lock:
            self.contact = measurement.contact
            self.last_bpm = measurement.bpm
            self._last_arrival_s = at_s
            self._add(measurement.rr_ms, at_s)

    def add_rr(self, rr_ms: tuple[float, ...] | list[float], at_s: float) -> None:
        """RR intervals whose last one ended at `at_s` (a recording has no notifications)."""
        with self._lock:
            self._last_arrival_s = at_s
            self._add(tuple(rr_ms), at_s)

    def _add(self, rr_ms: tuple[float, ...], at_s: float) -> None:
        back = sum(rr_ms) / 1000
        for rr in rr_ms:
            arrived = at_s - back + rr / 1000
            back -= rr / 1000
            expected = None if self._last_beat_s is None else self._last_beat_s + rr / 1000
            keep = expected is not None and abs(expected - arrived) <= RESYNC_AFTER_S
            time_s = expected if keep and expected is not None else arrived
            if self._last_beat_s is not None:
                time_s = max(time_s, self._last_beat_s)  # a strap's odd timing never reorders beats
            self._pending.append(Beat(time_s, rr))
            self._last_beat_s = time_s

    def drain(self) -> list[Beat]:
        with self._lock:
            beats, self._pending = self._pending, []
        return beats

    @property
    def last_arrival_s(self) -> float | None:
        with self._lock:
            return self._last_arrival_s

    def receiving(self, now_s: float) -> bool:
        """Notifications are arriving and the strap has not reported losing skin contact."""
        with self._lock:
            last = self._last_arrival_s
            contact = self.contact
        fresh = last is not None and now_s - last <= SIGNAL_LOST_AFTER_S
        return fresh and contact is not SensorContact.LOST
