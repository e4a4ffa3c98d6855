"""The demo source: a simulated person's beats sent as a strap would, through the same receiver.

Beats become 0x2A37 notifications (the person's heart rate, skin contact, RR intervals in 1/1024
s), grouped as a strap does: one notification right after a beat once a second has passed since
the last one. Those bytes go through the same parser and receiver a Bluetooth strap's do. Time
comes from the injected clock, so a fake clock runs a twelve-minute session in a blink.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pfrelax.core.clock import Clock
from pfrelax.core.heart.measurement import encode_measurement
from pfrelax.core.heart.pacing import Breath
from pfrelax.sensors.person import SimulatedPerson, beats
from pfrelax.sensors.source import Beat, BeatReceiver, SourceState

NOTIFY_EVERY_S = 1.0
DEMO_BATTERY_PERCENT = 80


class DemoHeartSource:
    """A `HeartRateSource` for a simulated person breathing along with `paced` breaths.

    Breath times are seconds from `start()`; beat times are on the clock, like any source's.
    """

    def __init__(self, person: SimulatedPerson, clock: Clock, paced: Sequence[Breath] = ()) -> None:
        self._person = person
        self._clock = clock
        self._paced = tuple(paced)
        self._receiver = BeatReceiver()
        self._state = SourceState.STOPPED
        self._origin = 0.0
        self._beats: Iterator[tuple[float, float, bool]] = iter(())
        self._next: tuple[float, float, bool] | None = None
        self._unsent: list[float] = []
        self._last_sent_s = 0.0
        self.ectopic_intervals = 0  # how many odd intervals the person has produced so far

    @property
    def state(self) -> SourceState:
        return self._state

    @property
    def battery_percent(self) -> int | None:
        return DEMO_BATTERY_PERCENT if self._state is SourceState.CONNECTED else None

    def start(self) -> None:
        self._origin = self._clock.now()
        self._beats = beats(self._person, self._paced)
        self._next = next(self._beats)
        self._state = SourceState.CONNECTED

    def stop(self) -> None:
        self._state = SourceState.STOPPED
        self._next = None

    def poll(self) -> list[Beat]:
        now = self._clock.now() - self._origin
        while self._next is not None and self._next[0] <= now:
            time_s, rr_ms, ectopic = self._next
            self._unsent.append(rr_ms)
            self.ectopic_intervals += ectopic
            if time_s - self._last_sent_s >= NOTIFY_EVERY_S:
                self._notify(time_s)
            self._next = next(self._beats)
        return self._receiver.drain()

    def _notify(self, time_s: float) -> None:
        bpm = round(60_000 * len(self._unsent) / sum(self._unsent))
        self._receiver.feed(encode_measurement(bpm, self._unsent), self._origin + time_s)
        self._unsent = []
        self._last_sent_s = time_s
