"""The path style: a dot travels a rounded box, up with the in-breath, across on holds."""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from pfrelax.core.timeline import BREATH_KINDS
from pfrelax.ui.common.theme import rgb_f
from pfrelax.ui.player.breath_path_layout import (
    TIDE_ALPHA,
    TIDE_SOFT,
    Bounds,
    line_width,
    path_frame,
    tide_levels,
)
from pfrelax.ui.player.breath_path_track import (
    rounded_track,
    track_path,
)
from pfrelax.ui.player.breath_pelvic import floor_color, floor_line_at, in_pelvic_rep
from pfrelax.ui.player.breath_styles import (
    HALO,
    Frame,
    look_of,
    moved,
    orb_reach,
    paint_glow_disc,
    paint_orb,
    square,
    with_alpha,
)


def paint_path(p: QPainter, area: QRectF, frame: Frame, dpr: float | None = None) -> None:
    """A rounded box: in-breath up the left, hold along the top, out-breath down the right,
    hold along the bottom. Its width follows the holds, so box breathing draws a square.

    `p` comes without antialiasing (a fresh painter): the tide is filled without, then it is
    turned on for the rest (each setting passes an enum through the binding, at a few calls).

    Speaking and resting show the calm orb; the box cross-fades with it at the edges of a
    breathing step, so nothing pops in or out.
    """
    timeline, moment = frame.timeline, frame.moment
    floor = in_pelvic_rep(moment)
    if timeline is None or not (floor or moment.kind in BREATH_KINDS):
        p.setRenderHint(_SMOOTH)
        paint_orb(p, area, frame)
        return
    fade = frame.fade
    if fade < 1.0:
        p.save()
        p.setRenderHint(_SMOOTH)
        p.setOpacity(p.opacity() * (1.0 - fade))
        paint_orb(p, area, frame)
        p.restore()  # (antialiasing as it was)
    if floor:
        box, tide_y, tint = floor_look(area, frame)
        box_rect = box.getRect()
        width = line_width(area)
    else:
        parts = path_frame(area, frame)
        box, _, _, tide_y = parts.layout
        box_rect, width, tint = parts.box_rect, parts.width, frame.tint
    if fade < 1.0:  # a whole frame (the usual one) needs no saved state: the view ends here
        p.save()
        p.setOpacity(p.opacity() * fade)
    _paint_tide(p, track_path(box_rect), box, tide_y, tint)
    p.setRenderHint(_SMOOTH)  # for the trail and the outline's copy
    ratio = p.device().devicePixelRatioF() if dpr is None else dpr
    corner, image = _track_image(box_rect, width, frame.palette.quiet_text, ratio)
    p.drawImage(corner, image)
    dot = max(7.0, width * 4.5)
    if floor:
        # The floor's rep: no trail, one dot floating on the tide, in the bowl's colour.
        centre = QPointF(box.center().x(), tide_y)
        paint_glow_disc(p, centre, dot, tint, 1.0, look_of(frame.palette))
    else:
        pen = _trail_pen(width * 1.6)
        pen.setColor(with_alpha(frame.color, 0.7))
        p.setPen(pen)
        trail = parts.trail
        p.drawPolyline(trail)
        paint_glow_disc(p, trail.last(), dot, frame.color, 1.0, look_of(frame.palette))
    if fade < 1.0:
        p.restore()


_SMOOTH = QPainter.RenderHint.Antialiasing
_NO_PEN = QPen(Qt.PenStyle.NoPen)  # a pen object: setting it converts no enum each frame


@functools.lru_cache(maxsize=4)
def _trail_pen(width: float) -> QPen:
    """The trail's pen, made once per width; each frame gives it the trail's colour."""
    pen = QPen(QColor(0, 0, 0), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def floor_look(area: QRectF, frame: Frame) -> tuple[QRectF, float, QColor]:
    """In a pelvic floor rep: a square box, its tide's top following the floor
    (breath_pelvic.floor_line) and the bowl's colour."""
    timeline = frame.timeline
    assert timeline is not None  # a pelvic floor rep comes with its timeline
    centre, available = square(area)
    half = available * 0.9
    box = QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half)
    line = floor_line_at(timeline, frame.moment)
    color = floor_color(frame.palette, timeline, frame.moment.time_ms)
    return box, box.bottom() - box.height() * min(line, 1.0), color


def path_trail(area: QRectF, frame: Frame) -> QPolygonF:
    """The trail behind the dot of a breathing frame, ending at the dot."""
    return path_frame(area, frame).trail


def path_change(area: QRectF, before: Frame, after: Frame) -> QRectF | None:
    """What differs between the path pictures of `before` and `after` when only the dot, its
    trail and the tide's top moved: the trails, the dots and the rows between the two tides'
    tops (below its soft top the tide is the same whatever its height). None: more changed
    (a fade, a new cycle, the tide's colour), so the whole picture is to be repainted."""
    bounds = path_change_bounds(area, before, after)
    if bounds is None:
        return None
    left, top, right, bottom = bounds
    return QRectF(left, top, right - left, bottom - top)


def path_change_bounds(area: QRectF, before: Frame, after: Frame) -> Bounds | None:
    """`path_change` as plain numbers: the frame's dirty rectangle is worked out without a
    rectangle made or asked in Qt on each step (the view makes one QRect at the end)."""
    if before.timeline is None or after.timeline is not before.timeline:
        return None
    if before.fade < 1.0 or after.fade < 1.0:
        return None
    moment_a, moment_b = before.moment, after.moment
    if in_pelvic_rep(moment_a) and in_pelvic_rep(moment_b):
        width = line_width(area)
        reach = max(7.0, width * 4.5) * HALO + width + 2
        (box, top_a, tint_a), (_, top_b, tint_b) = floor_look(area, before), floor_look(area, after)
        if moved(tide_levels(tint_a), tide_levels(tint_b)):
            return None
        box_rect: Bounds = box.getRect()  # type: ignore[assignment]  # the stub says object
        # The dot floats on the tide: the squares around it before and after.
        middle = box_rect[0] + box_rect[2] / 2
        low, high = min(top_a, top_b), max(top_a, top_b)
        changed = (middle - reach, low - reach, middle + reach, high + reach)
    elif moment_a.kind in BREATH_KINDS and moment_b.kind in BREATH_KINDS:
        old, new = path_frame(area, before), path_frame(area, after)
        box_rect, width = new.box_rect, new.width
        reach = max(7.0, width * 4.5) * HALO + width + 2
        if box_rect != old.box_rect or moved(old.tide, new.tide):
            return None
        a, b = old.trail_bounds(reach), new.trail_bounds(reach)
        changed = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
        top_a, top_b = old.layout[3], new.layout[3]
    else:
        return None
    left, _, box_width, box_height = box_rect
    soft = box_height * TIDE_SOFT
    tide_top = min(top_a, top_b) - soft - 2
    tide_bottom = tide_top + abs(top_a - top_b) + soft + 4
    return (
        min(changed[0], left - 1),
        min(changed[1], tide_top),
        max(changed[2], left + box_width + 1),
        max(changed[3], tide_bottom),
    )


def path_reach(area: QRectF, frame: Frame) -> float:
    """How far from the centre (across or down) `paint_path` can touch a pixel."""
    box_reach = _box_reach(area.getRect())
    moment = frame.moment
    if frame.fade == 1.0 and (moment.kind in BREATH_KINDS or in_pelvic_rep(moment)):
        return box_reach  # no orb is painted: only the box
    return max(orb_reach(area, frame), box_reach)


@functools.lru_cache(maxsize=4)
def _box_reach(rect: tuple[float, float, float, float]) -> float:
    """How far from the centre the box, its outline and the dot's glow reach (per size)."""
    area = QRectF(*rect)
    _, available = square(area)
    width = max(2.0, min(area.width(), area.height()) * 0.008)
    dot = max(7.0, width * 4.5)
    # The box fills at most 90 % of the square; the dot's glow may stand out beyond its side.
    return available * 0.9 + dot * HALO + width


@functools.lru_cache(maxsize=4)
def _track_image(
    box_rect: tuple[float, float, float, float], width: float, quiet: str, dpr: float
) -> tuple[QPointF, QImage]:
    """The box's outline, stroked once into an image (and where to draw it): it never changes
    while a pattern plays, and a wide antialiased stroke costs far more than a blit.

    The image starts on a whole device pixel, so drawing it is a plain copy, sharp at any scale.
    """
    box = QRectF(*box_rect)
    margin = width
    left = math.floor((box.left() - margin) * dpr) / dpr
    top = math.floor((box.top() - margin) * dpr) / dpr
    size = QSize(
        math.ceil((box.right() + margin - left) * dpr),
        math.ceil((box.bottom() + margin - top) * dpr),
    )
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(-left, -top)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(with_alpha(QColor(quiet), 0.25), width))
    painter.drawPath(rounded_track(box)[0])
    painter.end()
    return QPointF(left, top), image


def _paint_tide(
    p: QPainter, track: QPainterPath, box: QRectF, level_y: float, tint: QColor
) -> None:
    """A soft tide inside the box whose top is at `level_y`: it rises and falls with the lungs
    (or, in a pelvic floor rep, the floor)."""
    soft = box.height() * TIDE_SOFT
    gradient = QLinearGradient(0, level_y - soft, 0, box.bottom())
    # Below its soft top the alpha runs from the box's top to its bottom whatever the level,
    # so a rising tide changes only the rows near its top (`path_change`).
    low, high = TIDE_ALPHA
    at_level = low + (high - low) * (level_y - box.top()) / max(box.height(), 1e-6)
    red, green, blue, alpha = rgb_f(tint)  # with_alpha three times, with one call for the tint
    gradient.setColorAt(0.0, QColor.fromRgbF(red, green, blue, 0.0))
    gradient.setColorAt(
        min(1.0, soft / max(box.bottom() - level_y + soft, 1e-6)),
        QColor.fromRgbF(red, green, blue, min(max(at_level, 0.0), 1.0) * alpha),
    )
    gradient.setColorAt(1.0, QColor.fromRgbF(red, green, blue, high * alpha))
    p.setPen(_NO_PEN)
    p.setBrush(gradient)
    # The outline covers the tide's only edge, so the fill needs no antialiasing (3× faster):
    # `p` comes without it.
    p.drawPath(track)
