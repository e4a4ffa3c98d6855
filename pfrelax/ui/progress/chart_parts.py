"""What the Progress page's small stacked charts share: axis styling, lined-up left axes, and a
series drawn as a line with hoverable points."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics

from pfrelax.ui.common.theme import Palette, mix
from pfrelax.ui.progress.progress_chart import Panel, describe_time

Drawn = tuple[pg.PlotDataItem, pg.ScatterPlotItem]


def style_axes(panel: Panel, palette: Palette, font: QFont, text_offset: int) -> None:
    """Quiet axes in the palette's colours, with whole-level ticks only."""
    quiet = palette.color("quiet_text")
    for axis in (panel.left, panel.bottom):
        axis.setPen(pg.mkPen(mix(palette.color("surface"), quiet, 0.5)))
        axis.setTextPen(pg.mkPen(quiet))
        axis.setStyle(tickFont=QFont(font), tickTextOffset=text_offset, maxTickLevel=0)


def line_up_left_axes(
    panels: Iterable[Panel], labels: Sequence[str], metrics: QFontMetrics
) -> None:
    """One width for every left axis, so the panels' time axes line up."""
    width = max(metrics.horizontalAdvance(text) for text in (labels or ["10"])) + 16
    for panel in panels:
        panel.left.setWidth(width)


def draw_series(
    panel: Panel,
    points_at: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]],
    line_at: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]],
    tips: Sequence[str],
    color: object,
    point_size: int,
) -> Drawn:
    """A line through `line_at` and a hoverable point at each of `points_at` (its tip names
    the time and `tips[i]`)."""
    line = pg.PlotDataItem(*line_at, antialias=True)
    line.setPen(pg.mkPen(color, width=2))
    xs, ys = points_at
    points = pg.ScatterPlotItem(
        x=xs,
        y=ys,
        size=point_size,
        data=list(range(len(xs))),
        hoverable=True,
        tip=lambda x, _y, data: f"{describe_time(x)}\n{tips[int(data)]}",
    )
    points.setPen(pg.mkPen(color, width=1))
    points.setBrush(pg.mkBrush(color))
    panel.add(line, points)
    return line, points
