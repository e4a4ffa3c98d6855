"""A small live pacer in the pattern editor: a disc that grows with the in-breath, rests on a
hold and shrinks with the out-breath, so a person feels the pattern before saving it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from pfrelax.core.clock import Clock, MonotonicClock
from pfrelax.core.easing import ease_in_out_sine
from pfrelax.core.pattern import Pattern
from pfrelax.ui.common.a11y import name

_FRAME_MS = 33  # a small disc: 30 frames a second is smooth and costs little


def level_at(pattern: Pattern, t_ms: int) -> float:
    """How full the breath is (0 empty … 1 full) `t_ms` into a cycle of `pattern`."""
    t = t_ms % pattern.cycle_ms
    if t < pattern.inhale_ms:
        return 0.85 * ease_in_out_sine(t / pattern.inhale_ms)
    t -= pattern.inhale_ms
    if t < pattern.top_up_ms:
        return 0.85 + 0.15 * ease_in_out_sine(t / pattern.top_up_ms)
    t -= pattern.top_up_ms
    top = 1.0 if pattern.top_up_ms else 0.85
    if t < pattern.hold_in_ms:
        return top
    t -= pattern.hold_in_ms
    if t < pattern.exhale_ms:
        return top * (1 - ease_in_out_sine(t / pattern.exhale_ms))
    return 0.0


class PacerPreview(QWidget):
    """Repaints only while it is shown, and only itself."""

    def __init__(self, clock: Clock | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock or MonotonicClock()
        self._pattern = Pattern(inhale_ms=4_000, exhale_ms=6_000)
        self._start = self._clock.now()
        self._timer = QTimer(self)
        self._timer.setInterval(_FRAME_MS)
        self._timer.timeout.connect(self.update)
        name(self, "Pacer preview", "A small picture breathing at your pattern's pace")

    def set_pattern(self, pattern: Pattern) -> None:
        if pattern != self._pattern:
            self._pattern = pattern
            self._start = self._clock.now()
            self.update()

    def level(self) -> float:
        elapsed_ms = round((self._clock.now() - self._start) * 1000)
        return level_at(self._pattern, elapsed_ms)

    def sizeHint(self) -> QSize:
        side = self.fontMetrics().height() * 5
        return QSize(side, side)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()

    def hideEvent(self, event: object) -> None:
        self._timer.stop()

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        smallest, largest = side * 0.3, side * 0.95
        diameter = smallest + (largest - smallest) * self.level()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = self.palette().highlight().color()
        ring = QColor(accent)
        ring.setAlphaF(0.45)
        painter.setPen(ring)
        painter.setBrush(QColor(0, 0, 0, 0))
        centre = self.rect().center().toPointF()
        painter.drawEllipse(centre, largest / 2, largest / 2)
        fill = QColor(accent)
        fill.setAlphaF(0.8)
        painter.setPen(QColor(0, 0, 0, 0))
        painter.setBrush(fill)
        painter.drawEllipse(
            QRectF(0, 0, diameter, diameter).translated(
                centre.x() - diameter / 2, centre.y() - diameter / 2
            )
        )
        painter.end()
