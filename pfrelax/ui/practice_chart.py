"""Charts for the practice log, the global-change question and a PT's own questions (pyqtgraph).

Loaded with the Progress charts, only once there is something to draw. Up to two stacked panels
sharing the time axis; a value that holds until the next (a size, a global-change answer) is
drawn as steps.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pfrelax.core.extra_view import ExtraView, Series
from pfrelax.core.progress_view import date_ticks
from pfrelax.ui.common.theme import Palette, Role
from pfrelax.ui.progress.chart_parts import Drawn, draw_series, line_up_left_axes, style_axes
from pfrelax.ui.progress.progress_chart import Panel

POINT_SIZE = 8
_ROLES: tuple[Role, ...] = ("accent", "hold", "breath_in")


class PracticeChart(QWidget):
    """Draws an ExtraView over [start, end) local seconds."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = pg.GraphicsLayoutWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        grid = self.canvas.ci
        grid.setSpacing(4)
        self.panels = (Panel(grid, 0), Panel(grid, 3))
        self.panels[1].view.setXLink(self.panels[0].view)
        self.drawn: list[Drawn] = []
        self._palette = palette
        self._view: ExtraView | None = None

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        if self._view is not None:
            self.show_view(self._view, *self._range)

    def show_view(self, view: ExtraView, start: float, end: float) -> None:
        self._view, self._range = view, (start, end)
        for panel in self.panels:
            panel.view.clear()
        self.drawn = []
        palette = self._palette
        quiet = palette.color("quiet_text")
        self.canvas.setBackground(palette.color("surface"))
        ticks = date_ticks(int(start), int(end))
        for index, panel in enumerate(self.panels):
            shown = index < len(view.panels)
            for item in (panel.title, panel.left, panel.bottom, panel.view):
                item.setVisible(shown)
            if not shown:
                continue
            content = view.panels[index]
            style_axes(panel, palette, self.font(), 6)
            panel.title.setText(self._title(content.title, content.series), color=quiet.name())
            panel.left.setTicks([list(content.ticks), []])
            panel.bottom.setTicks([ticks, []])
            panel.view.setYRange(*content.y_range, padding=0)
            for number, series in enumerate(content.series):
                color = palette.color(_ROLES[number % len(_ROLES)])
                self.drawn.append(self._draw(panel, series, color, end))
        self.panels[0].view.setXRange(start, end, padding=0.01)
        labels = [text for p in view.panels for _, text in p.ticks]
        line_up_left_axes(self.panels, labels, self.fontMetrics())

    def _title(self, title: str, series: tuple[Series, ...]) -> str:
        """The panel's title, with a coloured dot naming each line when there are several."""
        if len(series) < 2:
            return html.escape(title)
        keys = [
            f'<span style="color:{self._palette.color(_ROLES[i % len(_ROLES)]).name()}">●</span>'
            f" {html.escape(one.name)}"
            for i, one in enumerate(series)
        ]
        return f"{html.escape(title)} &nbsp; " + " &nbsp; ".join(keys)

    def _draw(self, panel: Panel, series: Series, color: object, end: float) -> Drawn:
        xs = np.asarray(series.xs, dtype=np.float64)
        ys = np.asarray(series.ys, dtype=np.float64)
        line_at = (xs, ys)
        if series.step and len(xs):
            # Each value holds until the next one, the last until the range ends.
            edges = np.append(xs, max(end, float(xs[-1])))
            line_at = (np.repeat(edges, 2)[1:-1], np.repeat(ys, 2))
        tips = series.tips or tuple(f"{series.name}: {y:g}" for y in series.ys)
        return draw_series(panel, (xs, ys), line_at, tips, color, POINT_SIZE)
