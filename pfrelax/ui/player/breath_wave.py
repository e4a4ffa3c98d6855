"""The wave style: the breath curve scrolls past a fixed "now" line, the next breaths ahead."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPen

from pfrelax.core.easing import TOP_UP_SIP, ease_in_out_sine
from pfrelax.core.timeline import PELVIC_KINDS, Timeline
from pfrelax.ui.common.theme import Palette
from pfrelax.ui.player.breath_pelvic import floor_color, floor_line_at
from pfrelax.ui.player.breath_styles import HALO, Frame, look_of, paint_glow_at, paint_orb
from pfrelax.ui.player.breath_wave_trace import (
    GUIDE_REACH,
    WAVE_NOW_AT,
    WAVE_SPAN_MS,
    now_pen,
    paint_level_guides,
    paint_trace,
    trace_width,
    visible_segments,
)

__all__ = ["WAVE_NOW_AT", "WAVE_SPAN_MS", "paint_wave", "scroll_px", "visible_segments"]

STRIP_SPANS = 2  # the strip holds this many views' worth of trace: redrawn every 30 s or so
_FADES = ((0.0, (1 - 0.2) * WAVE_NOW_AT), (0.88, 1.0))  # where the trace fades (× the width)
_FADE_STOPS = 12  # the fades are eased curves; this many stops follow them within a level


def fade_at(x: float) -> float:
    """How strongly the trace shows `x` (0–1) of the way across: the past fades to the left,
    the far future to the right."""
    return ease_in_out_sine(min(1.0, 0.2 + x / WAVE_NOW_AT, (1 - x) / 0.12))


def scroll_px(time_ms: float, width: float, dpr: float) -> int:
    """How far the trace has scrolled at `time_ms`, in whole device pixels: the trace moves
    only in whole device pixels, so each copy is a plain copy and a frame that would not move
    it by one is not worth painting for the trace."""
    return round(time_ms * (width / WAVE_SPAN_MS * dpr))  # as wave_look works it out


Bounds = tuple[float, float, float, float]  # left, top, right, bottom: plain numbers, no Qt


@dataclass
class WaveStrip:
    """What the wave shows that does not change from frame to frame, drawn once: the scene
    (background, the level guides and the trace, for STRIP_SPANS views from column `first`)
    and the veils that fade the trace out at both ends of the view."""

    timeline: Timeline
    palette: Palette
    rect: object  # the view's area.getRect()
    area: QRectF  # the very object it was drawn for (the view keeps one)
    dpr: float
    first: int  # the scroll (device px) of the scene's first column
    scene: QImage  # opaque, STRIP_SPANS times the view's width
    band: QRectF  # the rows of the view it covers, in whole device pixels
    veils: tuple[tuple[QPointF, QImage], ...]  # (where, backdrop with alpha 1 − fade)
    trace_rows: tuple[float, float]  # the rows (logical) the trace and its fill touch
    columns: int  # the view's width in device pixels
    # Worked out once for every frame's drawing: the strip's place in the view, the rows
    # above and below it, their colour, the "now" line and its pen.
    target: QRectF
    margins: tuple[QRectF, QRectF]
    background: QColor
    now_line: QLineF
    now_pen: QPen
    # Plain numbers, so a frame finds what its clip needs without asking Qt: the scene's
    # width (device px), the band's rows and where the veils end (logical px), the glow's look.
    scene_columns: int
    scene_rows: int
    rows: tuple[float, float]
    veil_edges: tuple[float, float]  # the left veil's right edge, the right veil's left edge
    look: tuple[float, float]

    def holds(
        self, timeline: Timeline, palette: Palette, area: QRectF, dpr: float, scroll: int
    ) -> bool:
        """Whether this strip can show the view scrolled by `scroll` as it is now."""
        return (
            self.timeline is timeline
            and self.palette is palette
            and self.dpr == dpr
            and self.first <= scroll <= self.first + self.scene_columns - self.columns
            and (area is self.area or self.rect == area.getRect())
        )

    def draw(self, p: QPainter, scroll: int, clip: Bounds | None = None) -> None:
        """The rows above and below the band, the scene scrolled by `scroll` (one plain copy),
        then the veils over both ends; within `clip` (None: anywhere), only what reaches it.

        A veil is the backdrop with alpha 1 − fade: laid over backdrop and trace it gives
        exactly the trace faded over the backdrop, in one blend, with nothing made per frame.
        """
        rows, (left_veil, right_veil) = self.rows, self.veils
        # Most frames repaint rows within the band (the trace) or the dot alone, away from both
        # veils: what lies outside the clip is not drawn at all (each draw is a call into Qt).
        if clip is None or clip[1] < rows[0] or clip[3] > rows[1]:
            for margin in self.margins:
                p.fillRect(margin, self.background)
        source = QRect(scroll - self.first, 0, self.columns, self.scene_rows)
        p.drawImage(self.target, self.scene, source)
        if clip is None or clip[0] < self.veil_edges[0]:
            p.drawImage(*left_veil)
        if clip is None or clip[2] > self.veil_edges[1]:
            p.drawImage(*right_veil)


def _veil(backdrop: QImage, span: tuple[float, float]) -> tuple[int, QImage]:
    """The backdrop's device columns in `span` (of the width), with alpha 1 − `fade_at(x)`."""
    columns = backdrop.width()
    a, b = round(span[0] * columns), round(span[1] * columns)
    veil = backdrop.copy(QRect(a, 0, b - a, backdrop.height()))
    veil = veil.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    veil.setDevicePixelRatio(1.0)
    ramp = QLinearGradient(0, 0, b - a, 0)
    for n in range(_FADE_STOPS + 1):
        u = n / _FADE_STOPS
        ramp.setColorAt(
            u, QColor.fromRgbF(0, 0, 0, 1.0 - fade_at(span[0] + (span[1] - span[0]) * u))
        )
    painter = QPainter(veil)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
    painter.fillRect(veil.rect(), ramp)
    painter.end()
    veil.setDevicePixelRatio(backdrop.devicePixelRatio())
    return a, veil


_strip: WaveStrip | None = None  # one wave on screen at a time: one strip


def wave_strip(
    timeline: Timeline, palette: Palette, area: QRectF, dpr: float, scroll: int
) -> WaveStrip:
    """The strip to show the view scrolled by `scroll`, drawn anew only when it runs out."""
    global _strip
    if _strip is None or not _strip.holds(timeline, palette, area, dpr, scroll):
        _strip = _draw_strip(timeline, palette, area, dpr, scroll)
    return _strip


def _draw_strip(
    timeline: Timeline, palette: Palette, area: QRectF, dpr: float, scroll: int
) -> WaveStrip:
    plot = wave_plot(area)
    band = wave_band(area)
    # In whole device pixels, so the copies are plain copies.
    top = max(math.floor(band.top() * dpr) / dpr, area.top())
    bottom = min(math.ceil(band.bottom() * dpr) / dpr, area.bottom())
    band = QRectF(area.left(), top, area.width(), bottom - top)
    rows = round(band.height() * dpr)
    columns = math.ceil(area.width() * dpr)
    backdrop = _image(QSize(columns, rows), dpr)
    backdrop.fill(palette.color("background"))
    with _painting(backdrop, top) as painter:
        paint_level_guides(painter, plot, palette)
    scene = _image(QSize(columns * STRIP_SPANS, rows), dpr)
    scene.fill(palette.color("background"))
    # The start, in ms, of the scene's first column (a whole device pixel of scroll).
    start = scroll * WAVE_SPAN_MS / (area.width() * dpr) - WAVE_SPAN_MS * WAVE_NOW_AT
    with _painting(scene, top) as painter:
        wide = QRectF(plot.left(), plot.top(), plot.width() * STRIP_SPANS, plot.height())
        paint_level_guides(painter, wide, palette)
        trace_top = paint_trace(painter, wide, timeline, palette, start, STRIP_SPANS * WAVE_SPAN_MS)
    veils = tuple(
        (QPointF(column / dpr, top), veil)
        for column, veil in (_veil(backdrop, span) for span in _FADES)
    )
    reach = trace_width(plot) / 2 + 2  # the stroke's half width, antialiasing and round caps
    trace_rows = (trace_top - reach, plot.bottom() + reach)
    margins = (
        QRectF(area.left(), area.top(), area.width(), band.top()),
        QRectF(area.left(), band.bottom(), area.width(), area.bottom()),
    )
    now_x = plot.left() + plot.width() * WAVE_NOW_AT
    margin = plot.height() * GUIDE_REACH
    return WaveStrip(
        timeline,
        palette,
        area.getRect(),
        area,
        dpr,
        scroll,
        scene,
        band,
        veils,
        trace_rows,
        columns,
        QRectF(0, top, columns / dpr, rows / dpr),
        margins,
        palette.color("background"),
        QLineF(now_x, plot.top() - margin, now_x, plot.bottom() + margin),
        now_pen(palette),
        scene.width(),
        rows,
        (top, top + rows / dpr),
        (veils[0][0].x() + veils[0][1].width() / dpr, veils[1][0].x()),
        look_of(palette),
    )


def _image(size: QSize, dpr: float) -> QImage:
    image = QImage(size, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(dpr)
    return image


@contextmanager
def _painting(image: QImage, top: float) -> Iterator[QPainter]:
    """An antialiased painter on `image`, whose first row is the view's row `top`."""
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(0, -top)
        yield painter
    finally:
        painter.end()


def paint_wave(
    p: QPainter, area: QRectF, frame: Frame, dpr: float | None = None, clip: Bounds | None = None
) -> None:
    """The breath curve (up on the in-breath, level on holds, down on the out-breath) scrolling
    past "now", the next breaths ahead; the orb stands in without a timeline.

    The scene (background, guides, trace) is drawn once (`WaveStrip`) and copied in at the
    scroll offset; only the "now" line and the dot are drawn anew. It paints every pixel of the
    view, background too (within the clip: a frame where only the dot moves repaints the dot).
    `dpr`: the device's pixel ratio, when the caller knows it (asking the device costs);
    `clip`: the part being repainted, when the caller knows it (None: anywhere).
    """
    timeline = frame.timeline
    if timeline is None:
        paint_orb(p, area, frame)
        return
    look = wave_look(area, frame, p.device().devicePixelRatioF() if dpr is None else dpr)
    strip = wave_strip(timeline, frame.palette, area, look.dpr, look.scroll)
    strip.draw(p, look.scroll, clip)
    p.setPen(strip.now_pen)  # the fixed "now" line
    p.drawLine(strip.now_line)
    paint_glow_at(p, look.centre_x, look.centre_y, look.radius, look.color, 1.0, strip.look)


class WaveLook:
    """What a frame of the wave shows that moves: worked out once per frame, though the
    picture key, the dirty rectangle and the paint all ask (plain numbers where they can be:
    each read of a Qt object costs a call)."""

    __slots__ = (
        "centre_x",
        "centre_y",
        "color",
        "dot_bounds",
        "dpr",
        "level",
        "plot",
        "radius",
        "scroll",
    )

    def __init__(
        self,
        plot: QRectF,
        dpr: float,
        scroll: int,
        level: float,
        color: QColor,
        centre: tuple[float, float],
        radius: float,
    ) -> None:
        self.plot = plot
        self.dpr = dpr
        self.scroll = scroll  # how far the trace has scrolled, whole device pixels (scroll_px)
        self.level = level  # the dot's height: lung fullness, or the floor in a pelvic floor rep
        self.color = color
        x, y = self.centre_x, self.centre_y = centre
        self.radius = radius
        reach = radius * HALO + 1
        self.dot_bounds: Bounds = (x - reach, y - reach, x + reach, y + reach)  # dot and glow

    @property
    def centre(self) -> QPointF:
        """The dot's centre."""
        return QPointF(self.centre_x, self.centre_y)

    @property
    def dot_rect(self) -> QRectF:
        """Where the dot and its glow touch the view."""
        left, top, right, bottom = self.dot_bounds
        return QRectF(left, top, right - left, bottom - top)


@dataclass(frozen=True)
class _WaveGeometry:
    """What the wave's moving parts are measured against, the same for every frame of one
    size: worked out once per size, not per frame."""

    plot: QRectF
    now_x: float  # the "now" line's x, where the dot rides
    bottom: float  # the plot's bottom, empty lungs
    rise: float  # how far up the dot is per unit of level
    scroll_scale: float  # device px of scroll per ms
    radius: float  # the dot's


@dataclass
class _Looked:
    """The last look worked out, and what it was worked out for."""

    area: QRectF  # the very object (the view keeps one), so most frames need not compare rects
    rect: object  # area.getRect()
    dpr: float
    geometry: _WaveGeometry
    # The latest few: the frame on screen and the next (the dirty rectangle compares them),
    # which a look ahead over a still picture (`BreathView.still_for_ms`) must not push out.
    looks: list[tuple[Frame, WaveLook]] = field(default_factory=list)


_looked: list[_Looked] = []  # a size or two on screen, the newest first


def _geometry_for(area: QRectF, dpr: float) -> _Looked:
    for known in _looked:
        if known.area is area and known.dpr == dpr:
            return known
    rect = area.getRect()
    for known in _looked:
        if known.rect == rect and known.dpr == dpr:
            known.area = area
            return known
    plot = wave_plot(area)
    geometry = _WaveGeometry(
        plot,
        plot.left() + plot.width() * WAVE_NOW_AT,
        plot.bottom(),
        plot.height() / (1.0 + TOP_UP_SIP),
        area.width() / WAVE_SPAN_MS * dpr,
        max(7.0, plot.height() * 0.045),
    )
    known = _Looked(area, rect, dpr, geometry)
    del _looked[3:]
    _looked.insert(0, known)
    return known


def wave_look(area: QRectF, frame: Frame, dpr: float) -> WaveLook:
    """The moving parts of `frame`'s wave picture (a frame with a timeline)."""
    known = _geometry_for(area, dpr)
    for looked, look in known.looks:
        if looked is frame:
            return look
    geometry = known.geometry
    level, color = wave_dot(frame)
    look = WaveLook(
        geometry.plot,
        dpr,
        round(frame.moment.time_ms * geometry.scroll_scale),  # scroll_px, its scale kept
        level,
        color,
        (geometry.now_x, geometry.bottom - level * geometry.rise),
        geometry.radius,
    )
    known.looks[:] = [(frame, look), *known.looks[:3]]
    return look


def wave_dot(frame: Frame) -> tuple[float, QColor]:
    """The dot's height (lung fullness) and colour: the breath's, or in a pelvic floor rep the
    floor's (breath_pelvic), like the line it rides."""
    timeline, moment = frame.timeline, frame.moment
    if timeline is not None and moment.segment.kind in PELVIC_KINDS:  # in_pelvic_rep, inline
        return floor_line_at(timeline, moment), floor_color(frame.palette, timeline, moment.time_ms)
    return frame.level, frame.color


def wave_dot_rect(area: QRectF, frame: Frame, dpr: float = 1.0) -> QRectF:
    """Where the dot (and its glow) of `frame` touches the view: all a frame repaints when the
    trace has not scrolled a whole device pixel."""
    return wave_look(area, frame, dpr).dot_rect


def wave_change(area: QRectF, before: Frame, after: Frame, dpr: float) -> QRectF | None:
    """What differs between the wave pictures of `before` and `after`: the two dots, and when
    the trace scrolled, the rows the trace and its fill run in (the guides and the "now" line
    beyond them stay put, and so does the headroom above the highest breath). None: another
    timeline, so the whole band is to be repainted."""
    bounds = wave_change_bounds(area, before, after, dpr)
    if bounds is None:
        return None
    left, top, right, bottom = bounds
    return QRectF(left, top, right - left, bottom - top)


def wave_change_bounds(area: QRectF, before: Frame, after: Frame, dpr: float) -> Bounds | None:
    """`wave_change` as plain numbers (the view makes one QRect of them at the end)."""
    timeline = after.timeline
    if before.timeline is None or timeline is not before.timeline:
        return None
    old, new = wave_look(area, before, dpr), wave_look(area, after, dpr)
    a, b = old.dot_bounds, new.dot_bounds
    if old.scroll == new.scroll:
        return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
    strip = _strip
    if strip is not None and strip.holds(timeline, after.palette, area, dpr, new.scroll):
        top, bottom = strip.trace_rows
        rect: Bounds = strip.rect  # type: ignore[assignment]  # area.getRect(), kept
    else:  # the strip is drawn anew at the paint: the rows it will show are not known yet
        reach = trace_width(new.plot) + 2
        top, bottom = new.plot.top() - reach, new.plot.bottom() + reach
        rect = area.getRect()  # type: ignore[assignment]  # the stub says object
    left, width = rect[0], rect[2]
    return (
        min(a[0], b[0], left),
        min(a[1], b[1], top),
        max(a[2], b[2], left + width),
        max(a[3], b[3], bottom),
    )


def wave_band(area: QRectF) -> QRectF:
    """The rows the wave touches: the plot, the "now" line beyond it, the dot's glow."""
    return QRectF(_band(area.getRect()))  # a copy: the caller may change it


@functools.lru_cache(maxsize=4)
def _band(rect: tuple[float, float, float, float]) -> QRectF:
    """wave_band, once per size (the view asks every frame)."""
    area = QRectF(*rect)
    plot = wave_plot(area)
    dot_glow = max(7.0, plot.height() * 0.045) * HALO
    reach = max(plot.height() * GUIDE_REACH, trace_width(plot), dot_glow) + 2
    return QRectF(area.left(), plot.top() - reach, area.width(), plot.height() + 2 * reach)


def wave_plot(area: QRectF) -> QRectF:
    """Where the trace runs: the view's width, its middle 60 %."""
    return area.adjusted(0, area.height() * 0.2, 0, -area.height() * 0.2)
