"""The Progress page's extra charts (practice log, global change, a PT's own questions) and
the measure box's extra entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from pfrelax.core.extra_view import ExtraView
from pfrelax.ui.common.theme import Palette

if TYPE_CHECKING:
    from pfrelax.ui.practice_chart import PracticeChart


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

    def show_view(self, view: ExtraView, palette: Palette, start: float, end: float) -> None:
        if self.chart is None:
            from pfrelax.ui.practice_chart import PracticeChart

            self.chart = PracticeChart(palette, self)
            layout = self.layout()
            assert layout is not None  # set in __init__
            layout.addWidget(self.chart)
        self.chart.set_palette(palette)
        self.chart.show_view(view, start, end)
