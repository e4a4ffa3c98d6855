"""Transport icons drawn in the theme's text colour, so they match light and dark and any scale."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPixmap

_SIZE = 64  # drawn large; Qt scales it down smoothly for any button size


def _triangle(path: QPainterPath, left: float, right: float, *, pointing_right: bool) -> None:
    tip, base = (right, left) if pointing_right else (left, right)
    path.moveTo(base, 16)
    path.lineTo(tip, 32)
    path.lineTo(base, 48)
    path.closeSubpath()


def _play(path: QPainterPath) -> None:
    _triangle(path, 20, 50, pointing_right=True)


def _pause(path: QPainterPath) -> None:
    path.addRoundedRect(QRectF(18, 16, 10, 32), 3, 3)
    path.addRoundedRect(QRectF(36, 16, 10, 32), 3, 3)


def _stop(path: QPainterPath) -> None:
    path.addRoundedRect(QRectF(18, 18, 28, 28), 4, 4)


def _previous(path: QPainterPath) -> None:
    path.addRoundedRect(QRectF(14, 16, 6, 32), 2, 2)
    _triangle(path, 22, 50, pointing_right=False)


def _next(path: QPainterPath) -> None:
    _triangle(path, 14, 42, pointing_right=True)
    path.addRoundedRect(QRectF(44, 16, 6, 32), 2, 2)


def _restart(path: QPainterPath) -> None:
    # An open circle with an arrow head: "from the top of this step".
    path.arcMoveTo(QRectF(16, 16, 32, 32), 110)
    path.arcTo(QRectF(16, 16, 32, 32), 110, 290)
    path.moveTo(QPointF(21, 8))
    path.lineTo(QPointF(28, 19))
    path.lineTo(QPointF(15, 21))


_SHAPES: dict[str, Callable[[QPainterPath], None]] = {
    "play": _play,
    "pause": _pause,
    "stop": _stop,
    "previous": _previous,
    "next": _next,
    "restart": _restart,
}


def transport_icon(name: str, color: QColor) -> QIcon:
    pixmap = QPixmap(_SIZE, _SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    _SHAPES[name](path)
    if name == "restart":
        pen = painter.pen()
        pen.setColor(color)
        pen.setWidthF(5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(path)
    else:
        painter.fillPath(path, color)
    painter.end()
    return QIcon(pixmap)
