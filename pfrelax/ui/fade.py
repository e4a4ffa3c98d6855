"""Gentle appearances: a widget fades in over 400 ms instead of popping up (VISUAL.md: nothing
flashes). The opacity effect exists only while fading: an effect renders offscreen, and a
widget that keeps one (even disabled) is drawn wrongly, see `FadeIn`."""

from __future__ import annotations

from PySide6.QtCore import QAbstractAnimation, QEasingCurve, QObject, QPropertyAnimation, Qt
from PySide6.QtWidgets import QGraphicsOpacityEffect, QWidget

FADE_IN_MS = 400

_OPAQUE = Qt.WidgetAttribute.WA_OpaquePaintEvent


class FadeIn(QObject):
    """Fades `widget` in each time `start()` is called; `finish()` jumps to fully shown.

    Qt leaves a descendant marked WA_OpaquePaintEvent (the breathing view) out of the painting of
    an ancestor's QGraphicsEffect, and while an effect is installed it never repaints it into the
    window: the page shown before stayed on screen through the whole count-in, with the orb
    showing only where a label happened to repaint. So the effect is installed for the fade
    alone, and for that time those descendants are painted like any other widget.
    """

    def __init__(self, widget: QWidget, duration_ms: int = FADE_IN_MS) -> None:
        super().__init__(widget)
        self._widget = widget
        self._lifted: list[QWidget] = []  # descendants whose WA_OpaquePaintEvent is lifted
        self._animation = QPropertyAnimation(self)
        self._animation.setPropertyName(b"opacity")
        self._animation.setDuration(duration_ms)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self._animation.finished.connect(self.finish)

    @property
    def running(self) -> bool:
        return self._animation.state() == QAbstractAnimation.State.Running

    def start(self) -> None:
        self.finish()
        self._lifted = [w for w in self._widget.findChildren(QWidget) if w.testAttribute(_OPAQUE)]
        for widget in self._lifted:
            widget.setAttribute(_OPAQUE, False)
        effect = QGraphicsOpacityEffect(self._widget)
        effect.setOpacity(0.0)
        self._widget.setGraphicsEffect(effect)
        self._animation.setTargetObject(effect)
        self._animation.start()

    def finish(self) -> None:
        self._animation.stop()
        if self._widget.graphicsEffect() is not None:
            # Deletes the effect and repaints the widget; PySide's stubs omit the None Qt takes.
            self._widget.setGraphicsEffect(None)  # type: ignore[arg-type]
        for widget in self._lifted:
            widget.setAttribute(_OPAQUE, True)
        self._lifted = []
