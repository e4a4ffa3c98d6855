"""The path style's layout: the box and where each phase runs along its track (once per
phase), and each frame's dot, tide and trail (once per frame, though the picture key, the dirty
rectangle and the paint all read them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPolygonF

from pfrelax.core.easing import cycle_segments, ease_in_out_sine
from pfrelax.core.timeline import BREATH_KINDS, Segment, SegmentKind, Timeline
from pfrelax.ui.common.theme import rgb_f
from pfrelax.ui.player.breath_path_track import sides, trail_to
from pfrelax.ui.player.breath_styles import LEVEL, Frame, square

Bounds = tuple[float, float, float, float]  # left, top, right, bottom: plain numbers, no Qt


def line_width(area: QRectF) -> float:
    """The outline's width in `area` (the trail is 1.6 times as wide, the dot 4.5 times)."""
    return max(2.0, min(area.width(), area.height()) * 0.008)


TIDE_SOFT = 0.12  # the tide's top fades in over this much of the box's height
TIDE_ALPHA = (0.1, 0.16)  # the tide's alpha at the box's top and bottom


def tide_levels(tint: QColor) -> tuple[float, ...]:
    """The tide's colour as it shows (faint: a big change of tint is a small one on screen),
    in the picture key's units."""
    scale = LEVEL * TIDE_ALPHA[1]
    red, green, blue, _ = rgb_f(tint)
    return (red * scale, green * scale, blue * scale)


PathLayout = tuple[QRectF, float, float, float]  # the box, the trail's begin, the dot, the tide


class PathFrame:
    """What one breathing frame of the path shows, worked out once though the picture key, the
    dirty rectangle and the paint all read it (and the frame on screen is read again by the
    next frame's dirty rectangle): the layout, the tide's colour levels, the trail and where
    it and the dot reach."""

    __slots__ = ("_bounds", "box_rect", "layout", "tide", "trail", "width")

    def __init__(
        self,
        layout: PathLayout,
        box_rect: tuple[float, float, float, float],
        tide: tuple[float, ...],
        width: float,
    ) -> None:
        self.layout = layout
        self.box_rect = box_rect  # the box's, as plain numbers
        self.tide = tide  # tide_levels
        self.width = width  # the outline's (line_width)
        self.trail: QPolygonF = trail_to(self.box_rect, layout[1], layout[2])
        self._bounds: Bounds | None = None

    def trail_bounds(self, reach: float) -> Bounds:
        """Where the trail and the dot (`reach` around its line) touch the view."""
        bounds = self._bounds
        if bounds is None:
            corners: Bounds = self.trail.boundingRect().getCoords()  # type: ignore[assignment]  # the stub says object
            left, top, right, bottom = corners
            bounds = self._bounds = (left - reach, top - reach, right + reach, bottom + reach)
        return bounds


# By the area and frame objects' ids (the view keeps one area; a frame lives while it is shown),
# checked against the objects themselves: no rectangle to read from Qt on each of a frame's asks.
_layouts: dict[tuple[int, int], tuple[QRectF, Frame, PathFrame]] = {}


def path_layout(area: QRectF, frame: Frame) -> PathLayout:
    """The box, where the trail begins and the dot is (along the track) and the tide's top, for
    a frame of a breathing step; worked out once per frame, though the key, the dirty
    rectangle and the paint all ask."""
    return path_frame(area, frame).layout


def path_frame(area: QRectF, frame: Frame) -> PathFrame:
    """`path_layout` and what follows from it (`PathFrame`), once per frame."""
    key = (id(area), id(frame))
    known = _layouts.get(key)
    if known is not None and known[0] is area and known[1] is frame:
        return known[2]
    cycle = _cycle_layout(area, frame)
    moment = frame.moment
    begin, end = cycle.spans[moment.kind]
    here = begin + (end - begin) * ease_in_out_sine(moment.progress)
    _, top, _, height = cycle.box_rect
    tide_top = top + height - height * min(frame.level, 1.0)  # _tide_top, without Qt
    layout = (cycle.box, begin, here, tide_top)
    parts = PathFrame(layout, cycle.box_rect, tide_levels(frame.tint), cycle.width)
    if len(_layouts) >= 8:  # a few frames' worth: the one on screen and the next
        _layouts.clear()
    _layouts[key] = (area, frame, parts)
    return parts


Spans = dict[SegmentKind, tuple[float, float]]


@dataclass(frozen=True)
class _Cycle:
    """The same for every frame of one breath (cycle) at one size: the box, where each phase
    runs along its track, the outline's width."""

    timeline: Timeline
    area: QRectF
    box: QRectF
    box_rect: tuple[float, float, float, float]
    spans: Spans
    width: float


# By the area's and timeline's ids and the segment's index, checked against the objects
# themselves: a frame finds its cycle without a rectangle read from Qt or the cycle searched.
_cycles: dict[tuple[int, int, int], _Cycle] = {}


def _cycle_layout(area: QRectF, frame: Frame) -> _Cycle:
    """The box and where each phase runs along its track, for the cycle `frame` is in: the
    same for every frame of a cycle, so worked out once per phase."""
    timeline = frame.timeline
    assert timeline is not None  # a breathing moment comes with its timeline
    index = frame.moment.segment_index
    key = (id(area), id(timeline), index)
    known = _cycles.get(key)
    if known is not None and known.area is area and known.timeline is timeline:
        return known
    cycle = cycle_segments(timeline.segments, index)
    box = _path_box(area, cycle)
    spans = {kind: _phase_span(box, cycle, kind) for kind in BREATH_KINDS}
    box_rect: tuple[float, float, float, float] = box.getRect()  # type: ignore[assignment]  # the stub says object
    if len(_cycles) >= 8:
        _cycles.clear()
    known = _cycles[key] = _Cycle(timeline, area, box, box_rect, spans, line_width(area))
    return known


_NO_TIME = dict.fromkeys(SegmentKind, 0)  # built once: iterating an enum is slow


def _durations(cycle: Sequence[Segment]) -> dict[SegmentKind, int]:
    durations = dict(_NO_TIME)
    for segment in cycle:
        durations[segment.kind] += segment.duration_ms
    return durations


def _path_box(area: QRectF, cycle: Sequence[Segment]) -> QRectF:
    """Width : height = holds : breaths (clamped), the larger side filling the square."""
    d = _durations(cycle)
    breaths = d[SegmentKind.INHALE] + d[SegmentKind.TOP_UP] + d[SegmentKind.EXHALE]
    holds = d[SegmentKind.HOLD_IN] + d[SegmentKind.HOLD_OUT]
    ratio = min(max(holds / max(breaths, 1), 0.6), 1.5)
    centre, available = square(area)
    side = 2 * available * 0.9
    height = side / max(1.0, ratio)
    width = height * ratio
    return QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height)


def _phase_span(box: QRectF, cycle: Sequence[Segment], kind: SegmentKind) -> tuple[float, float]:
    """Where along the track (arc length from the track's start) `kind` begins and ends.

    Corners belong half to each side; a missing hold leaves its side to the breaths, which
    then meet in its middle, so the dot always moves continuously.
    """
    vertical, horizontal, arc, total = sides(box)
    d = _durations(cycle)
    top_left, top_middle = vertical + arc / 2, vertical + arc + horizontal / 2
    top_right = vertical + arc * 1.5 + horizontal
    bottom_right = 2 * vertical + 2.5 * arc + horizontal
    bottom_left, bottom_middle = -arc / 2, -arc - horizontal / 2
    in_start = bottom_left if d[SegmentKind.HOLD_OUT] else bottom_middle
    in_end = top_left if d[SegmentKind.HOLD_IN] else top_middle
    out_start = top_right if d[SegmentKind.HOLD_IN] else top_middle
    out_end = bottom_right if d[SegmentKind.HOLD_OUT] else bottom_middle + total
    inhaled = d[SegmentKind.INHALE] / (d[SegmentKind.INHALE] + d[SegmentKind.TOP_UP])
    sipped = in_start + (in_end - in_start) * inhaled
    spans = {
        SegmentKind.INHALE: (in_start, sipped),
        SegmentKind.TOP_UP: (sipped, in_end),
        SegmentKind.HOLD_IN: (in_end, out_start),
        SegmentKind.EXHALE: (out_start, out_end),
        SegmentKind.HOLD_OUT: (out_end, in_start + total),
    }
    return spans[kind]
