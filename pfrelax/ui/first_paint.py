"""After the window's first paint: fill in what can wait, and print markers (player state, first
paint) for the e2e test and the startup benchmark."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

READY_MARKER = "pfrelax-ready"
STATE_MARKER = "pfrelax-state"


class AfterFirstPaint(QObject):
    """Calls `callback` once, just after `window` has painted for the first time."""

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After this paint has been handled and flushed to the screen.
            QTimer.singleShot(0, self._callback)
        return False


def report_first_paint(*, quit_after: bool) -> None:
    # Whether the heavy charting library was (wrongly) loaded before the first paint.
    loaded = "pyqtgraph" in sys.modules
    sys.stdout.write(f"{READY_MARKER} pyqtgraph_loaded={loaded}\n")
    sys.stdout.flush()
    if quit_after:
        QApplication.quit()


def report_state(state: str) -> None:
    sys.stdout.write(f"{STATE_MARKER} {state}\n")
    sys.stdout.flush()
