"""The path style's track: the rounded box's outline, the point at any distance along it, and
the trail's fixed grid of bends (worked out once per box or phase, not every frame)."""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

TRAIL_STEP = 6.0  # the trail bends every this many logical px round a corner (within 0.1 px)


@functools.lru_cache(maxsize=4)
def trail_to(box_rect: tuple[float, float, float, float], begin: float, here: float) -> QPolygonF:
    """The trail from `begin` to the dot at `here`: the bends of a fixed grid along the track
    (from `begin`, every TRAIL_STEP px round the corners; a straight side needs none) and the
    dot. The grid is worked out once per phase, so a frame works out only the dot's point, Qt
    strokes only a few corners, and the trail behind the dot keeps its shape."""
    along, bends = trail_grid(box_rect, begin)
    (end,) = _points_on(box_rect, (here,))
    return QPolygonF([*bends[: max(1, bisect.bisect_left(along, here))], end])


@functools.lru_cache(maxsize=8)
def trail_grid(
    box_rect: tuple[float, float, float, float], begin: float
) -> tuple[list[float], list[QPointF]]:
    """The grid of a trail from `begin` once round the track: its points where the track
    bends (the first point always), and how far along each one is."""
    _, _, _, total = sides(QRectF(*box_rect))
    along = [begin + n * TRAIL_STEP for n in range(math.ceil(total / TRAIL_STEP) + 1)]
    points = _points_on(box_rect, along)
    kept = [0]
    for n in range(1, len(points) - 1):
        a, b, c = points[n - 1], points[n], points[n + 1]
        turn = (b.x() - a.x()) * (c.y() - b.y()) - (b.y() - a.y()) * (c.x() - b.x())
        if abs(turn) > 1e-6:  # not on a straight side
            kept.append(n)
    return [along[n] for n in kept], [points[n] for n in kept]


def corner_radius(box: QRectF) -> float:
    return min(box.width(), box.height()) * 0.22


def sides(box: QRectF) -> tuple[float, float, float, float]:
    """Lengths along the track: a vertical side, a horizontal side, a corner, the whole loop."""
    r = corner_radius(box)
    vertical, horizontal, arc = box.height() - 2 * r, box.width() - 2 * r, math.pi * r / 2
    return vertical, horizontal, arc, 2 * (vertical + horizontal) + 4 * arc


@functools.lru_cache(maxsize=4)
def track_path(box_rect: tuple[float, float, float, float]) -> QPainterPath:
    """The box's outline as a path, built once per box (the tide fills it every frame)."""
    return rounded_track(QRectF(*box_rect))[0]


def rounded_track(box: QRectF) -> tuple[QPainterPath, float]:
    """The box outline starting at the bottom of its left side, clockwise; and its length."""
    r = corner_radius(box)
    track = QPainterPath(QPointF(box.left(), box.bottom() - r))
    track.arcTo(QRectF(box.left(), box.top(), 2 * r, 2 * r), 180, -90)
    track.arcTo(QRectF(box.right() - 2 * r, box.top(), 2 * r, 2 * r), 90, -90)
    track.arcTo(QRectF(box.right() - 2 * r, box.bottom() - 2 * r, 2 * r, 2 * r), 0, -90)
    track.arcTo(QRectF(box.left(), box.bottom() - 2 * r, 2 * r, 2 * r), 270, -90)
    track.closeSubpath()
    return track, sides(box)[3]


def track_points(box: QRectF, along: Sequence[float]) -> list[QPointF]:
    """The points at each distance in `along` from the track's start, worked out directly:
    where `pointAtPercent` puts them (within a third of a pixel), without it measuring the
    whole path for every point."""
    return _points_on(box.getRect(), along)  # type: ignore[arg-type]  # the stub says object


_Piece = tuple[float, float, float, float, float, bool]


@functools.lru_cache(maxsize=8)
def _pieces(
    box_rect: tuple[float, float, float, float],
) -> tuple[float, float, tuple[_Piece, ...]]:
    """The track's corner radius, its length and its pieces, once per box (the dot's point is
    worked out every frame, and each read of the box from Qt costs a call)."""
    box = QRectF(*box_rect)
    r = corner_radius(box)
    vertical, horizontal, arc, total = sides(box)
    left, top, right, bottom = box.left(), box.top(), box.right(), box.bottom()
    # Each piece: its length; a side's start and its direction (dx, dy), or a corner's centre
    # and starting angle (it turns clockwise on screen); whether it is a corner.
    pieces = (
        (vertical, left, bottom - r, 0.0, -1.0, False),
        (arc, left + r, top + r, math.pi, 0.0, True),
        (horizontal, left + r, top, 1.0, 0.0, False),
        (arc, right - r, top + r, math.pi / 2, 0.0, True),
        (vertical, right, top + r, 0.0, 1.0, False),
        (arc, right - r, bottom - r, 0.0, 0.0, True),
        (horizontal, right - r, bottom, -1.0, 0.0, False),
        (arc, left + r, bottom - r, -math.pi / 2, 0.0, True),
    )
    return r, total, pieces


def _points_on(
    box_rect: tuple[float, float, float, float], along: Sequence[float]
) -> list[QPointF]:
    """`track_points` for a box given as plain numbers."""
    r, total, pieces = _pieces(box_rect)
    start = pieces[0][1:3]  # the end of the loop is its start
    points = []
    for distance in along:
        s = distance % total if total > 0 else 0.0
        x, y = start
        for length, x0, y0, a, b, corner in pieces:
            if s <= length:
                if corner:
                    angle = a - (s / r if r > 0 else 0.0)
                    x, y = x0 + r * math.cos(angle), y0 - r * math.sin(angle)
                else:
                    x, y = x0 + a * s, y0 + b * s
                break
            s -= length
        points.append(QPointF(x, y))
    return points
