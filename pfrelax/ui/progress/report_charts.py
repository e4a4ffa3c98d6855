"""Simple weekly charts painted with QPainter into images for the PDF report.

Painted by hand rather than with pyqtgraph so the report needs only a QGuiApplication (the
command line renders it with no window) and prints the same everywhere: white paper, the light
palette's colours, week labels under the bars.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen

from pfrelax.ui.common.theme import LIGHT

WIDTH = 1800  # pixels; shown at the page's text width, so about 220 dpi on A4
PANEL_HEIGHT = 520
FONT_PX = 26


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[float]  # one per week; NaN leaves a gap
    color: str
    kind: Literal["line", "dashed", "bar"] = "line"


@dataclass(frozen=True, slots=True)
class Panel:
    title: str
    labels: Sequence[str]  # one per week
    series: Sequence[Series]
    y_max: float
    band: tuple[float, float] | None = None  # a shaded y range (the pain reference band)


def render(panels: Sequence[Panel], columns: int = 1) -> QImage:
    """Panels in a grid of `columns`, on white, as one image."""
    rows = math.ceil(len(panels) / columns)
    image = QImage(WIDTH, PANEL_HEIGHT * rows, QImage.Format.Format_ARGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(FONT_PX)
    painter.setFont(font)
    width = WIDTH / columns
    for i, panel in enumerate(panels):
        rect = QRectF((i % columns) * width, (i // columns) * PANEL_HEIGHT, width, PANEL_HEIGHT)
        _paint_panel(painter, rect.adjusted(10, 10, -10, -10), panel)
    painter.end()
    return image


def nice_max(value: float, minimum: float = 10.0) -> float:
    """A round top for an axis: 10, 20, 30, 40, 60, 80, 100, 150, 200, ..."""
    top = max(value, minimum)
    for step in (10, 20, 30, 40, 60, 80, 100, 150, 200, 300, 400, 600, 800, 1000):
        if top <= step:
            return float(step)
    return float(math.ceil(top / 500) * 500)


def _paint_panel(painter: QPainter, rect: QRectF, panel: Panel) -> None:
    text, quiet = QColor(LIGHT.text), QColor(LIGHT.quiet_text)
    painter.setPen(text)
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), 40), panel.title)
    plot = rect.adjusted(64, 60 + 36 * _legend_rows(panel), -10, -50)
    _paint_legend(painter, QPointF(rect.left(), rect.top() + 48), panel.series)
    if panel.band is not None:
        _paint_band(painter, plot, panel)
    _paint_grid(painter, plot, panel.y_max, quiet)
    slot = plot.width() / max(1, len(panel.labels))
    _paint_labels(painter, rect, plot, slot, panel.labels, quiet)
    for series in panel.series:
        _paint_series(painter, plot, slot, panel.y_max, series)


def _paint_labels(
    painter: QPainter,
    rect: QRectF,
    plot: QRectF,
    slot: float,
    labels: Sequence[str],
    color: QColor,
) -> None:
    """Week labels under their slots, thinned to fit, each kept whole inside the panel (the
    last one, under the right edge, used to be cut: "30 No")."""
    metrics = painter.fontMetrics()
    widest = max((metrics.horizontalAdvance(label) for label in labels), default=0)
    every = max(1, math.ceil(len(labels) * (widest + 24) / max(plot.width(), 1.0)))
    painter.setPen(color)
    for i, label in enumerate(labels):
        if i % every:
            continue
        width = metrics.horizontalAdvance(label) + 4
        centre = plot.left() + (i + 0.5) * slot
        left = min(max(centre - width / 2, rect.left()), rect.right() - width)
        painter.drawText(
            QRectF(left, plot.bottom() + 8, width, 36), Qt.AlignmentFlag.AlignHCenter, label
        )


def _legend_rows(panel: Panel) -> int:
    return 1 if len(panel.series) > 1 else 0


def _paint_legend(painter: QPainter, at: QPointF, series: Sequence[Series]) -> None:
    if len(series) < 2:
        return
    x = at.x()
    for item in series:
        painter.setPen(QPen(QColor(item.color), 6, _style(item)))
        painter.drawLine(QPointF(x, at.y() + 18), QPointF(x + 40, at.y() + 18))
        painter.setPen(QColor(LIGHT.text))
        painter.drawText(QPointF(x + 50, at.y() + 27), item.name)
        x += 70 + painter.fontMetrics().horizontalAdvance(item.name)


def _paint_band(painter: QPainter, plot: QRectF, panel: Panel) -> None:
    assert panel.band is not None
    low, high = panel.band
    top, bottom = _y(plot, high, panel.y_max), _y(plot, low, panel.y_max)
    band = QColor(LIGHT.breath_out)
    band.setAlpha(40)
    painter.fillRect(QRectF(plot.left(), top, plot.width(), bottom - top), band)


def _paint_grid(painter: QPainter, plot: QRectF, y_max: float, quiet: QColor) -> None:
    grid = QColor(quiet)
    grid.setAlpha(60)
    for i in range(6):
        value = y_max * i / 5
        y = _y(plot, value, y_max)
        painter.setPen(QPen(grid, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(quiet)
        painter.drawText(
            QRectF(plot.left() - 64, y - 18, 56, 36),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{value:g}",
        )


def _paint_series(
    painter: QPainter, plot: QRectF, slot: float, y_max: float, series: Series
) -> None:
    color = QColor(series.color)
    if series.kind == "bar":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for i, value in enumerate(series.values):
            if value == value and value > 0:
                top = _y(plot, value, y_max)
                bar = QRectF(plot.left() + (i + 0.2) * slot, top, slot * 0.6, plot.bottom() - top)
                painter.drawRect(bar)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        return
    path = QPainterPath()
    pen_down = False
    painter.setPen(QPen(color, 5, _style(series)))
    painter.setBrush(color)
    for i, value in enumerate(series.values):
        if value != value:  # NaN: no rating that week, leave a gap
            pen_down = False
            continue
        point = QPointF(plot.left() + (i + 0.5) * slot, _y(plot, value, y_max))
        if pen_down:
            path.lineTo(point)
        else:
            path.moveTo(point)
        pen_down = True
        painter.drawEllipse(point, 6, 6)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def _style(series: Series) -> Qt.PenStyle:
    return Qt.PenStyle.DashLine if series.kind == "dashed" else Qt.PenStyle.SolidLine


def _y(plot: QRectF, value: float, y_max: float) -> float:
    return plot.bottom() - plot.height() * min(max(value, 0.0), y_max) / y_max
