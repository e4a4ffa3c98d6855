"""Progress at 200 % on a 1280×800 screen (a page about 520×350): the page scrolls, no chart
panel is squeezed until its value labels sit on each other, long titles wrap inside the chart."""

from __future__ import annotations

import functools
import itertools
from datetime import datetime, timedelta, timezone

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from pfrelax.core.checkin import DEFAULT_MEASURES, Measure
from pfrelax.core.heart.figures import RunFigures
from pfrelax.services.heart_history import HeartHistory
from pfrelax.services.progress import progress_services
from pfrelax.store.db import Database
from pfrelax.store.runs import Runs
from pfrelax.ui.common.theme import LIGHT
from pfrelax.ui.progress.heart_chart import HeartChart
from pfrelax.ui.progress.progress_chart import Panel
from pfrelax.ui.progress.progress_extras import HEART
from pfrelax.ui.progress.progress_page import ProgressPage

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 27, 18, 0, tzinfo=ZONE)
SMALL = (520, 350)  # the page's share of a 640×400 window: 200 % on a 1280×800 screen
ROOMY = (1150, 700)  # the page at 100 % on the same screen


def built_in() -> tuple[Measure, ...]:
    return DEFAULT_MEASURES


def at(moment: datetime) -> datetime:
    return moment


def keep_a_fortnight(db: Database) -> None:
    for day in range(12):
        started = NOW - timedelta(days=12 - day)
        clock = functools.partial(at, started)
        run_id = Runs(db, clock).start_run("slow-6", "Slow breathing", length_seconds=600)
        calmer = day / 12
        figures = RunFigures(
            620, 0, 72 - 6 * calmer, 30 + 16 * calmer, 6 + 5 * calmer, 900 + 1300 * calmer
        )
        HeartHistory(db, clock).record_run_figures(run_id, figures)


def shown_page(qtbot: QtBot, db: Database, size: tuple[int, int]) -> ProgressPage:
    page = ProgressPage(progress_services(db, measures=built_in, now=lambda: NOW), LIGHT)
    qtbot.addWidget(page)
    page.resize(*size)
    with qtbot.waitSignal(page.refreshed):
        page.show()
    return page


def heart_chart(qtbot: QtBot, page: ProgressPage) -> HeartChart:
    page.measure_box.setFocus()
    qtbot.keyClick(page.measure_box, Qt.Key.Key_End)  # the heart figures come last
    assert page.measure_box.currentData() == HEART
    chart = page.extra_charts.heart_chart
    assert isinstance(chart, HeartChart)
    qtbot.waitUntil(chart.isVisible)
    return chart


def tick_gaps(panel: Panel) -> list[float]:
    """The pixel distances between neighbouring value labels on the panel's left axis."""
    ticks = panel.left._tickLevels[0]  # what setTicks was given: (value, label) pairs
    low, high = panel.view.viewRange()[1]
    per_unit = panel.view.height() / (high - low)
    values = sorted(value for value, _label in ticks)
    return [(b - a) * per_unit for a, b in itertools.pairwise(values)]


def test_at_200_percent_the_page_scrolls_and_every_heart_panel_keeps_its_labels_apart(
    qtbot: QtBot, db: Database
) -> None:
    keep_a_fortnight(db)
    page = shown_page(qtbot, db, SMALL)
    chart = heart_chart(qtbot, page)
    area = page.findChild(QScrollArea)
    assert area is not None
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    line = chart.fontMetrics().lineSpacing()
    for panel in chart.panels:
        assert panel.view.height() >= 2 * line, panel.title.text
        gaps = tick_gaps(panel)
        assert gaps, panel.title.text
        assert min(gaps) >= line, (panel.title.text, gaps)
        # A long title wraps: the panel's plot stays inside the chart.
        assert panel.view.sceneBoundingRect().right() <= chart.canvas.width() + 1
    # The header and buttons fit the width: nothing sits past the right edge.
    assert page.body.width() <= area.viewport().width()


def test_at_100_percent_nothing_scrolls_and_every_tick_is_shown(qtbot: QtBot, db: Database) -> None:
    keep_a_fortnight(db)
    page = shown_page(qtbot, db, ROOMY)
    chart = heart_chart(qtbot, page)
    area = page.findChild(QScrollArea)
    assert area is not None
    assert area.verticalScrollBar().maximum() == 0
    assert chart._view is not None
    for panel, content in zip(chart.panels, chart._view.panels, strict=True):
        assert len(panel.left._tickLevels[0]) == len(content.ticks)


def test_a_short_rating_chart_reads_0_5_10_rather_than_six_labels_on_each_other(
    qtbot: QtBot, db: Database
) -> None:
    keep_a_fortnight(db)
    page = shown_page(qtbot, db, SMALL)
    chart = page.chart
    assert chart is not None
    measure = chart.measure_plot
    qtbot.waitUntil(lambda: min(tick_gaps(measure)) >= chart.fontMetrics().lineSpacing())
    page.resize(*ROOMY)
    qtbot.waitUntil(lambda: len(measure.left._tickLevels[0]) == 6)  # 0, 2, … 10


def test_the_heart_chart_asks_for_room_for_every_panel_it_shows(qtbot: QtBot, db: Database) -> None:
    keep_a_fortnight(db)
    page = shown_page(qtbot, db, SMALL)
    chart = heart_chart(qtbot, page)
    assert isinstance(chart.canvas, pg.GraphicsLayoutWidget)
    assert chart.minimumHeight() >= len(chart.panels) * 4 * chart.fontMetrics().lineSpacing()


def test_on_a_narrow_page_the_actions_take_two_rows_and_the_page_asks_no_more_width(
    qtbot: QtBot, db: Database
) -> None:
    keep_a_fortnight(db)
    page = shown_page(qtbot, db, SMALL)
    qtbot.waitUntil(lambda: page.minimumSizeHint().width() <= SMALL[0])
    page.resize(*ROOMY)
    qtbot.waitUntil(lambda: page.minimumSizeHint().width() <= ROOMY[0])
