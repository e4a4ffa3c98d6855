"""The wave style: the breath curve scrolls past a fixed "now" line, the next breaths ahead."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

from pfrelax.core.easing import TOP_UP_SIP, ease_in_out_sine
from pfrelax.core.timeline import Timeline
from pfrelax.ui.common.theme import Palette
from pfrelax.ui.player.breath_styles import HALO, Frame, look_of, paint_glow_disc, paint_orb
from pfrelax.ui.player.breath_wave_trace import (
    GUIDE_REACH,
    WAVE_NOW_AT,
    WAVE_SPAN_MS,
    paint_trace,
    paint_wave_guides,
    trace_width,
    visible_segments,
)

__all__ = ["WAVE_NOW_AT", "WAVE_SPAN_MS", "paint_wave", "visible_segments"]

STRIP_SPANS = 2  # the strip holds this many views' worth of trace: redrawn every 30 s or so
_FADES = ((0.0, (1 - 0.2) * WAVE_NOW_AT), (0.88, 1.0))  # where the trace fades (× the width)
_FADE_STOPS = 12  # the fades are eased curves; this many stops follow them within a level


def fade_at(x: float) -> float:
    """How strongly the trace shows `x` (0–1) of the way across: the past fades to the left,
    the far future to the right."""
    return ease_in_out_sine(min(1.0, 0.2 + x / WAVE_NOW_AT, (1 - x) / 0.12))


@dataclass
class WaveStrip:
    """What the wave shows that does not change from frame to frame, drawn once: the backdrop
    (background and guides) and the trace for STRIP_SPANS views from `start_ms`, unfaded."""

    timeline: Timeline
    palette: Palette
    size: QSize
    dpr: float
    start_ms: float
    backdrop: QImage  # opaque, the band's width
    trace: QImage  # transparent, STRIP_SPANS times as wide
    band: QRectF  # the rows of the view both cover, in whole device pixels
    masks: tuple[QImage, QImage]  # the alpha of each fade, in device pixels

    def holds(
        self, timeline: Timeline, palette: Palette, area: QRectF, dpr: float, start: float
    ) -> bool:
        """Whether this strip can show the view from `start` as it is now."""
        return (
            self.timeline is timeline
            and self.palette is palette
            and self.size == area.size().toSize()
            and self.dpr == dpr
            and self.start_ms <= start
            and start + WAVE_SPAN_MS <= self.start_ms + STRIP_SPANS * WAVE_SPAN_MS
        )

    def draw(self, p: QPainter, start: float) -> None:
        """The backdrop, then the trace from `start` moved by whole device pixels (plain copies),
        its two ends faded through an alpha ramp."""
        top, dpr = self.band.top(), self.dpr
        p.drawImage(QPointF(0, top), self.backdrop)
        columns = self.backdrop.width()
        offset = round((start - self.start_ms) * self.size.width() / WAVE_SPAN_MS * dpr)
        left, right = (round(x * columns) for x in (_FADES[0][1], _FADES[1][0]))
        self._copy(p, left, right, offset)
        for (x0, x1), mask in zip(_FADES, self.masks, strict=True):
            self._copy_faded(p, round(x0 * columns), round(x1 * columns), offset, mask)

    def _copy(self, p: QPainter, a: int, b: int, offset: int) -> None:
        """Device columns a–b of the view from the trace, as they are."""
        height = self.trace.height()
        target = QRectF(a / self.dpr, self.band.top(), (b - a) / self.dpr, height / self.dpr)
        p.drawImage(target, self.trace, QRect(offset + a, 0, b - a, height))

    def _copy_faded(self, p: QPainter, a: int, b: int, offset: int, mask: QImage) -> None:
        """Device columns a–b of the view from the trace, fading as `fade_at` says."""
        piece = self.trace.copy(QRect(offset + a, 0, b - a, self.trace.height()))
        piece.setDevicePixelRatio(1.0)
        painter = QPainter(piece)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
        # An image as the mask, not the gradient itself: Qt blends image on image twice as fast.
        painter.drawImage(0, 0, mask)
        painter.end()
        piece.setDevicePixelRatio(self.dpr)
        p.drawImage(QPointF(a / self.dpr, self.band.top()), piece)


def _fade_mask(columns: int, rows: int, span: tuple[float, float]) -> QImage:
    """Alpha `fade_at(x)` across the device pixels of the view's `columns` in `span`."""
    x0, x1 = span
    width = round(x1 * columns) - round(x0 * columns)
    ramp = QLinearGradient(0, 0, width, 0)
    for n in range(_FADE_STOPS + 1):
        u = n / _FADE_STOPS
        ramp.setColorAt(u, QColor.fromRgbF(0, 0, 0, fade_at(x0 + (x1 - x0) * u)))
    mask = QImage(QSize(width, rows), QImage.Format.Format_ARGB32_Premultiplied)
    mask.fill(Qt.GlobalColor.transparent)
    painter = QPainter(mask)
    painter.fillRect(mask.rect(), ramp)
    painter.end()
    return mask


_strip: WaveStrip | None = None  # one wave on screen at a time: one strip


def wave_strip(
    timeline: Timeline, palette: Palette, area: QRectF, dpr: float, start: float
) -> WaveStrip:
    """The strip to show the view from `start`, drawn anew only when it runs out."""
    global _strip
    if _strip is None or not _strip.holds(timeline, palette, area, dpr, start):
        _strip = _draw_strip(timeline, palette, area, dpr, start)
    return _strip


def _draw_strip(
    timeline: Timeline, palette: Palette, area: QRectF, dpr: float, start: float
) -> WaveStrip:
    plot = wave_plot(area)
    band = wave_band(area)
    # In whole device pixels, so the copies are plain copies.
    top = max(math.floor(band.top() * dpr) / dpr, area.top())
    bottom = min(math.ceil(band.bottom() * dpr) / dpr, area.bottom())
    band = QRectF(area.left(), top, area.width(), bottom - top)
    rows = round(band.height() * dpr)
    backdrop = _image(QSize(math.ceil(area.width() * dpr), rows), dpr, opaque=True)
    backdrop.fill(palette.color("background"))
    with _painting(backdrop, top) as painter:
        now_x = plot.left() + plot.width() * WAVE_NOW_AT
        paint_wave_guides(painter, plot, palette, now_x)
    trace = _image(QSize(math.ceil(area.width() * STRIP_SPANS * dpr), rows), dpr, opaque=False)
    trace.fill(Qt.GlobalColor.transparent)
    with _painting(trace, top) as painter:
        strip_plot = QRectF(plot.left(), plot.top(), plot.width() * STRIP_SPANS, plot.height())
        paint_trace(painter, strip_plot, timeline, palette, start, STRIP_SPANS * WAVE_SPAN_MS)
    size = area.size().toSize()
    masks = (
        _fade_mask(backdrop.width(), rows, _FADES[0]),
        _fade_mask(backdrop.width(), rows, _FADES[1]),
    )
    return WaveStrip(timeline, palette, size, dpr, start, backdrop, trace, band, masks)


def _image(size: QSize, dpr: float, *, opaque: bool) -> QImage:
    image_format = (
        QImage.Format.Format_RGB32 if opaque else QImage.Format.Format_ARGB32_Premultiplied
    )
    image = QImage(size, image_format)
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


def paint_wave(p: QPainter, area: QRectF, frame: Frame) -> None:
    """The breath curve (up on the in-breath, level on holds, down on the out-breath) scrolling
    past "now", the next breaths ahead; the orb stands in without a timeline.

    The backdrop and the trace are drawn once (`WaveStrip`) and copied in at the scroll offset
    each frame; only the dot is drawn anew. It paints every pixel of the view, background too.
    """
    timeline = frame.timeline
    if timeline is None:
        paint_orb(p, area, frame)
        return
    plot = wave_plot(area)
    now = float(frame.moment.time_ms)
    start = now - WAVE_SPAN_MS * WAVE_NOW_AT
    dpr = p.device().devicePixelRatioF()
    strip = wave_strip(timeline, frame.palette, area, dpr, start)
    background = frame.palette.color("background")
    p.fillRect(QRectF(area.left(), area.top(), area.width(), strip.band.top()), background)
    p.fillRect(QRectF(area.left(), strip.band.bottom(), area.width(), area.bottom()), background)
    strip.draw(p, start)
    now_x = plot.left() + plot.width() * WAVE_NOW_AT
    level_y = plot.bottom() - frame.level / (1.0 + TOP_UP_SIP) * plot.height()
    dot = max(7.0, plot.height() * 0.045)
    paint_glow_disc(p, QPointF(now_x, level_y), dot, frame.color, 1.0, look_of(frame.palette))


def wave_band(area: QRectF) -> QRectF:
    """The rows the wave touches: the plot, the "now" line beyond it, the dot's glow."""
    plot = wave_plot(area)
    dot_glow = max(7.0, plot.height() * 0.045) * HALO
    reach = max(plot.height() * GUIDE_REACH, trace_width(plot), dot_glow) + 2
    return QRectF(area.left(), plot.top() - reach, area.width(), plot.height() + 2 * reach)


def wave_plot(area: QRectF) -> QRectF:
    """Where the trace runs: the view's width, its middle 60 %."""
    return area.adjusted(0, area.height() * 0.2, 0, -area.height() * 0.2)
