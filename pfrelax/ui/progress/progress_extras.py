"""The Progress page's extra choices: the practice log, the global-change answers and a PT's own
questions, each offered once there is something of it to show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from pfrelax.core.extra_view import (
    ExtraView,
    global_change_view,
    practice_view,
    question_view,
)
from pfrelax.core.heart_view import HEART_LABEL, HeartView, heart_view
from pfrelax.core.own_questions import GLOBAL_CHANGE, fallback_label
from pfrelax.services.heart_history import HeartHistory
from pfrelax.store.db import Database
from pfrelax.store.dilator import DilatorLogs
from pfrelax.store.own_questions import (
    OwnQuestions,
    rated_extra_measures,
    rated_own_ids,
    rated_series,
)
from pfrelax.ui.common.theme import Palette

if TYPE_CHECKING:
    from pfrelax.ui.practice_chart import PracticeChart
    from pfrelax.ui.progress.heart_chart import HeartChart

PRACTICE = "extra:practice"
HEART = "extra:heart"
GLOBAL = f"extra:{GLOBAL_CHANGE}"
OWN = "extra:own:"
PRACTICE_LABEL = "Practice log"
GLOBAL_LABEL = "Global change"
_LABEL_CHARS = 40


def is_extra(data: object) -> bool:
    return isinstance(data, str) and data.startswith("extra:")


def extra_items(db: Database) -> list[tuple[str, str]]:
    """(label, data) for each extra with at least one record, in a fixed order."""
    items: list[tuple[str, str]] = []
    con = db.connection
    if con.execute("SELECT 1 FROM dilator_logs LIMIT 1").fetchone():
        items.append((PRACTICE_LABEL, PRACTICE))
    if GLOBAL_CHANGE in rated_extra_measures(db):
        items.append((GLOBAL_LABEL, GLOBAL))
    known = OwnQuestions(db).known()
    for own_id in rated_own_ids(db):
        label = known[own_id].question if own_id in known else fallback_label(own_id)
        short = label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"
        items.append((short, OWN + own_id))
    if HeartHistory(db).has_figures():
        items.append((HEART_LABEL, HEART))
    return items


def sync_items(box: QComboBox, fixed: int, items: list[tuple[str, str]]) -> None:
    """Keep the first `fixed` entries, then exactly `items`; the choice stays where it can."""
    current = box.currentData()
    wanted = [(box.itemText(i), box.itemData(i)) for i in range(fixed)] + items
    if [(box.itemText(i), box.itemData(i)) for i in range(box.count())] == wanted:
        return
    box.blockSignals(True)  # the caller redraws once, after
    while box.count() > fixed:
        box.removeItem(fixed)
    for label, data in items:
        box.addItem(label, data)
    index = box.findData(current)
    box.setCurrentIndex(index if index >= 0 else 0)
    box.blockSignals(False)


def build_extra(
    db: Database, data: str, since_local: int | None, size_names: Callable[[], tuple[str, ...]]
) -> ExtraView:
    since = datetime(1970, 1, 2, tzinfo=UTC) if since_local is None else _utc(since_local)
    if data == PRACTICE:
        logs = DilatorLogs(db).between(since, datetime(9999, 1, 1, tzinfo=UTC))
        return practice_view(logs, size_names())
    if data == HEART:
        history = HeartHistory(db)
        last = history.latest_finder_result()
        pace = None if last is None else (last.time, last.result.chosen)
        return heart_view(history.figures_between(since, datetime(9999, 1, 1, tzinfo=UTC)), pace)
    measure = GLOBAL_CHANGE if data == GLOBAL else data.removeprefix(OWN)
    xs, values = rated_series(db, measure, since_local)
    if data == GLOBAL:
        return global_change_view(xs, values)
    known = OwnQuestions(db).known()
    label = known[measure].question if measure in known else fallback_label(measure)
    return question_view(label, xs, values)


def _utc(local_seconds: int) -> datetime:
    # Widened by a day: local and UTC differ by at most 14 hours; the chart's range trims.
    return datetime.fromtimestamp(max(local_seconds - 86400, 86400), UTC)


class ExtraCharts(QWidget):
    """Holds the extra chart, made the first time one is drawn (pyqtgraph loads only then)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.chart: PracticeChart | None = None
        self.heart_chart: HeartChart | None = None

    def show_view(self, view: ExtraView, palette: Palette, start: float, end: float) -> None:
        if isinstance(view, HeartView):
            self._show_heart(view, palette, start, end)
            return
        if self.heart_chart is not None:
            self.heart_chart.hide()
        if self.chart is None:
            from pfrelax.ui.practice_chart import PracticeChart

            self.chart = PracticeChart(palette, self)
            layout = self.layout()
            assert layout is not None  # set in __init__
            layout.addWidget(self.chart)
        self.chart.show()
        self.chart.set_palette(palette)
        self.chart.show_view(view, start, end)

    def _show_heart(self, view: HeartView, palette: Palette, start: float, end: float) -> None:
        if self.heart_chart is None:
            from pfrelax.ui.progress.heart_chart import HeartChart

            self.heart_chart = HeartChart(palette, self)
            layout = self.layout()
            assert layout is not None  # set in __init__
            layout.addWidget(self.heart_chart)
        if self.chart is not None:
            self.chart.hide()
        self.heart_chart.show()
        self.heart_chart.set_palette(palette)
        self.heart_chart.show_view(view, start, end)
