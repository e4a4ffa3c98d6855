"""The wave style's trace: the breath curve over a stretch of the session, drawn with QPainter."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QLinearGradient, QPainter, QPainterPath, QPen

from pfrelax.core.easing import TOP_UP_SIP, cycle_peak, segment_level
from pfrelax.core.timeline import PELVIC_KINDS, Segment, SegmentKind, Timeline
from pfrelax.ui.common.theme import HOLD_GLIDE, Palette, phase_color
from pfrelax.ui.player.breath_pelvic import floor_color, floor_line
from pfrelax.ui.player.breath_styles import (
    THIN,
    breath_tint,
    with_alpha,
)

WAVE_SPAN_MS = 30_000  # the trace shows this much time
WAVE_NOW_AT = 1 / 3  # "now" is a fixed line a third of the way across
GUIDE_REACH = 0.12  # the "now" line stands out this far above and below the plot (× its height)


def visible_segments(timeline: Timeline, start_ms: float, end_ms: float) -> range:
    """Indexes of the segments overlapping [start_ms, end_ms]: O(log n + visible)."""
    first = timeline.segment_index_at(math.floor(start_ms))
    last = timeline.segment_index_at(math.ceil(end_ms))
    return range(first, last + 1)


def paint_trace(
    p: QPainter, plot: QRectF, timeline: Timeline, palette: Palette, start: float, span: float
) -> float:
    """The breath curve from `start` for `span` ms across `plot`, unfaded; returns the highest
    row its line reaches (its control points bound it, so this is never too low)."""
    scale = plot.width() / span
    top_level = 1.0 + TOP_UP_SIP

    def point(t: float, level: float) -> QPointF:
        return QPointF(
            plot.left() + (t - start) * scale, plot.bottom() - level / top_level * plot.height()
        )

    segments = visible_segments(timeline, start, start + span)
    trace = _wave_trace(timeline, segments, start, start + span, point)
    gradient, fill_gradient = _wave_gradients(timeline, palette, segments, start, span, plot)
    fill = QPainterPath(trace)
    fill.lineTo(fill.currentPosition().x(), plot.bottom())
    fill.lineTo(trace.elementAt(0).x, plot.bottom())
    fill.closeSubpath()
    p.save()
    p.setPen(Qt.PenStyle.NoPen)
    # The stroke covers the fill's only visible edge, so the fill needs no antialiasing.
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.setOpacity(p.opacity() * 0.14)
    p.setBrush(fill_gradient)
    p.drawPath(fill)
    p.restore()
    pen = QPen(gradient, trace_width(plot))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(trace)
    return trace.controlPointRect().top()


def trace_width(plot: QRectF) -> float:
    return max(2.5, plot.height() * 0.012)


_PIECE_PX = 24  # a curved segment is drawn as cubic pieces this wide (logical pixels) at most
_SLOPE_MS = 0.5  # the step for a segment's slope, by finite difference


def _wave_trace(
    timeline: Timeline,
    segments: range,
    start: float,
    end: float,
    point: Callable[[float, float], QPointF],
) -> QPainterPath:
    """The breath curve over the visible segments, as cubic pieces matching the level and its
    slope at both ends (within a twentieth of a pixel of the true curve).

    A few dozen curves instead of hundreds of short lines: Qt strokes the wide pen along them
    about three times faster, and far fewer points are worked out in Python each frame.
    """
    trace = QPainterPath()
    for index in segments:
        segment = timeline.segments[index]
        level = _level_of(timeline, index)
        t0, t1 = max(segment.start_ms, start), min(segment.end_ms, end)
        if t1 <= t0:
            if not trace.elementCount():
                trace.moveTo(point(t0, level(t0)))
            continue
        first = point(t0, level(t0))
        if trace.elementCount():
            trace.lineTo(first)
        else:
            trace.moveTo(first)
        if segment.kind in (SegmentKind.HOLD_IN, SegmentKind.HOLD_OUT):
            trace.lineTo(point(t1, level(t1)))
            continue
        _add_pieces(trace, segment, level, t0, t1, point)
    return trace


def _level_of(timeline: Timeline, index: int) -> Callable[[float], float]:
    """The line's height over segment `index`: the lungs, or in a pelvic floor rep the floor."""
    segment = timeline.segments[index]
    if segment.kind in PELVIC_KINDS:
        step = timeline.steps[segment.step]
        return lambda t: floor_line(timeline, step.start_ms, step.end_ms, t)
    peak = cycle_peak(timeline.segments, index)
    return lambda t: segment_level(segment, t, peak)


def _add_pieces(
    trace: QPainterPath,
    segment: Segment,
    level: Callable[[float], float],
    t0: float,
    t1: float,
    point: Callable[[float, float], QPointF],
) -> None:
    """Cubic Hermite pieces of `level` from t0 to t1, x moving linearly with time."""
    pieces = max(1, math.ceil((point(t1, 0).x() - point(t0, 0).x()) / _PIECE_PX))
    lo, hi = float(segment.start_ms), float(segment.end_ms)

    def level_and_slope(t: float) -> tuple[float, float]:
        a, b = max(t - _SLOPE_MS, lo), min(t + _SLOPE_MS, hi)
        return level(t), (level(b) - level(a)) / (b - a)

    ta = t0
    level_a, slope_a = level_and_slope(ta)
    for n in range(1, pieces + 1):
        tb = t0 + (t1 - t0) * n / pieces
        level_b, slope_b = level_and_slope(tb)
        third = (tb - ta) / 3
        trace.cubicTo(
            point(ta + third, level_a + slope_a * third),
            point(tb - third, level_b - slope_b * third),
            point(tb, level_b),
        )
        ta, level_a, slope_a = tb, level_b, slope_b


_HOLD_STOPS = (0.0, HOLD_GLIDE, 1.0 - HOLD_GLIDE, 1.0)  # where a hold's colour turns
_BREATH_STOPS = (0.0, 0.5, 1.0)  # an eased glide is close enough to linear between these


def _wave_gradients(
    timeline: Timeline, palette: Palette, segments: range, start: float, span: float, plot: QRectF
) -> tuple[QLinearGradient, QLinearGradient]:
    """Phase colours along the time axis for the line, and hold-free ones for the fill.

    The fill leaves the hold colour out: sand under each plateau would read as stripes.
    """
    line = QLinearGradient(plot.left(), 0, plot.right(), 0)
    fill = QLinearGradient(plot.left(), 0, plot.right(), 0)
    for index in segments:
        segment = timeline.segments[index]
        held = segment.kind in (SegmentKind.HOLD_IN, SegmentKind.HOLD_OUT)
        floor = segment.kind in PELVIC_KINDS
        for progress in _HOLD_STOPS if held else _BREATH_STOPS:
            t = segment.start_ms + segment.duration_ms * progress
            x = (t - start) / span
            if 0.0 <= x <= 1.0:
                if floor:  # the bowl's colours: teal letting go, sand drawing up
                    color = floor_color(palette, timeline, min(t, segment.end_ms - 1))
                else:
                    color = phase_color(palette, segment.kind, progress)
                line.setColorAt(x, color)
                fill.setColorAt(x, breath_tint(palette, segment.kind, progress) if held else color)
    return line, fill


def paint_level_guides(p: QPainter, plot: QRectF, palette: Palette) -> None:
    """The faint empty and full lines across `plot`."""
    quiet = palette.color("quiet_text")
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(with_alpha(quiet, 0.12), THIN))
    full_y = plot.bottom() - plot.height() / (1.0 + TOP_UP_SIP)
    p.drawLine(QPointF(plot.left(), full_y), QPointF(plot.right(), full_y))
    p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))


def now_pen(palette: Palette) -> QPen:
    """The "now" line's pen."""
    return QPen(with_alpha(palette.color("quiet_text"), 0.3), THIN)
