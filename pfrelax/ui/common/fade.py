"""Gentle page changes: the page being left fades out over 400 ms, uncovering the new one
(VISUAL.md: nothing flashes, nothing pops up).

A picture of the old page is laid over the stack and painted ever more transparent; the new page
underneath paints as it always does. An earlier version faded the new page in with a
QGraphicsOpacityEffect: Qt leaves a child marked WA_OpaquePaintEvent (the breathing view) out of
an effect's painting, so the old page stayed on screen through the count-in, and an effect
renders the whole page offscreen on every frame, which made the picture lag the sound.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractAnimation, QEasingCurve, Qt, QVariantAnimation
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QStackedWidget, QWidget

FADE_MS = 400


class CrossFade(QWidget):
    """Switches `stack` to a page, fading the page it leaves out over the new one."""

    def __init__(self, stack: QStackedWidget, duration_ms: int = FADE_MS) -> None:
        super().__init__(stack)
        self._stack = stack
        self._picture = QPixmap()
        self._opacity = 1.0
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(duration_ms)
        self._animation.setStartValue(1.0)
        self._animation.setEndValue(0.0)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self._animation.valueChanged.connect(self._on_animation_value_changed)
        self._animation.finished.connect(self.finish)

    @property
    def running(self) -> bool:
        return self._animation.state() == QAbstractAnimation.State.Running

    def switch_to(self, page: QWidget) -> None:
        """Show `page`; while the stack is on screen, the old page fades out over it."""
        if self._stack.currentWidget() is page:
            return
        self.finish()
        shown = self._stack.isVisible() and self._stack.currentWidget() is not None
        if shown:
            self._picture = self._stack.grab()  # the old page, as it looks now
        self._stack.setCurrentWidget(page)
        if shown:
            self._opacity = 1.0
            self.setGeometry(self._stack.rect())
            self.raise_()
            self.show()
            self._animation.start()

    def finish(self) -> None:
        """Jump to the end: the new page alone."""
        self._animation.stop()
        self.hide()
        self._picture = QPixmap()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setOpacity(self._opacity)
        painter.drawPixmap(0, 0, self._picture)
        painter.end()

    def _on_animation_value_changed(self, value: object) -> None:
        self._opacity = float(value) if isinstance(value, int | float) else 0.0
        self.update()
