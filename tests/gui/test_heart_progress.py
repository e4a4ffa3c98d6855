"""Heart figures on Progress: offered only once a run has them, each point saying its beats."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pfrelax.core.checkin import DEFAULT_MEASURES, Measure
from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart.resonance import CRITERIA, EpochScore, FinderResult
from pfrelax.services.heart_history import HeartHistory
from pfrelax.services.my_sessions import MySessions
from pfrelax.services.progress import progress_services
from pfrelax.store.db import Database
from pfrelax.store.runs import Runs
from pfrelax.ui.common.theme import DARK, LIGHT
from pfrelax.ui.progress.heart_chart import HeartChart
from pfrelax.ui.progress.pace_result import MADE_TEXT
from pfrelax.ui.progress.pace_results import PaceResultsDialog
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


def found(chosen: float | None) -> FinderResult:
    paces = tuple(EpochScore(bpm, 9.0, 1500.0, 0.0, 25, 0) for bpm in (6.5, 6.0, 5.5, 5.0))
    paces += (EpochScore(4.5, math.nan, math.nan, math.nan, 6, 0),)
    return FinderResult(paces, dict.fromkeys(CRITERIA, chosen), chosen, 0)


def test_past_pace_finder_results_reopen_from_progress_and_make_a_session(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    run_id = practise(db, 9, RunFigures(610, 0, 70.0, 35.0, 7.0, 1200.0))
    HeartHistory(db, lambda: NOW - timedelta(days=9)).record_finder_result(found(5.0), run_id)
    HeartHistory(db, lambda: NOW - timedelta(days=2)).record_finder_result(found(None))
    mine = tmp_path / "mine"
    services = progress_services(db, measures=built_in, now=lambda: NOW, my_sessions_folder=mine)
    page = ProgressPage(services)
    qtbot.addWidget(page)
    page.show()
    assert not page.pace_button.isVisible()  # only beside the heart figures
    page.measure_box.setFocus()
    qtbot.keyClick(page.measure_box, Qt.Key.Key_End)
    assert page.pace_button.isVisible()
    assert page.pace_button.text() == "Your pace finder results…"
    qtbot.mouseClick(page.pace_button, Qt.MouseButton.LeftButton)
    dialog = page.pace_dialog
    assert isinstance(dialog, PaceResultsDialog)
    qtbot.waitUntil(dialog.isVisible)
    # The latest first; the earlier one is a choice away.
    assert [dialog.choice.itemText(i) for i in range(dialog.choice.count())] == [
        "Wednesday 25 November 2026, 18:00 · no clear pace",
        "Wednesday 18 November 2026, 18:00 · 5 a minute",
    ]
    assert dialog.view.headline.text() == "No clear pace this time"
    assert not dialog.view.make_button.isVisibleTo(dialog)
    dialog.choice.setFocus()
    qtbot.keyClick(dialog.choice, Qt.Key.Key_Down)
    assert dialog.view.headline.text() == "Your pace: 5 breaths a minute"
    with qtbot.waitSignal(page.session_made) as made:
        qtbot.mouseClick(dialog.view.make_button, Qt.MouseButton.LeftButton)
    assert made.args is not None
    assert made.args[0].title == "Your pace, 5 breaths a minute"
    assert [s.title for s in MySessions(mine).sessions()] == ["Your pace, 5 breaths a minute"]
    assert dialog.view.make_button.text() == MADE_TEXT
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_without_a_finder_result_there_is_nothing_to_reopen(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    practise(db, 1, RunFigures(630, 0, 68.0, 38.0, 8.0, 1500.0))
    services = progress_services(
        db, measures=built_in, now=lambda: NOW, my_sessions_folder=tmp_path / "mine"
    )
    page = ProgressPage(services)
    qtbot.addWidget(page)
    page.show()
    page.measure_box.setFocus()
    qtbot.keyClick(page.measure_box, Qt.Key.Key_End)
    assert page.measure_box.currentData() == HEART
    assert not page.pace_button.isVisible()
    assert page.open_pace_results() is None


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
