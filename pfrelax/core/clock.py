"""Clocks: the only source of "now". Monotonic in the app, a fake one in tests."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a clock that never goes backwards (the origin is arbitrary)."""
        ...


class MonotonicClock:
    """`time.monotonic()`: immune to wall-clock changes."""

    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that moves only when told to, for exact tests."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock never goes backwards")
        self._now += seconds

    def set(self, seconds: float) -> None:
        if seconds < self._now:
            raise ValueError("a clock never goes backwards")
        self._now = seconds
