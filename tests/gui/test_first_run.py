"""The first run shows what pfrelax is and the stop rules, once; optional check-in measures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pfrelax.core import texts
from pfrelax.core.clock import FakeClock
from pfrelax.core.session import Session
from pfrelax.services import preferences as settings_store

from .test_main_window import compose

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_first_run_note_is_shown_once_and_remembered(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    composition = compose(qtbot, clock, sessions)
    composition.show_first_run_note()
    boxes = [b for b in composition.window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    assert texts.disclaimer() in boxes[0].informativeText()
    assert texts.stop_rules()[0] in boxes[0].informativeText()
    with qtbot.waitSignal(boxes[0].finished):
        boxes[0].buttons()[0].click()
    assert settings_store.load().disclaimer_seen

    composition.show_first_run_note()
    assert not [b for b in composition.window.findChildren(QMessageBox) if b.isVisible()]


# Choosing pain in Settings adds it to check-ins: tests/gui/test_checkin_measures.py.


def test_after_start_up_the_file_menu_offers_import_pack(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    composition = compose(qtbot, clock, sessions)
    assert composition.importer is None  # nothing of the sort before the first paint
    composition.finish_startup()
    texts_in_menu = [action.text() for action in composition.window.file_menu.actions()]
    assert "&Import pack…" in texts_in_menu
    assert texts_in_menu[-1] == "&Quit"
