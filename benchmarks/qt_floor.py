"""The Qt floor: a bare QWidget repainting a static circle at 62.5 frames a second.

What any PySide6 animation costs before it draws anything of its own (a precise 16 ms timer, a
synchronous repaint of the whole window, the flush to the screen); `side_by_side.py` runs it
next to pfrelax and prints pfrelax's CPU as a ratio of this.

    .venv/bin/python benchmarks/qt_floor.py [--seconds 10]   (0: until it is killed)

It prints its own CPU (% of one core) when it ends by itself.
"""

from __future__ import annotations

import argparse
import sys
import time

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget


class Circle(QWidget):
    """A static antialiased disc, repainted whole on every tick."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  # Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(247, 245, 240))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(92, 140, 180))
        radius = min(self.width(), self.height()) * 0.3
        painter.drawEllipse(QPointF(self.width() / 2, self.height() / 2), radius, radius)
        painter.end()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="run this long (0: forever)")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    window = Circle()
    window.setWindowTitle("Qt floor")
    window.resize(1280, 800)
    window.show()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(16)
    timer.timeout.connect(window.repaint)
    timer.start()
    if args.seconds > 0:
        QTimer.singleShot(round(args.seconds * 1000), app.quit)
    wall, cpu = time.perf_counter(), time.process_time()
    status = app.exec()
    if args.seconds > 0:
        used = 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)
        print(f"platform: {app.platformName()}, Qt floor CPU {used:.1f} % of one core")
    return status


if __name__ == "__main__":
    sys.exit(main())
