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


def frame_allowance(window: QWidget) -> QSize:
    """What the window manager adds around the window: measured once shown, else a title bar's
    worth (two lines of text) and thin borders, so a window sized before it shows still fits."""
    if window.isVisible():
        return window.frameGeometry().size() - window.geometry().size()
    em = window.fontMetrics().height()
    return QSize(em // 2, em * 2)


def fit_to_screen(window: QWidget, wanted: QSize, minimum: QSize) -> None:
    """Give `window` at most the available size (frame included): `minimum` and `wanted` both
    shrink to fit, and the window is moved inside the available area if it was not."""
    area = available_geometry(window)
    room = area.size() - frame_allowance(window)
    window.setMinimumSize(minimum.boundedTo(room))
    size = wanted.boundedTo(room).expandedTo(window.minimumSize())
    window.resize(size)
    if not area.contains(QRect(window.pos(), size)):
        frame = QRect(QPoint(0, 0), size)
        frame.moveCenter(area.center())
        window.move(max(area.left(), frame.left()), max(area.top(), frame.top()))
