"""Gentle appearances: a widget fades in over 400 ms instead of popping up (VISUAL.md: nothing
flashes). The opacity effect is enabled only while fading, since an effect renders offscreen."""

from __future__ import annotations

from PySide6.QtCore import QAbstractAnimation, QEasingCurve, QObject, QPropertyAnimation
from PySide6.QtWidgets import QGraphicsOpacityEffect, QWidget

FADE_IN_MS = 400


class FadeIn(QObject):
    """Fades `widget` in each time `start()` is called; `finish()` jumps to fully shown."""

    def __init__(self, widget: QWidget, duration_ms: int = FADE_IN_MS) -> None:
        super().__init__(widget)
        self._effect = QGraphicsOpacityEffect(widget)
        self._effect.setEnabled(False)
        widget.setGraphicsEffect(self._effect)
        self._animation = QPropertyAnimation(self._effect, b"opacity", self)
        self._animation.setDuration(duration_ms)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self._animation.finished.connect(self.finish)

    @property
    def running(self) -> bool:
        return self._animation.state() == QAbstractAnimation.State.Running

    def start(self) -> None:
        self._effect.setOpacity(0.0)
        self._effect.setEnabled(True)
        self._animation.start()

    def finish(self) -> None:
        self._animation.stop()
        self._effect.setOpacity(1.0)
        self._effect.setEnabled(False)
