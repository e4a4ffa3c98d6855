"""The Progress page's extra charts (practice log, global change, a PT's own questions, heart
figures) and the measure box's extra entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from pfrelax.core.extra_view import ExtraView
from pfrelax.core.heart_view import HeartView
from pfrelax.services.progress import HEART
from pfrelax.ui.common.theme import Palette

if TYPE_CHECKING:
    from pfrelax.ui.practice_chart import PracticeChart
    from pfrelax.ui.progress.heart_chart import HeartChart

__all__ = ["HEART", "ExtraCharts", "sync_items"]


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


class ExtraCharts(QWidget):
    """Holds the extra chart, made the first time one is drawn (pyqtgraph loads only then)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.chart: PracticeChart | None = None
        self.heart_chart: HeartChart | None = None

    def show_view(
        self, view: ExtraView | HeartView, palette: Palette, start: float, end: float
    ) -> None:
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

    def set_palette(self, palette: Palette) -> None:
        """A theme change reaches whichever chart is built, shown or not."""
        if self.chart is not None:
            self.chart.set_palette(palette)
        if self.heart_chart is not None:
            self.heart_chart.set_palette(palette)

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
