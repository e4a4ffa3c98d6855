"""The studio as a PT reads it: every session's whole title in its day of the plan, at 100 % and
on a 200 %-sized window; the grid as tall as its weeks; no empty header without a plan; the Today
preview in the app's colours after a theme change; the step's form never cut off at 200 %; a
long summary read from its start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from pfrelax.services.pack_studio import PackSource, open_pack
from pfrelax.ui.common.theme import DARK, LIGHT, Palette, apply_theme, set_control_palette
from pfrelax.ui.studio.plan_form import PlanForm

from .studio_helpers import EXAMPLE, open_example, shown_studio

WRAP = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap


@pytest.fixture
def source() -> Iterator[PackSource]:
    opened = open_pack(EXAMPLE)
    yield opened
    opened.close()


def shown_form(qtbot: QtBot, source: PackSource, width: int, height: int) -> PlanForm:
    form = PlanForm()
    qtbot.addWidget(form)
    form.resize(width, height)
    form.load(source)
    form.show()
    qtbot.waitExposed(form)
    return form


@pytest.mark.parametrize(("width", "height"), [(1200, 720), (640, 400)], ids=["100", "200"])
def test_every_session_in_a_day_shows_its_whole_title(
    qtbot: QtBot, source: PackSource, width: int, height: int
) -> None:
    form = shown_form(qtbot, source, width, height)
    grid = form.grid
    metrics = grid.fontMetrics()
    for row in range(grid.rowCount()):
        for column in range(grid.columnCount()):
            item = grid.item(row, column)
            assert item is not None
            room = QRect(0, 0, grid.columnWidth(column) - metrics.averageCharWidth(), 10**6)
            needed = sum(
                metrics.boundingRect(room, WRAP, line).height()
                for line in item.text().split("\n")
                if line
            )
            assert needed <= grid.rowHeight(row), (row, column, item.text())


def test_each_session_is_drawn_a_little_apart_from_the_next(
    qtbot: QtBot, source: PackSource
) -> None:
    form = shown_form(qtbot, source, 1200, 720)
    grid = form.grid
    option = QStyleOptionViewItem()
    option.initFrom(grid)
    option.rect = QRect(0, 0, grid.columnWidth(0), 10)
    four = grid.model().index(2, 0)  # week 3, Monday: four sessions
    item = grid.item(2, 0)
    assert item is not None
    metrics = grid.fontMetrics()
    room = QRect(0, 0, grid.columnWidth(0) - metrics.averageCharWidth(), 10**6)
    lines = item.text().split("\n")
    assert len(lines) == 4
    wrapped = sum(metrics.boundingRect(room, WRAP, line).height() for line in lines)
    gaps = 3 * (metrics.lineSpacing() // 4)  # a wrapped title never runs into the next
    assert grid.itemDelegate().sizeHint(option, four).height() >= wrapped + gaps


@pytest.mark.parametrize(("width", "height"), [(1200, 720), (640, 400)], ids=["100", "200"])
def test_the_grid_is_as_tall_as_its_weeks_with_no_empty_strip_under_them(
    qtbot: QtBot, source: PackSource, width: int, height: int
) -> None:
    form = shown_form(qtbot, source, width, height)
    grid = form.grid
    weeks = grid.verticalHeader().length()
    assert weeks <= grid.viewport().height() <= weeks + 2
    assert grid.verticalScrollBar().maximum() == 0


def test_without_a_plan_no_empty_header_of_weekdays_shows(qtbot: QtBot, source: PackSource) -> None:
    form = shown_form(qtbot, source, 1200, 720)
    assert form.grid.isVisible()
    form.load(None)
    assert not form.grid.isVisible()
    assert form.length.text().startswith("No plan yet")


def test_the_today_preview_takes_the_new_colours_when_the_theme_changes(
    qtbot: QtBot, source: PackSource, qapp: QApplication, home: Path
) -> None:
    original_palette, original_sheet = qapp.palette(), qapp.styleSheet()
    try:
        apply_theme(qapp, LIGHT)
        form = shown_form(qtbot, source, 1200, 720)
        assert LIGHT.surface in form.preview.styleSheet()
        apply_theme(qapp, DARK)
        qtbot.waitUntil(lambda: DARK.surface in form.preview.styleSheet())
    finally:
        qapp.setPalette(original_palette)
        set_control_palette(original_palette)
        qapp.setStyleSheet(original_sheet)


def test_on_a_200_percent_window_the_steps_form_goes_under_the_lists_and_is_never_cut(
    qtbot: QtBot, home: Path, tmp_path: Path, themed: Palette
) -> None:
    studio = open_example(shown_studio(qtbot), tmp_path)
    studio.tabs.setCurrentWidget(studio.sessions)
    studio.resize(640, 400)  # 200 % on a 1280×800 screen
    sessions = studio.sessions
    sessions.sessions.setCurrentRow(sessions.sessions.count() - 1)
    sessions.steps.setCurrentRow(2)
    form = sessions.step_form

    def at(widget: QWidget) -> QPoint:
        return widget.mapTo(studio, QPoint(0, 0))

    qtbot.waitUntil(lambda: at(form).y() > at(sessions.steps).y())  # under the steps
    inside = form.scroller.widget()
    assert inside is not None
    fits = lambda: inside.width() <= form.scroller.viewport().width()  # noqa: E731
    qtbot.waitUntil(fits)  # no field past the edge
    studio.resize(1200, 760)
    qtbot.waitUntil(lambda: at(form).x() > at(sessions.steps).x())  # beside them again
    qtbot.waitUntil(fits)


def test_a_long_summary_shows_its_beginning_when_its_session_is_chosen(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    studio = open_example(shown_studio(qtbot), tmp_path)
    studio.tabs.setCurrentWidget(studio.sessions)
    sessions = studio.sessions
    for row in range(sessions.sessions.count()):
        sessions.sessions.setCurrentRow(row)
        summary = sessions.fields["summary"]
        assert summary.text()
        assert summary.cursorPosition() == 0, summary.text()  # its first words, not its last
