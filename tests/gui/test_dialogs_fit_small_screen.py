"""Dialogs at 200 % on a 1280×800 screen (640×400 to use): a pack's preview and the pattern
editor fit it, their words and rows scrolling; on a large screen nothing scrolls. The global
change question reads in two lines, nothing squeezed; the report's calendars, no red."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QTextFormat
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from pfrelax.core.global_change import QUESTION
from pfrelax.core.my_pattern import PatternDraft
from pfrelax.services.global_change import GlobalChange
from pfrelax.services.history_data import HistoryData
from pfrelax.services.pack_import import PackImport
from pfrelax.store.db import Database
from pfrelax.ui.checkin.global_change_dialog import GlobalChangeDialog
from pfrelax.ui.common import screen_fit
from pfrelax.ui.library import pattern_editor
from pfrelax.ui.library.pattern_editor import PatternEditor
from pfrelax.ui.packs.pack_preview import PackPreviewDialog
from pfrelax.ui.settings.data_actions import ReportDialog

from .gui_packs import release_files, write_pack

SMALL = QRect(0, 0, 640, 400)  # 200 % on a 1280×800 screen
LARGE = QRect(0, 0, 1920, 1080)
NOW = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


def screen_of(monkeypatch: pytest.MonkeyPatch, area: QRect) -> None:
    def available(_widget: QWidget) -> QRect:
        return area

    monkeypatch.setattr(screen_fit, "available_geometry", available)
    monkeypatch.setattr(pattern_editor, "available_geometry", available, raising=False)


def preview_dialog(qtbot: QtBot, db: Database, tmp_path: Path) -> PackPreviewDialog:
    imports = PackImport(db, now=lambda: NOW, zone=UTC)
    path = write_pack(tmp_path / "r.pfpack", release_files())
    dialog = PackPreviewDialog(imports.preview(imports.read(path)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_packs_preview_fits_a_small_screen_and_its_words_scroll(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen_of(monkeypatch, SMALL)
    dialog = preview_dialog(qtbot, db, tmp_path)
    assert dialog.frameGeometry().height() <= SMALL.height()
    assert dialog.frameGeometry().width() <= SMALL.width()
    assert dialog.install_button.isVisible()


def editor(qtbot: QtBot) -> PatternEditor:
    shown = PatternEditor(PatternDraft(), new=True)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_the_pattern_editor_fits_a_small_screen_even_with_its_holds_shown(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen_of(monkeypatch, SMALL)
    dialog = editor(qtbot)
    room = SMALL.height() - dialog.fontMetrics().height() * 2  # a title bar
    assert dialog.height() <= room
    dialog.holds.setFocus()
    qtbot.keyClick(dialog.holds, Qt.Key.Key_Space)
    assert dialog.holds.isChecked()
    qtbot.waitUntil(lambda: dialog.fields["hold_in"].isVisible())
    assert dialog.height() <= room
    area = dialog.findChild(QScrollArea)
    assert area is not None
    assert area.verticalScrollBar().maximum() > 0  # the rows scroll, none is cut


def test_on_a_large_screen_the_pattern_editor_grows_with_its_rows_and_never_scrolls(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen_of(monkeypatch, LARGE)
    dialog = editor(qtbot)
    area = dialog.findChild(QScrollArea)
    assert area is not None
    before = dialog.height()
    assert area.verticalScrollBar().maximum() == 0
    dialog.holds.setFocus()
    qtbot.keyClick(dialog.holds, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.height() > before)
    assert area.verticalScrollBar().maximum() == 0


def test_the_global_change_question_reads_in_two_lines_and_none_overlaps(
    qtbot: QtBot, db: Database
) -> None:
    dialog = GlobalChangeDialog(GlobalChange(db, now=lambda: NOW))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    heading = dialog.findChildren(QLabel)[0]
    assert heading.text() == QUESTION
    assert heading.height() <= heading.fontMetrics().lineSpacing() * 2.5  # not three lines
    layout = dialog.layout()
    assert layout is not None
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width())  # nothing squeezed


def test_the_reports_calendars_show_weekends_in_the_text_colour_and_whole_day_names(
    qtbot: QtBot, db: Database
) -> None:
    dialog = ReportDialog(HistoryData(db), NOW.date())
    qtbot.addWidget(dialog)
    for edit in (dialog.date_from, dialog.date_to):
        calendar = edit.calendarWidget()
        for weekend in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            drawn = calendar.weekdayTextFormat(weekend)
            assert not drawn.hasProperty(QTextFormat.Property.ForegroundBrush)  # Qt's red
        names = calendar.fontMetrics().horizontalAdvance("Wed") * 7
        assert calendar.minimumWidth() >= names  # "Wed", not "W…"
