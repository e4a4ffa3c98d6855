"""Windows that fit the screen they open on, whatever its size and scale.

At 200 % on a 1280×800 screen Qt has 640×400 logical pixels to offer, less the desktop's panels:
a window asking for 1280×800 (or a minimum of 800×560) would open half off-screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def available_geometry(widget: QWidget) -> QRect:
    """The part of the widget's screen (else the primary one) that windows may use."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, wanted: QSize, minimum: QSize) -> None:
    """Give `window` at most the available size: `minimum` and `wanted` both shrink to fit,
    and the window is placed inside the available area."""
    room = available_geometry(window)
    window.setMinimumSize(minimum.boundedTo(room.size()))
    size = wanted.boundedTo(room.size()).expandedTo(window.minimumSize())
    window.resize(size)
    if not room.contains(QRect(window.pos(), size)):
        frame = QRect(QPoint(0, 0), size)
        frame.moveCenter(room.center())
        window.move(max(room.left(), frame.left()), max(room.top(), frame.top()))
