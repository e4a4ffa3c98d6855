"""The live heart trace under the breathing (pyqtgraph): your heart rate as a calm line, the last
breath's swing, a gentle word on how your heart follows your breath, and the source's state.

Imported only when a heart source is on, so pyqtgraph never loads at start-up. It is redrawn
when a beat arrives (about once a second), never per frame.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from pfrelax.services.heart_session import TRACE_SECONDS, LiveHeart
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.theme import Palette

TRACE_HEIGHT_EM = 7
COMPACT_HEIGHT_EM = 4  # 200 % on a small screen: the breathing keeps most of the room
SMOOTH_BEATS = 3  # a short moving average: a calm line, the breath's wave still plain
MIN_SPAN_BPM = 16.0  # the trace's height never magnifies a small wobble into a big swing
WAITING = "Waiting for the first beats…"


class HeartTrace(QWidget):
    """Shows a `LiveHeart`; `show_live` redraws only when something shown changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heartTrace")
        self._shown: LiveHeart | None = None
        self.compact = False
        self.canvas = pg.PlotWidget(enableMenu=False)
        self.canvas.setMouseEnabled(x=False, y=False)
        self.canvas.hideButtons()
        self.canvas.setMenuEnabled(False)
        self.canvas.getPlotItem().hideAxis("bottom")
        self.canvas.getPlotItem().setContentsMargins(0, 4, 4, 4)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.canvas.setAccessibleName("Your heart rate over the last minute and a half")
        self.curve = pg.PlotDataItem(antialias=True)
        self.canvas.addItem(self.curve)
        self.bpm = QLabel()
        self.bpm.setFont(self._bpm_font(1.6))
        self.swing = QLabel()
        self.following = QLabel()
        self.following.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        for label in (self.bpm, self.swing, self.following, self.state):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        name(self.bpm, "Heart rate", "Your heart rate now, in beats a minute")
        self._build_layout()
        self.show_live(LiveHeart())

    def _build_layout(self) -> None:
        # The line and the source's state on the left; the figures, large and calm, beside it.
        left = QVBoxLayout()
        left.setSpacing(0)
        left.addWidget(self.canvas, 1)
        left.addWidget(self.state)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.bpm)
        words.addWidget(self.swing)
        words.addWidget(self.following)
        words.addStretch(1)
        side = QWidget()
        side.setLayout(words)
        side.setFixedWidth(self.fontMetrics().averageCharWidth() * 44)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 20, 4)
        row.setSpacing(16)
        row.addLayout(left, 1)
        row.addWidget(side)
        self.setFixedHeight(self.fontMetrics().height() * TRACE_HEIGHT_EM)

    def _bpm_font(self, scale: float) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        return font

    def set_compact(self, compact: bool) -> None:
        """Short on room: a lower trace, the words about following and the source left out."""
        if compact == self.compact:
            return
        self.compact = compact
        self.following.setVisible(not compact)
        self.canvas.getPlotItem().showAxis("left", not compact)  # too low for its numbers
        self.bpm.setFont(self._bpm_font(1.25 if compact else 1.6))
        height = COMPACT_HEIGHT_EM if compact else TRACE_HEIGHT_EM
        self.setFixedHeight(self.fontMetrics().height() * height)
        shown, self._shown = self._shown, None
        if shown is not None:
            self.show_live(shown)

    def set_palette(self, palette: Palette) -> None:
        self.canvas.setBackground(palette.color("background"))
        line = palette.color("breath_in")
        self.curve.setPen(pg.mkPen(line, width=2))
        axis_pen = pg.mkPen(palette.color("quiet_text"))
        axis = self.canvas.getPlotItem().getAxis("left")
        axis.setPen(axis_pen)
        axis.setTextPen(axis_pen)
        quiet = palette.quiet_text
        for label in (self.swing, self.following, self.state):
            label.setStyleSheet(f"color: {quiet};")
        self.bpm.setStyleSheet(f"color: {palette.text};")

    def show_live(self, live: LiveHeart) -> None:
        if live == self._shown:
            return
        redraw = self._shown is None or live.version != self._shown.version
        self._shown = live
        self.bpm.setText(f"{live.bpm:.0f} bpm" if live.bpm is not None else "— bpm")
        self.swing.setText(_swing_text(live))
        self.following.setText(live.following_text)
        self.state.setText(_state_text(live, with_source=not self.compact))
        if redraw:
            self._draw(live)

    def _draw(self, live: LiveHeart) -> None:
        if not live.trace:
            self.curve.setData([], [])
            self.canvas.setXRange(0, TRACE_SECONDS, padding=0)
            self.canvas.setYRange(60 - MIN_SPAN_BPM / 2, 60 + MIN_SPAN_BPM / 2, padding=0)
            return
        times = [t for t, _ in live.trace]
        rates = _smoothed([bpm for _, bpm in live.trace])
        self.curve.setData(times, rates)
        end = max(times[-1], TRACE_SECONDS)
        self.canvas.setXRange(end - TRACE_SECONDS, end, padding=0)
        low, high = min(rates), max(rates)
        middle, span = (low + high) / 2, max(high - low, MIN_SPAN_BPM)
        self.canvas.setYRange(middle - span * 0.6, middle + span * 0.6, padding=0)


def _smoothed(rates: list[float]) -> list[float]:
    """Each beat's rate averaged with its neighbours (the ends with what they have)."""
    half = SMOOTH_BEATS // 2
    return [
        sum(rates[max(0, i - half) : i + half + 1]) / len(rates[max(0, i - half) : i + half + 1])
        for i in range(len(rates))
    ]


def _swing_text(live: LiveHeart) -> str:
    if live.last_swing_bpm is None:
        return WAITING if live.bpm is None else ""
    return f"Last breath: {live.last_swing_bpm:.0f} bpm from low to high"


def _state_text(live: LiveHeart, *, with_source: bool) -> str:
    parts = [live.state_text] if live.state_text else []
    if live.battery_percent is not None:
        parts.append(f"battery {live.battery_percent} %")
    if live.source_name and with_source:
        parts.insert(0, live.source_name)
    return " · ".join(parts)
