"""The repaint timer: asks for a frame about every 16 ms while something moves, and never counts.

Each tick only calls `on_frame`; the receiver reads the transport's position from the clock. A
tick that comes late (a stalled GUI thread) therefore shows the right moment, it just shows it late.
While nothing moves the timer is stopped, so an idle app has no timers at all. While the picture
moves slowly (`pace` says how long it stays the same), the timer sleeps that many whole frames.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

FRAME_INTERVAL_MS = 16

_live_drivers: weakref.WeakSet[FrameDriver] = weakref.WeakSet()


class FrameDriver(QObject):
    def __init__(
        self,
        on_frame: Callable[[], None],
        parent: QObject | None = None,
        *,
        pace: Callable[[], int] | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_frame = on_frame
        self._pace = pace
        self._timer = QTimer(self)
        # PreciseTimer: a coarse timer may be 5 % late, which shows as uneven breathing.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._interval = FRAME_INTERVAL_MS  # the timer's, as last set
        self._timer.timeout.connect(self._on_timer_timeout)
        _live_drivers.add(self)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        if not self._timer.isActive():
            self._interval = FRAME_INTERVAL_MS
            self._timer.start(FRAME_INTERVAL_MS)

    def stop(self) -> None:
        self._timer.stop()

    @property
    def interval_ms(self) -> int:
        """How long until the next tick is asked for."""
        return self._timer.interval()

    def _on_timer_timeout(self) -> None:
        self.tick()

    def tick(self) -> None:
        """One frame: what the timer calls (tests call it with a fake clock)."""
        self._on_frame()
        if self._pace is None or not self._timer.isActive():
            return
        # Whole frames, so the ticks stay on the 16 ms grid; setting the interval restarts the
        # timer, so it is set only when it changes.
        interval = max(1, self._pace() // FRAME_INTERVAL_MS) * FRAME_INTERVAL_MS
        if interval != self._interval:  # kept here: asking the timer costs a call into Qt
            self._interval = interval
            self._timer.setInterval(interval)


def running_drivers() -> list[FrameDriver]:
    """Every frame driver whose timer is running (tests use it to catch a forgotten timer)."""
    alive = []
    for driver in list(_live_drivers):
        try:
            if driver.running:
                alive.append(driver)
        except RuntimeError:  # its C++ side is already gone, so it cannot be running
            continue
    return alive
