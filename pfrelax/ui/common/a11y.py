"""Screen-reader help: name every control, and announce phase changes without chattering.

A new phase is announced only when its kind changes, and at most once every two seconds; a change
that arrives too soon waits and is spoken on a later frame if it is still current. No timer is
needed: the player offers the current phase on every frame it paints anyway.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pfrelax.core.clock import Clock

MIN_INTERVAL_S = 2.0


def name(widget: QWidget, accessible_name: str, description: str) -> None:
    """Give `widget` the name and description assistive technology reads out."""
    widget.setAccessibleName(accessible_name)
    widget.setAccessibleDescription(description)


class PhaseAnnouncer:
    """Throttled announcements through `target` (a label whose name screen readers follow)."""

    def __init__(self, target: QWidget, clock: Clock, min_interval_s: float = MIN_INTERVAL_S):
        self._target = target
        self._clock = clock
        self._min_interval = min_interval_s
        self._last_time: float | None = None
        self._last_key = ""
        self._pending: tuple[str, str] | None = None
        self.spoken: list[str] = []  # what was announced, newest last (tests and debugging)

    def reset(self) -> None:
        """A new session: forget what was said, so its first phase is announced."""
        self._last_time = None
        self._last_key = ""
        self._pending = None

    def offer(self, key: str, text: str) -> None:
        """The phase now showing is `key` (its kind), described by `text`."""
        if not text:
            return
        if key == self._last_key and self._pending is None:
            return
        self._pending = None if key == self._last_key else (key, text)
        self._flush()

    def _flush(self) -> None:
        if self._pending is None:
            return
        now = self._clock.now()
        if self._last_time is not None and now - self._last_time < self._min_interval:
            return
        key, text = self._pending
        self._pending = None
        self._last_key = key
        self._last_time = now
        self.spoken.append(text)
        announce(self._target, text)


def announce(target: QWidget, text: str) -> None:
    """Tell a screen reader `text` now, politely (as `target`'s new name)."""
    # Imported here: QAccessible's enums (hundreds of roles and events) cost ~3 ms to build,
    # and the first window, which only names its controls, does not need them.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent

    target.setAccessibleName(text)
    if not QAccessible.isActive():
        return  # no screen reader listening; building events would be wasted work
    event = QAccessibleAnnouncementEvent(target, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
    QAccessible.updateAccessibility(QAccessibleEvent(target, QAccessible.Event.NameChanged))
