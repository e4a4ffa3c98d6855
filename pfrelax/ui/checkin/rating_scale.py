"""One numbered 0–10 rating: question, slider with every number printed, anchors, value, keyboard.

Keys on a focused slider: Left/Right (and Up/Down, PageUp/PageDown) move it; a digit sets it
directly; "1" then "0" within a second sets 10 (End also sets 10, Home sets 0). A slider starts
"not rated" with no handle at all (a handle at 0 read as "0, calm"); it is recorded only once it
has been moved, clicked or typed.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.checkin import SCALE_MAX, SCALE_MIN, Asked, typed_value
from pfrelax.core.clock import Clock, MonotonicClock

NOT_RATED = "not rated"
NOT_ATTEMPTED = "Not attempted"


class NumberedSlider(QSlider):
    """A 0–10 slider that takes digits, and tells when a person (not code) first set it."""

    touched = Signal()

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._clock = clock
        self._last_digit: int | None = None
        self._last_digit_at = 0.0
        self.setRange(SCALE_MIN, SCALE_MAX)
        self.setSingleStep(1)
        self.setPageStep(2)
        self.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.setTickInterval(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Keyboard steps, page steps, Home/End and groove clicks all arrive as actions.
        self.actionTriggered.connect(self._on_self_action)
        self.sliderPressed.connect(self.touched)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if len(text) == 1 and text.isdigit() and self.isEnabled():
            now = self._clock.now()
            value = typed_value(self._last_digit, now - self._last_digit_at, int(text))
            self._last_digit, self._last_digit_at = int(text), now
            self.setValue(value)
            self.touched.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Jump to the number under the pointer (Qt's default steps by a page toward it).
        if event.button() == Qt.MouseButton.LeftButton and self.isEnabled():
            span = max(1, self.width() - self._handle_width())
            x = round(event.position().x()) - self._handle_width() // 2
            self.setValue(QStyle.sliderValueFromPosition(SCALE_MIN, SCALE_MAX, x, span))
            self.touched.emit()
        super().mousePressEvent(event)

    def tick_x(self, value: int) -> float:
        """Where the centre of the handle is at `value`, in this widget's coordinates."""
        handle = self._handle_width()
        span = max(1, self.width() - handle)
        return QStyle.sliderPositionFromValue(SCALE_MIN, SCALE_MAX, value, span) + handle / 2

    def _handle_width(self) -> int:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        rect = self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        return max(1, rect.width())

    def _on_self_action(self, _action: int) -> None:
        self.touched.emit()


class TickNumbers(QWidget):
    """The numbers 0–10 printed under the slider's tick marks, so the scale is never unmarked."""

    def __init__(self, slider: NumberedSlider, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._slider = slider
        self.setMinimumHeight(self.fontMetrics().height() + 2)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        metrics = self.fontMetrics()
        offset = self.mapFromGlobal(self._slider.mapToGlobal(QPointF(0, 0))).x()
        for value in range(SCALE_MIN, SCALE_MAX + 1):
            label = str(value)
            x = offset + self._slider.tick_x(value) - metrics.horizontalAdvance(label) / 2
            painter.drawText(QPointF(x, metrics.ascent() + 1), label)
        painter.end()


class RatingScale(QWidget):
    """A measure's question, numbered slider, anchors and current value."""

    changed = Signal()

    def __init__(
        self,
        measure: Asked,
        *,
        allow_not_attempted: bool = False,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.measure = measure
        self._rated = False
        wording = measure.wording
        self.slider = NumberedSlider(clock or MonotonicClock(), self)
        self.slider.setAccessibleName(wording.question)
        self.slider.setAccessibleDescription(
            f"0 {wording.low}, 10 {wording.high}. Arrow keys or a number key set it."
        )
        self.question = QLabel(wording.question, self)
        self.question.setWordWrap(True)
        self.question.setBuddy(self.slider)
        self.value_label = QLabel(NOT_RATED, self)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value_label.setMinimumWidth(self.fontMetrics().horizontalAdvance(NOT_ATTEMPTED) + 8)
        self.not_attempted: QCheckBox | None = None
        if allow_not_attempted:
            self.not_attempted = QCheckBox(NOT_ATTEMPTED, self)
            self.not_attempted.toggled.connect(self._on_not_attempted_toggled)
        self._build_layout(wording.low, wording.high)
        self.slider.touched.connect(self._on_slider_touched)
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self._show_state()

    def _build_layout(self, low: str, high: str) -> None:
        top = QHBoxLayout()
        top.addWidget(self.question, 1)
        top.addWidget(self.value_label)
        anchors = QHBoxLayout()
        anchors.addWidget(_quiet(f"0 {low}", self))
        anchors.addStretch(1)
        anchors.addWidget(_quiet(f"10 {high}", self))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(top)
        column.addWidget(self.slider)
        column.addWidget(TickNumbers(self.slider, self))
        column.addLayout(anchors)
        if self.not_attempted is not None:
            column.addWidget(self.not_attempted)

    @property
    def is_rated(self) -> bool:
        """Set by the person: moved, typed, clicked, or marked not attempted."""
        return self._rated or self.is_not_attempted

    @property
    def is_not_attempted(self) -> bool:
        return self.not_attempted is not None and self.not_attempted.isChecked()

    def value(self) -> int | None:
        """The rating to store: 0–10, or None for not attempted. Only meaningful if is_rated."""
        return None if self.is_not_attempted else self.slider.value()

    def _on_slider_touched(self) -> None:
        if not self._rated:
            self._rated = True
            self._show_state()
            self.changed.emit()

    def _on_slider_value_changed(self, _value: int) -> None:
        self._show_state()
        self.changed.emit()

    def _on_not_attempted_toggled(self, checked: bool) -> None:
        self.slider.setEnabled(not checked)
        self._show_state()
        self.changed.emit()

    def _show_state(self) -> None:
        if self.is_not_attempted:
            self.value_label.setText(NOT_ATTEMPTED)
        elif self._rated:
            self.value_label.setText(str(self.slider.value()))
        else:
            self.value_label.setText(NOT_RATED)
        # No handle until rated: any handle sits at a value nobody chose. The groove takes the
        # accent colour while focused, so the keyboard focus still shows.
        accent = self.palette().color(QPalette.ColorRole.Accent).name()
        self.slider.setStyleSheet("" if self._rated else _UNRATED.replace("ACCENT", accent))
        self.slider.setAccessibleDescription(
            f"{self.value_label.text()}. 0 {self.measure.wording.low}, "
            f"10 {self.measure.wording.high}."
        )


_UNRATED = """
QSlider::handle:horizontal {
    background: transparent; border: none;
    width: 1.1em; height: 1.1em; margin: -0.5em 0;
}
QSlider::sub-page:horizontal { background: transparent; }
QSlider::groove:horizontal:focus { background: ACCENT; }
"""


def _quiet(text: str, parent: QWidget) -> QLabel:
    """A label in the quiet text colour (the palette's placeholder role, as the theme sets it)."""
    label = QLabel(text, parent)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), palette.placeholderText().color())
    label.setPalette(palette)
    return label
