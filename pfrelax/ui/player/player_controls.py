"""The player's bottom bar: elapsed/remaining time, a seekable progress bar and the transport."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.durations import format_clock
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.icons import transport_icon

_SEEK_STEP_MS = 10_000


# The keys a focused slider moves with; the player also binds Left and Right window-wide.
SLIDER_KEYS = frozenset(
    {
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)


def claims_slider_key(event: QEvent) -> bool:
    """Whether `event` asks to let a window-wide shortcut have a key the focused slider uses.

    Accepting that ShortcutOverride sends the key to the slider instead of the shortcut.
    """
    claimed = (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and event.key() in SLIDER_KEYS
    )
    if claimed:
        event.accept()
    return claimed


class SeekSlider(QSlider):
    """A slider that jumps to where it is clicked, rather than paging towards it, and that
    seeks with its arrow keys while focused (the player's Left and Right elsewhere change step).

    Every move by the person, mouse or keyboard, is reported through `sliderMoved`.
    """

    def event(self, event: QEvent) -> bool:
        return claims_slider_key(event) or super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        before = self.value()
        super().keyPressEvent(event)
        if self.value() != before:
            self.sliderMoved.emit(self.value())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            groove = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
            )
            handle = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
            )
            span = max(groove.width() - handle.width(), 1)
            x = round(event.position().x()) - groove.x() - handle.width() // 2
            value = QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), x, span)
            self.setValue(value)
            self.sliderMoved.emit(value)
            event.accept()
            return
        super().mousePressEvent(event)


class PlayerControls(QWidget):
    play_pause_clicked = Signal()
    previous_clicked = Signal()
    restart_clicked = Signal()
    next_clicked = Signal()
    stop_clicked = Signal()
    seek_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._duration_ms = 0
        self._shown_second = -1
        self._playing = False
        self._icon_color = QColor("#1F2A33")

        self.elapsed = QLabel("0:00")
        self.remaining = QLabel("0:00")
        for label in (self.elapsed, self.remaining):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slider = SeekSlider(Qt.Orientation.Horizontal)
        self.slider.setPageStep(_SEEK_STEP_MS)
        self.slider.setSingleStep(_SEEK_STEP_MS)
        self.slider.sliderMoved.connect(self.seek_requested)
        name(
            self.slider,
            "Session progress",
            "Click or drag, or use the arrow keys, to move to another point in time",
        )

        self.previous_button = self._button("Previous step", "Go back to the previous step")
        self.restart_button = self._button("Restart step", "Start this step again (R)")
        self.play_button = self._button("Play", "Start or pause the session (Space)")
        self.next_button = self._button("Next step", "Skip to the next step")
        self.stop_button = self._button("Stop", "End the session now (Esc)")
        self.previous_button.clicked.connect(self.previous_clicked)
        self.restart_button.clicked.connect(self.restart_clicked)
        self.play_button.clicked.connect(self.play_pause_clicked)
        self.next_button.clicked.connect(self.next_clicked)
        self.stop_button.clicked.connect(self.stop_clicked)
        # Stop asks nothing, so it must never be what Return presses: keys meant for a
        # check-in (digits, Tab, Return) would otherwise end the session. Esc or a click stops.
        self.stop_button.setAutoDefault(False)
        self.stop_button.setDefault(False)
        self._layout()
        self.set_playing(False)

    def _button(self, label: str, description: str) -> QPushButton:
        button = QPushButton()
        button.setFlat(True)
        button.setToolTip(f"{label} — {description}")
        button.setAutoDefault(True)  # Return activates a focused button; Space is play/pause
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        name(button, label, description)
        return button

    def _layout(self) -> None:
        time_row = QHBoxLayout()
        time_row.addWidget(self.elapsed)
        time_row.addWidget(self.slider, 1)
        time_row.addWidget(self.remaining)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.previous_button,
            self.restart_button,
            self.play_button,
            self.next_button,
            self.stop_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(time_row)
        column.addLayout(buttons)

    def set_icon_color(self, color: QColor) -> None:
        self._icon_color = QColor(color)
        self._refresh_icons()

    def _refresh_icons(self) -> None:
        side = round(self.fontMetrics().height() * 1.6)
        for button, icon in (
            (self.previous_button, "previous"),
            (self.restart_button, "restart"),
            (self.next_button, "next"),
            (self.stop_button, "stop"),
            (self.play_button, "pause" if self._playing else "play"),
        ):
            button.setIcon(transport_icon(icon, self._icon_color))
            button.setIconSize(QSize(side, side))
            button.setMinimumSize(QSize(side * 2, round(side * 1.5)))

    def set_playing(self, playing: bool) -> None:
        self._playing = playing
        label = "Pause" if playing else "Play"
        self.play_button.setAccessibleName(label)
        self.play_button.setToolTip(f"{label} (Space)")
        self._refresh_icons()

    def set_duration(self, duration_ms: int) -> None:
        self._duration_ms = duration_ms
        self._shown_second = -1
        self.slider.setRange(0, duration_ms)
        self.set_position(0)

    def set_position(self, position_ms: int) -> None:
        """Move the bar and the clocks; only when the second shown changes, to spare repaints."""
        second = position_ms // 1000
        if second == self._shown_second:
            return
        self._shown_second = second
        if not self.slider.isSliderDown():
            self.slider.setValue(position_ms)
        self.elapsed.setText(format_clock(position_ms - position_ms % 1000))
        left = format_clock(self._duration_ms - position_ms)
        self.remaining.setText("−" + left)
        self.elapsed.setAccessibleName(f"Elapsed {self.elapsed.text()}")
        self.remaining.setAccessibleName(f"Remaining {left}")
