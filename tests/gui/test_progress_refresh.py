"""The Progress page is current whenever it shows, and its default range fits the data."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.app import LIBRARY_PAGE, PROGRESS_PAGE
from pfrelax.core.clock import FakeClock
from pfrelax.core.progress import DAY_S, Span
from pfrelax.core.session import Session
from pfrelax.services.preferences import Preferences
from pfrelax.services.progress import progress_services
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database
from pfrelax.ui.checkin.checkin_dialog import CheckinDialog
from pfrelax.ui.common.theme import LIGHT
from pfrelax.ui.progress.progress_page import ProgressPage

from .test_main_window import compose
from .test_progress_page import NOW, session
from .test_session_flow import rate_by_keyboard

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def page_of(qtbot: QtBot, db: Database) -> ProgressPage:
    """The page as the app builds it: no range chosen by anyone yet."""
    measures = Preferences(paths.settings_path()).checkin_measures
    page = ProgressPage(progress_services(db, measures=measures, now=lambda: NOW), LIGHT)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    with qtbot.waitSignal(page.refreshed):
        page.show()
    return page


def show_again(qtbot: QtBot, page: ProgressPage) -> None:
    page.hide()
    with qtbot.waitSignal(page.refreshed):
        page.show()


def test_data_saved_while_the_page_was_away_shows_when_it_is_back(
    qtbot: QtBot, db: Database
) -> None:
    page = page_of(qtbot, db)
    assert page.is_empty
    session(db, NOW - timedelta(hours=2), 6, 3)
    show_again(qtbot, page)
    assert not page.is_empty
    assert page.chart is not None
    assert page.chart.before_item.getData()[1].tolist() == [6]
    session(db, NOW - timedelta(hours=1), 5, 2)
    show_again(qtbot, page)
    assert page.chart.before_item.getData()[1].tolist() == [6, 5]
    assert page.summary.text().startswith("2 sessions")


def test_the_weekly_note_goes_once_the_question_is_answered_anywhere(
    qtbot: QtBot, db: Database
) -> None:
    session(db, NOW - timedelta(days=1), 5, 4)
    page = page_of(qtbot, db)
    assert page.weekly_note.isVisible()
    Checkins(db, now=lambda: NOW).save_checkin("weekly", {"pain_with_penetration": 3})
    show_again(qtbot, page)
    assert not page.weekly_note.isVisible()


def test_answering_the_weekly_question_on_the_page_clears_its_note_at_once(
    qtbot: QtBot, db: Database
) -> None:
    session(db, NOW - timedelta(days=1), 5, 4)
    page = page_of(qtbot, db)
    page.window().activateWindow()
    qtbot.mouseClick(page.weekly_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(CheckinDialog)
    assert isinstance(dialog, CheckinDialog)
    with qtbot.waitSignal(page.refreshed):
        rate_by_keyboard(qtbot, dialog, "4")
    assert not page.weekly_note.isVisible()


@pytest.mark.parametrize(
    ("first_days_ago", "expected"),
    [(0, Span.TWO_WEEKS), (13, Span.TWO_WEEKS), (20, Span.THREE_MONTHS), (400, Span.THREE_MONTHS)],
)
def test_the_default_range_fits_the_data(
    qtbot: QtBot, db: Database, first_days_ago: int, expected: Span
) -> None:
    session(db, NOW - timedelta(days=first_days_ago, hours=1), 6, 3)
    page = page_of(qtbot, db)
    assert page.span is expected
    assert page.view is not None
    assert page.view.end - page.view.start == (14 if expected is Span.TWO_WEEKS else 91) * DAY_S


def test_a_range_the_person_chose_stays_chosen(qtbot: QtBot, db: Database) -> None:
    session(db, NOW - timedelta(days=1), 6, 3)
    page = page_of(qtbot, db)
    assert page.span is Span.TWO_WEEKS
    buttons = {b.text(): b for b in page.span_buttons.buttons()}
    qtbot.mouseClick(buttons["All"], Qt.MouseButton.LeftButton)
    show_again(qtbot, page)
    assert page.span is Span.ALL


def test_the_legend_sits_outside_the_plotted_data(qtbot: QtBot, db: Database) -> None:
    session(db, NOW - timedelta(days=1), 6, 3)
    page = page_of(qtbot, db)
    chart = page.chart
    assert chart is not None
    qtbot.waitExposed(chart.canvas)
    legend = chart.legend.sceneBoundingRect()
    assert legend.width() > 0
    assert not legend.intersects(chart.measure_plot.view.sceneBoundingRect())
    assert legend.intersects(chart.measure_plot.title.sceneBoundingRect())


def test_after_a_session_the_progress_page_shows_it(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    composition = compose(qtbot, clock, sessions)
    window = composition.window
    window.show_page(PROGRESS_PAGE)
    progress = composition.history_pages.progress_page
    assert progress is not None
    assert progress.is_empty
    window.show_page(LIBRARY_PAGE)
    composition.open_session(sessions[0])  # three 10 s breaths
    player = composition.player_page
    qtbot.mouseClick(player.pre_start.start_button, Qt.MouseButton.LeftButton)
    flow = composition.session_flow
    assert flow is not None
    assert flow.dialog is not None
    rate_by_keyboard(qtbot, flow.dialog, "642")
    clock.advance(3 + 30 + 1)
    player.refresh()
    assert flow.dialog.moment == "after"
    rate_by_keyboard(qtbot, flow.dialog, "321")
    weekly = flow.dialog.weekly_dialog
    assert isinstance(weekly, CheckinDialog)  # the weekly question follows a first session
    rate_by_keyboard(qtbot, weekly, "2")
    with qtbot.waitSignal(progress.refreshed):
        window.show_page(PROGRESS_PAGE)
    assert not progress.is_empty
    assert progress.summary.text().startswith("1 session")
    assert not progress.weekly_note.isVisible()
