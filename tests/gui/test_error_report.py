"""The window says "your input" plainly and "our bug" with a please-report text and details."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pfrelax.bug_report import PLEASE_REPORT, REPORT_FILE
from pfrelax.formats.problems import Problem, SessionFileError
from pfrelax.ui.common.error_report import ErrorReporter


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _close(qtbot: QtBot, box: QMessageBox) -> None:
    with qtbot.waitSignal(box.finished):
        box.button(QMessageBox.StandardButton.Ok).click()


def test_an_input_error_is_shown_plainly_without_details(
    qtbot: QtBot, window: QWidget, tmp_path: Path
) -> None:
    reporter = ErrorReporter(window, lambda: tmp_path)
    error = SessionFileError([Problem("calm.toml", "title", "write a title", line=2)])

    box = reporter.show(error)

    assert box.isVisible()
    assert box.text() == "calm.toml:2: title: write a title"
    assert box.detailedText() == ""
    assert not (tmp_path / REPORT_FILE).exists()
    _close(qtbot, box)


def test_an_uncaught_error_in_a_slot_is_our_bug_with_the_traceback_in_details(
    qtbot: QtBot, window: QWidget, tmp_path: Path
) -> None:
    reporter = ErrorReporter(window, lambda: tmp_path)

    def broken_slot() -> None:
        raise KeyError("steps")

    reporter.install()
    try:
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: reporter.shown is not None)
    finally:
        reporter.uninstall()

    box = reporter.shown
    assert box is not None
    assert box.isVisible()  # the app keeps running, the box waits for OK
    assert box.text() == f"{PLEASE_REPORT}\nThe details are in {tmp_path / REPORT_FILE}."
    assert "Traceback" in box.detailedText()
    assert "broken_slot" in box.detailedText()
    assert "KeyError: 'steps'" in (tmp_path / REPORT_FILE).read_text(encoding="utf-8")
    _close(qtbot, box)


def test_an_input_error_in_a_slot_is_said_plainly(
    qtbot: QtBot, window: QWidget, tmp_path: Path
) -> None:
    reporter = ErrorReporter(window, lambda: tmp_path)

    def refused() -> None:
        raise SessionFileError([Problem("calm.toml", "", "not a session file")])

    reporter.install()
    try:
        QTimer.singleShot(0, refused)
        qtbot.waitUntil(lambda: reporter.shown is not None)
    finally:
        reporter.uninstall()

    assert reporter.shown is not None
    assert reporter.shown.text() == "calm.toml: not a session file"
    assert reporter.shown.detailedText() == ""
    _close(qtbot, reporter.shown)


def test_uninstall_puts_the_previous_hook_back(window: QWidget, tmp_path: Path) -> None:
    import sys

    before = sys.excepthook
    reporter = ErrorReporter(window, lambda: tmp_path)
    reporter.install()
    assert sys.excepthook is not before
    reporter.uninstall()
    assert sys.excepthook is before
