"""Work that can wait runs just after the window's first paint, once."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pfrelax.ui.first_paint import AfterFirstPaint


def test_callback_runs_once_after_the_first_paint(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    calls: list[str] = []
    AfterFirstPaint(window, lambda: calls.append("filled"))
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: calls == ["filled"])
    window.repaint()
    QApplication.processEvents()  # a (wrong) second call would be queued by now
    assert calls == ["filled"]
