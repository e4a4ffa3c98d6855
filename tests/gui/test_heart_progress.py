"""Heart figures on Progress: offered only once a run has them, each point saying its beats."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pfrelax.core.checkin import DEFAULT_MEASURES, Measure
from pfrelax.core.heart.figures import RunFigures
from pfrelax.services.heart_history import HeartHistory
from pfrelax.services.progress import progress_services
from pfrelax.store.db import Database
from pfrelax.store.runs import Runs
from pfrelax.ui.common.theme import DARK, LIGHT
from pfrelax.ui.progress.heart_chart import HeartChart
from pfrelax.ui.progress.progress_extras import HEART
from pfrelax.ui.progress.progress_page import ProgressPage

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 27, 18, 0, tzinfo=ZONE)


def built_in() -> tuple[Measure, ...]:
    return DEFAULT_MEASURES


def practise(db: Database, days_ago: int, figures: RunFigures | None) -> int:
    started = NOW - timedelta(days=days_ago)
    run_id = Runs(db, lambda: started).start_run("slow-6", "Slow breathing", length_seconds=600)
    if figures is not None:
        HeartHistory(db, lambda: started).record_run_figures(run_id, figures)
    return run_id


def test_heart_figures_are_not_offered_before_a_run_has_them(qtbot: QtBot, db: Database) -> None:
    practise(db, 2, None)
    page = ProgressPage(progress_services(db, measures=built_in, now=lambda: NOW))
    qtbot.addWidget(page)
    page.show()
    assert page.measure_box.findData(HEART) == -1


def test_heart_figures_are_charted_with_their_corrected_beats(qtbot: QtBot, db: Database) -> None:
    practise(db, 3, RunFigures(610, 4, 71.0, 33.0, 6.5, 1100.0))
    practise(db, 2, None)
    practise(db, 1, RunFigures(630, 0, 68.0, 38.0, 8.0, 1500.0))
    page = ProgressPage(progress_services(db, measures=built_in, now=lambda: NOW))
    qtbot.addWidget(page)
    page.show()
    page.measure_box.setFocus()
    qtbot.keyClick(page.measure_box, Qt.Key.Key_End)  # the heart figures come last
    assert page.measure_box.currentData() == HEART
    chart = page.extra_charts.heart_chart
    assert isinstance(chart, HeartChart)
    assert chart.isVisible()
    values = [points.getData()[1].tolist() for _, points in chart.drawn]
    assert values == [[71.0, 68.0], [33.0, 38.0], [6.5, 8.0], [1100.0, 1500.0]]
    assert page.summary.text() == (
        "Your numbers, compared only with your own · 2 sessions with a heart strap in this "
        "range · 4 of 1,240 beats corrected"
    )
    qtbot.keyClick(page.measure_box, Qt.Key.Key_Home)
    assert page.measure_box.currentIndex() == 0
    assert page.chart is not None
    assert page.chart.isVisible()


def test_the_heart_chart_follows_a_theme_change_while_shown(qtbot: QtBot, db: Database) -> None:
    practise(db, 1, RunFigures(630, 0, 68.0, 38.0, 8.0, 1500.0))
    page = ProgressPage(progress_services(db, measures=built_in, now=lambda: NOW))
    qtbot.addWidget(page)
    page.set_palette(LIGHT)
    page.show()
    page.measure_box.setFocus()
    qtbot.keyClick(page.measure_box, Qt.Key.Key_End)  # the heart figures come last
    chart = page.extra_charts.heart_chart
    assert isinstance(chart, HeartChart)
    page.set_palette(DARK)  # no white panel left behind in the dark theme
    assert chart.canvas.backgroundBrush().color() == DARK.color("surface")
