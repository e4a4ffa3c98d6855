"""The Progress charts (pyqtgraph): one measure over time, the change per session, minutes a week.

Imported only when the Progress page first has something to draw, so pyqtgraph never slows
start-up. X values are local seconds and the date axis runs with a zero UTC offset, so every
point sits at the wall-clock time the person rated it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pfrelax.core.progress import (
    AFTER,
    BEFORE,
    DAY_S,
    MOMENTS,
    STANDALONE,
    Floats,
    Ints,
    Points,
    Weekly,
    week_start,
)
from pfrelax.core.progress_view import PAIN_BAND_TEXT, ChartView, date_ticks, sessions_words
from pfrelax.ui.common.theme import Palette, mix
from pfrelax.ui.progress.tick_fit import fit_ticks

_EPOCH = datetime(1970, 1, 1)
POINT_SIZE = 8
MIN_LINES = 26  # the least height, in lines of text: the panels stay readable, the page scrolls
MEASURE_TICKS = ([(v, str(v)) for v in range(0, 11, 2)], [(0, "0"), (5, "5"), (10, "10")])
NO_CHANGE_TEXT = "No session in this range has both a before and an after rating."


def describe_time(local_seconds: float) -> str:
    return (_EPOCH + timedelta(seconds=int(local_seconds))).strftime("%a %d %b %Y, %H:%M")


class Panel:
    """A title row, a view box with left and bottom axes: a lean PlotItem.

    PlotItem builds a context menu and a control form of some forty widgets per plot, most of
    the chart's creation time; the Progress page needs none of them. The bottom axis is plain,
    with ticks from core.progress_view.date_ticks: pg.DateAxisItem converts every candidate tick
    through time zones (tens of ms per axis for 20 years), and x is already local time anyway.
    """

    def __init__(self, grid: pg.GraphicsLayout, row: int) -> None:
        self.title = grid.addLabel("", row=row, col=1, justify="left")
        self.left = pg.AxisItem("left")
        self.bottom = pg.AxisItem("bottom")
        self.view = pg.ViewBox(enableMenu=False)
        # The range buttons choose what is shown; a chart that slides under a stray scroll or
        # drag is one more thing to worry about.
        self.view.setMouseEnabled(x=False, y=False)
        # Ranges are set explicitly: an auto-ranging linked panel would pull the shared x
        # range to its own data (a week bar starting before the chosen range, say).
        self.view.disableAutoRange()
        grid.addItem(self.left, row=row + 1, col=0)
        grid.addItem(self.view, row=row + 1, col=1)
        grid.addItem(self.bottom, row=row + 2, col=1)
        self.left.linkToView(self.view)
        self.bottom.linkToView(self.view)

    def add(self, *items: pg.GraphicsObject) -> None:
        for item in items:
            self.view.addItem(item)


class ProgressChart(QWidget):
    """Three stacked panels sharing one time range; `show_view` draws a ChartView."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title_of: Callable[[int], str] = lambda _run_id: ""
        self._view: ChartView | None = None
        self.canvas = pg.GraphicsLayoutWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        grid = self.canvas.ci
        grid.setSpacing(4)
        self.measure_plot, self.change_plot, self.minutes_plot = (
            Panel(grid, row) for row in (0, 3, 6)
        )
        for row, stretch in ((1, 5), (4, 3), (7, 3)):
            grid.layout.setRowStretchFactor(row, stretch)
        for panel in (self.change_plot, self.minutes_plot):
            panel.view.setXLink(self.measure_plot.view)
        # Never squeezed past reading (200 % on a small screen): the Progress page scrolls.
        self.setMinimumHeight(self._line() * MIN_LINES)
        self._build_items()
        self.set_palette(palette)

    @property
    def panels(self) -> tuple[Panel, Panel, Panel]:
        return (self.measure_plot, self.change_plot, self.minutes_plot)

    def _build_items(self) -> None:
        self.pain_band = pg.LinearRegionItem(
            orientation="horizontal", movable=False, pen=pg.mkPen(None)
        )
        self.pain_text = pg.TextItem(PAIN_BAND_TEXT, anchor=(0, 1))
        # Smooth lines and round points are calmer; at most a few thousand of them are drawn
        # (years are pooled into averages), so antialiasing costs a few ms.
        self.weekly_item = pg.PlotDataItem(antialias=True)
        self.before_line = pg.PlotDataItem(antialias=True)
        self.after_line = pg.PlotDataItem(antialias=True)
        self.pair_lines = pg.PlotDataItem(connect="pairs", antialias=True)
        self.before_item = self._scatter(lambda i: self._point_tip(BEFORE, i))
        self.after_item = self._scatter(lambda i: self._point_tip(AFTER, i))
        self.other_item = self._scatter(lambda i: self._point_tip(STANDALONE, i))
        self.measure_plot.add(
            self.pain_band,
            self.pain_text,
            self.weekly_item,
            self.before_line,
            self.after_line,
            self.pair_lines,
            self.before_item,
            self.after_item,
            self.other_item,
        )
        # In the title row, right-aligned, not over the data: inside the plot its "before"
        # marker read as one more rating.
        self.legend = pg.LegendItem(colCount=4, labelTextSize=_css_size(self.font()))
        self.legend.layout.setContentsMargins(0, 0, 0, 0)
        self.legend.setParentItem(self.measure_plot.title)
        self.legend.anchor(itemPos=(1, 0.5), parentPos=(1, 0.5))
        self.zero_line = pg.InfiniteLine(pos=0, angle=0, movable=False)
        self.change_item = self._scatter(self._change_tip)
        self.no_change_text = pg.TextItem(NO_CHANGE_TEXT, anchor=(0.5, 1.2))
        self.change_plot.add(self.zero_line, self.change_item, self.no_change_text)
        self.minutes_item = pg.BarGraphItem(x=[], height=[], width=DAY_S * 5)
        self.minutes_plot.add(self.minutes_item)
        self.measure_plot.view.setYRange(-0.5, 10.5, padding=0)
        self.measure_plot.view.sigResized.connect(self._fit_measure_ticks)
        self._fit_measure_ticks(self.measure_plot.view)

    def _fit_measure_ticks(self, view: pg.ViewBox) -> None:
        fit_ticks(self.measure_plot.left, MEASURE_TICKS, view, self._line())

    def _line(self) -> int:
        return self.fontMetrics().lineSpacing()

    def _legend_for(self, view: ChartView) -> None:
        """Name only what is drawn: a measure rated only weekly has no before or after."""
        self.legend.clear()
        if view.detailed:
            entries = [
                (self.before_item, "before", len(view.before)),
                (self.after_item, "after", len(view.after)),
                (self.weekly_item, "weekly average", _averages_help(view)),
            ]
        else:
            entries = [
                (self.before_line, "before, average", len(view.before_weekly)),
                (self.after_line, "after, average", len(view.after_weekly)),
            ]
        entries.append((self.other_item, "check-in", len(view.other)))
        for item, name, shown in entries:
            if shown:
                self.legend.addItem(item, name)
        self.legend.setLabelTextColor(self._palette.color("quiet_text"))

    def _scatter(self, describe: Callable[[int], str]) -> pg.ScatterPlotItem:
        """A hoverable scatter whose point data is its row index, for `describe` to explain."""

        def tip(x: float, y: float, data: object) -> str:
            return describe(int(data)) if isinstance(data, int | np.integer) else ""

        return pg.ScatterPlotItem(size=POINT_SIZE, hoverable=True, tip=tip, antialias=True)

    def set_palette(self, palette: Palette) -> None:
        """Colours by role: before in sand, after in teal, other check-ins in the accent."""
        self._palette = palette
        quiet = palette.color("quiet_text")
        self.canvas.setBackground(palette.color("surface"))
        font = QFont(self.font())
        for panel in self.panels:
            for axis in (panel.left, panel.bottom):
                axis.setPen(pg.mkPen(mix(palette.color("surface"), quiet, 0.5)))
                axis.setTextPen(pg.mkPen(quiet))
                # maxTickLevel=0: labelled ticks only, no fine minor marks.
                axis.setStyle(tickFont=font, tickTextOffset=6, maxTickLevel=0)
        hold, breath_in, accent = (palette.color(r) for r in ("hold", "breath_in", "accent"))
        self.before_item.setPen(pg.mkPen(hold, width=2))
        self.before_item.setBrush(pg.mkBrush(palette.color("surface")))
        self.after_item.setPen(pg.mkPen(breath_in, width=1))
        self.after_item.setBrush(pg.mkBrush(breath_in))
        self.other_item.setSymbol("d")
        self.other_item.setPen(pg.mkPen(accent, width=1))
        self.other_item.setBrush(pg.mkBrush(accent))
        # Width-1 cosmetic pens take Qt's fast line path: thousands of pairs draw in a few ms.
        self.pair_lines.setPen(pg.mkPen(_alpha(quiet, 130), width=1))
        self.before_line.setPen(pg.mkPen(hold, width=2))
        self.after_line.setPen(pg.mkPen(breath_in, width=2))
        self.weekly_item.setPen(pg.mkPen(_alpha(accent, 170), width=2.5))
        self.change_item.setPen(pg.mkPen(breath_in, width=1))
        self.change_item.setBrush(pg.mkBrush(_alpha(breath_in, 170)))
        self.zero_line.setPen(pg.mkPen(quiet, width=1, style=Qt.PenStyle.DashLine))
        band = palette.color("breath_out")
        self.pain_band.setBrush(pg.mkBrush(_alpha(band, 45)))
        self.pain_text.setColor(quiet)
        self.no_change_text.setColor(quiet)
        self.minutes_item.setOpts(
            brush=pg.mkBrush(_alpha(palette.color("breath_out"), 150)), pen=pg.mkPen(None)
        )
        self.legend.setLabelTextColor(quiet)
        if self._view is not None:
            self._set_titles(self._view)
            self._legend_for(self._view)

    def show_view(self, view: ChartView, title_of: Callable[[int], str]) -> None:
        """Draw `view`; `title_of` names a run's session for the hover details."""
        self._view = view
        self._title_of = title_of
        if view.detailed:
            self._show_detail(view)
        else:
            self._show_weekly(view)
        self._set_points(self.other_item, view.other)
        self._show_pain_band(view)
        self._set_titles(view)
        self._legend_for(view)
        ticks = date_ticks(view.start, view.end)
        for panel in self.panels:
            panel.bottom.setTicks([ticks, []])
        self.measure_plot.view.setXRange(view.start, view.end, padding=0.01)
        weeks = view.weeks_per_point
        self.minutes_item.setOpts(
            x=(view.minutes.start + 3.5 * weeks * DAY_S).astype(np.float64),
            height=view.minutes.value,
            width=(5 if weeks == 1 else 6 * weeks) * DAY_S,
        )
        top = float(view.minutes.value.max()) if len(view.minutes) else 30.0
        self.minutes_plot.view.setYRange(0, max(top, 10.0) * 1.1, padding=0)

    def _show_detail(self, view: ChartView) -> None:
        """Every rating as a point, each session's before and after joined by a line."""
        self._set_points(self.before_item, view.before)
        self._set_points(self.after_item, view.after)
        pairs = view.pairs
        xs = np.column_stack((pairs.before_time, pairs.after_time)).ravel().astype(np.float64)
        ys = np.column_stack((pairs.before, pairs.after)).ravel()
        self.pair_lines.setData(xs, ys)
        self._set_line(self.weekly_item, view.weekly if _averages_help(view) else None)
        self._set_line(self.before_line, None)
        self._set_line(self.after_line, None)
        self._set_change(pairs.after_time, pairs.change)

    def _show_weekly(self, view: ChartView) -> None:
        """Too many ratings to tell apart: weekly means of before and after, and of the change."""
        self._set_points(self.before_item, None)
        self._set_points(self.after_item, None)
        self.pair_lines.setData([], [])
        self._set_line(self.weekly_item, None)
        weeks = view.weeks_per_point
        self._set_line(self.before_line, view.before_weekly, weeks)
        self._set_line(self.after_line, view.after_weekly, weeks)
        weekly = view.change_weekly
        self._set_change(weekly.start + int(3.5 * weeks * DAY_S), weekly.value)

    def _set_line(self, item: pg.PlotDataItem, weekly: Weekly | None, weeks: int = 1) -> None:
        if weekly is None or not len(weekly):
            item.setData([], [])
            item.setVisible(False)
            return
        item.setVisible(True)
        item.setData((weekly.start + 3.5 * weeks * DAY_S).astype(np.float64), weekly.value)

    def _set_change(self, times: Ints, change: Floats) -> None:
        self.change_item.setData(x=times.astype(np.float64), y=change, data=np.arange(change.size))
        self.no_change_text.setVisible(change.size == 0)
        if self._view is not None:
            self.no_change_text.setPos((self._view.start + self._view.end) / 2, 0)
        limit = max(3.0, float(np.abs(change).max()) if change.size else 0.0) + 0.5
        self.change_plot.view.setYRange(-limit, limit, padding=0)

    def _set_points(self, item: pg.ScatterPlotItem, points: Points | None) -> None:
        if points is None or not len(points):
            item.setData(x=[], y=[])
            return
        x = points.time.astype(np.float64)
        item.setData(x=x, y=points.value, data=np.arange(len(points)))

    def _show_pain_band(self, view: ChartView) -> None:
        band = view.pain_band
        self.pain_band.setVisible(band is not None)
        self.pain_text.setVisible(band is not None)
        if band is not None:
            self.pain_band.setRegion((band.threshold, band.baseline))
            self.pain_text.setPos(view.start, band.threshold)

    def _set_titles(self, view: ChartView) -> None:
        color = self._palette.text
        label = view.measure.label
        change = "Change during each session (after − before)"
        minutes = "Minutes practised per week"
        if not view.detailed:
            weeks = view.weeks_per_point
            per = "week" if weeks == 1 else f"{weeks} weeks"
            change = f"Change during sessions, average per {per} (after − before)"
            minutes += "" if weeks == 1 else f" (average over {weeks} weeks)"
        titles = (f"{label}, 0–10", change, minutes)
        for panel, title in zip(self.panels, titles, strict=True):
            panel.title.setText(title, color=color)

    def _point_tip(self, moment: int, index: int) -> str:
        """Hover details of one rating: when, which moment and session, the value."""
        view = self._view
        if view is None:
            return ""
        points = {0: view.before, 1: view.after}.get(moment, view.other)
        if not 0 <= index < len(points):
            return ""
        title = self._title_of(int(points.run_id[index]))
        session = f"\n{title}" if title else ""
        return (
            f"{describe_time(float(points.time[index]))} · {MOMENTS[int(points.moment[index])]}"
            f"{session}\n{view.measure.label}: {points.value[index]:g}"
        )

    def _change_tip(self, index: int) -> str:
        """Hover details of one session's change: when, which session, before → after."""
        view = self._view
        if view is not None and not view.detailed:
            return self._week_change_tip(view, index)
        if view is None or not 0 <= index < len(view.pairs):
            return ""
        pairs = view.pairs
        title = self._title_of(int(pairs.run_id[index])) or "session"
        return (
            f"{describe_time(float(pairs.after_time[index]))}\n{title}\n"
            f"before {pairs.before[index]:g} → after {pairs.after[index]:g} "
            f"({pairs.change[index]:+g})"
        )

    def _week_change_tip(self, view: ChartView, index: int) -> str:
        weekly = view.change_weekly
        if not 0 <= index < len(weekly):
            return ""
        sessions = int(weekly.count[index])
        partial = 0 if view.change_partial is None else int(view.change_partial[index])
        weeks = view.weeks_per_point
        period = "Week" if weeks == 1 else f"{weeks} weeks"
        return (
            f"{period} from {week_start(int(weekly.week[index])):%d %b %Y}\n"
            f"mean change {weekly.value[index]:+.1f} over "
            f"{sessions_words(sessions - partial, partial)}"
        )


def _averages_help(view: ChartView) -> bool:
    """A weekly average adds something only where some week has more than one rating."""
    return len(view.weekly) > 1 and int(view.weekly.count.max()) > 1


def _css_size(font: QFont) -> str:
    """The font's size for pyqtgraph's text items (the system's, not pyqtgraph's 9 pt)."""
    if font.pointSizeF() > 0:
        return f"{font.pointSizeF():g}pt"
    return f"{font.pixelSize()}px"


def _alpha(color: QColor, alpha: int) -> QColor:
    faded = QColor(color)
    faded.setAlpha(alpha)
    return faded
