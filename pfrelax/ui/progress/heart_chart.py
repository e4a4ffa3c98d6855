"""The heart figures on Progress (pyqtgraph): one small panel per figure, sharing the time axis.

Loaded with the other Progress charts, only once there is something to draw. Hovering a point
names the session, the value and how many beats were corrected.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pfrelax.core.extra_view import Series
from pfrelax.core.heart_view import FIGURES, HeartView
from pfrelax.core.progress_view import date_ticks
from pfrelax.ui.common.theme import Palette
from pfrelax.ui.progress.chart_parts import Drawn, draw_series, line_up_left_axes, style_axes
from pfrelax.ui.progress.progress_chart import Panel
from pfrelax.ui.progress.tick_fit import fit_ticks, thinned

POINT_SIZE = 7
PANEL_LINES = 6  # a panel's least height, in lines of text: its title and two ticks or more


class HeartChart(QWidget):
    """Draws a HeartView over [start, end) local seconds; dates under the lowest panel only."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = pg.GraphicsLayoutWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        grid = self.canvas.ci
        grid.setSpacing(2)
        self.panels = tuple(Panel(grid, 3 * row) for row in range(len(FIGURES)))
        for panel in self.panels[1:]:
            panel.view.setXLink(self.panels[0].view)
        for panel in self.panels:
            panel.view.sigResized.connect(self._fit_ticks)
        self.drawn: list[Drawn] = []
        self._palette = palette
        self._view: HeartView | None = None
        self._range = (0.0, 1.0)

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        if self._view is not None:
            self.show_view(self._view, *self._range)

    def show_view(self, view: HeartView, start: float, end: float) -> None:
        self._view, self._range = view, (start, end)
        self.drawn = []
        palette = self._palette
        quiet = palette.color("quiet_text")
        self.canvas.setBackground(palette.color("surface"))
        dates = date_ticks(int(start), int(end))
        shown = len(view.panels)
        for index, panel in enumerate(self.panels):
            panel.view.clear()
            for item in (panel.title, panel.left, panel.bottom, panel.view):
                item.setVisible(index < shown)
            if index >= shown:
                continue
            content = view.panels[index]
            style_axes(panel, palette, self.font(), 4)
            panel.title.setText(content.title, color=quiet.name())
            # Dates once, under the lowest panel: four rows of the same dates only crowd.
            panel.bottom.setTicks([dates if index == shown - 1 else [], []])
            panel.bottom.setStyle(showValues=index == shown - 1)
            panel.view.setYRange(*content.y_range, padding=0)
            for series in content.series:
                self.drawn.append(self._draw(panel, series, palette.color("accent")))
        self.panels[0].view.setXRange(start, end, padding=0.01)
        labels = [text for p in view.panels for _, text in p.ticks]
        line_up_left_axes(self.panels, labels, self.fontMetrics())
        line = self.fontMetrics().lineSpacing()
        # Never squeezed past reading (200 % on a small screen): the Progress page scrolls.
        self.setMinimumHeight(shown * PANEL_LINES * line + 2 * line)
        self._wrap_titles()
        for panel in self.panels[:shown]:
            self._fit_ticks(panel.view)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._wrap_titles()

    def _wrap_titles(self) -> None:
        """A long title wraps to the chart's width rather than pushing the plots past it."""
        line = self.fontMetrics().lineSpacing()
        # The axis beside it, and the layout's margins and spacing (two lines cover them).
        width = max(line * 6, self.canvas.width() - self.panels[0].left.minimumWidth() - 2 * line)
        for panel in self.panels:
            panel.title.item.setTextWidth(-1)  # its own width, to tell whether it fits
            fits = panel.title.item.boundingRect().width() <= width
            panel.title.item.setTextWidth(-1 if fits else width)
            panel.title.updateMin()

    def _fit_ticks(self, view: pg.ViewBox) -> None:
        """As many value ticks as the panel's height keeps apart."""
        shown = self._view.panels if self._view is not None else ()
        for panel, content in zip(self.panels, shown, strict=False):
            if panel.view is view:
                line = self.fontMetrics().lineSpacing()
                fit_ticks(panel.left, thinned(content.ticks), view, line)

    def _draw(self, panel: Panel, series: Series, color: object) -> Drawn:
        xs = np.asarray(series.xs, dtype=np.float64)
        ys = np.asarray(series.ys, dtype=np.float64)
        return draw_series(panel, (xs, ys), (xs, ys), series.tips, color, POINT_SIZE)
