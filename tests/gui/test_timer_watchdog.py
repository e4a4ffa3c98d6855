"""The watchdog in conftest really sees a forgotten timer, animation or frame driver."""

from __future__ import annotations

from PySide6.QtCore import QPropertyAnimation, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pfrelax.ui.player.frame_driver import FrameDriver

from .conftest import _still_running


def test_a_running_timer_on_a_widget_is_reported(qtbot: QtBot, qapp: QApplication) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    timer = QTimer(widget)
    timer.start(1000)
    assert any("QTimer" in entry for entry in _still_running(qapp))
    timer.stop()
    assert _still_running(qapp) == []


def test_a_running_animation_is_reported(qtbot: QtBot, qapp: QApplication) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    animation = QPropertyAnimation(widget, b"minimumWidth", widget)
    animation.setDuration(10_000)
    animation.setEndValue(50)
    animation.start()
    assert any("animation" in entry for entry in _still_running(qapp))
    animation.stop()
    assert _still_running(qapp) == []


def test_a_running_frame_driver_is_reported(qapp: QApplication) -> None:
    driver = FrameDriver(lambda: None)
    driver.start()
    assert any("frame driver" in entry for entry in _still_running(qapp))
    driver.stop()
    assert _still_running(qapp) == []
