"""The parts every breathing style shares (Frame, the glowing disc), the orb and the still disc.

The wave and path styles live in breath_wave.py and breath_path.py.

Every painter is a pure function of (area, Frame): the same moment paints the same pixels,
which is what keeps a paused picture completely still. Geometry is float (QRectF/QPointF) in
logical coordinates, so Qt renders it sharply at any device pixel ratio.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QRadialGradient

from pfrelax.core.easing import (
    TOP_UP_SIP,
    breath_level,
    cycle_peak,
    ease_in_out_sine,
)
from pfrelax.core.timeline import BREATH_KINDS, Moment, SegmentKind, Timeline
from pfrelax.ui.common.theme import Palette, mix, phase_color, rgb_f


class BreathStyle(StrEnum):
    ORB = "orb"
    WAVE = "wave"
    PATH = "path"


_T = TypeVar("_T")


class _once(Generic[_T]):  # noqa: N801  # used like a property
    """`functools.cached_property` without its lock and its lookups: the first read works the
    value out and leaves it on the instance, where later reads find it without a call (a frame
    reads five of these once each; the lock cost more than some of the values)."""

    def __init__(self, work_out: Callable[[Any], _T]) -> None:
        self._work_out = work_out
        self._name = work_out.__name__

    def __get__(self, instance: Any, owner: type | None = None) -> _T:
        value = instance.__dict__[self._name] = self._work_out(instance)
        return value


@dataclass(frozen=True)
class Frame:
    """Everything one painted picture depends on; what it derives is worked out once."""

    moment: Moment
    timeline: Timeline | None
    palette: Palette

    @_once
    def peak(self) -> float:
        if self.timeline is None:
            return 1.0
        return cycle_peak(self.timeline.segments, self.moment.segment_index)

    @_once
    def level(self) -> float:
        return breath_level(self.moment, self.peak)

    @_once
    def color(self) -> QColor:
        return phase_color(self.palette, self.moment.kind, self.moment.progress)

    @_once
    def fade(self) -> float:
        """The step's fade (`step_fade`): asked for by the key, the dirty rectangle and the
        paint."""
        return step_fade(self.moment)

    @_once
    def tint(self) -> QColor:
        """The colour for large washes (fills): a hold keeps its breath's colour, since sand
        over blue reads as a muddy grey."""
        if self.moment.kind not in _HOLDS:
            return self.color  # the same colour: worked out once
        return breath_tint(self.palette, self.moment.kind, self.moment.progress)


_HOLDS = (SegmentKind.HOLD_IN, SegmentKind.HOLD_OUT)


def breath_tint(palette: Palette, kind: str, progress: float) -> QColor:
    """`phase_color`, but holds keep the colour of the breath they follow."""
    if kind in ("hold_in", "hold_out"):
        return phase_color(palette, kind, 0.0)
    return phase_color(palette, kind, progress)


ORB_EMPTY = 0.40  # of the available size, lungs empty
ORB_SPAN = 0.50  # so full lungs reach 90 %, a top-up about 97 %
STILL_FRACTION = 0.62  # the reduced-motion disc never changes size
ORB_SCALE = 0.76  # the available size, as a fraction of the half-square: room for the glow
HALO = 1.3  # the glow reaches this far beyond the orb's edge (× its radius)
FADE_MS = 500  # anything that appears or leaves fades over this long
WHITE = QColor(255, 255, 255)
THIN = 1.0  # faint guide lines; Qt's raster engine strokes pens up to 1 px on a much faster path


PictureKey = tuple[float, ...]  # what a frame shows, as numbers (see breath_pace)
MOVE = 0.5  # the smallest change worth a frame: half a device pixel
LEVEL = 255.0 * MOVE  # a colour or alpha counts as moved at one whole 8-bit level: pixels hold
# whole levels, so a smaller change often changes no pixel at all


def moved(before: PictureKey | None, after: PictureKey) -> bool:
    """Whether `after` differs visibly from `before` (None: nothing painted yet)."""
    if before is None or len(before) != len(after):
        return True
    return any(abs(a - b) >= MOVE for a, b in zip(before, after, strict=True))


def orb_fraction(frame: Frame) -> float:
    """The orb's diameter relative to the available size."""
    return ORB_EMPTY + ORB_SPAN * frame.level


def square(area: QRectF) -> tuple[QPointF, float]:
    """The centre and the available radius of the largest centred square in `area`."""
    return area.center(), min(area.width(), area.height()) / 2 * ORB_SCALE


def with_alpha(color: QColor, alpha: float) -> QColor:
    """`color` with its alpha multiplied by `alpha` (clamped to 0–1)."""
    # Not a copy then setAlphaF: copying a QColor from Python costs more than both calls here.
    red, green, blue, own = rgb_f(color)
    return QColor.fromRgbF(red, green, blue, min(max(alpha, 0.0), 1.0) * own)


def step_fade(moment: Moment) -> float:
    """0→1 over the first FADE_MS of a step and back over its last (not at session edges)."""
    t, step = moment.time_ms, moment.step
    fade_in = 1.0 if step.start_ms == 0 else (t - step.start_ms) / FADE_MS
    fade_out = 1.0 if moment.session_left_ms == moment.step_left_ms else step.end_ms - t
    fade_out = fade_out if fade_out == 1.0 else fade_out / FADE_MS
    return ease_in_out_sine(min(1.0, fade_in, fade_out))


EDGE = 0.045  # the orb's edge is feathered over ±4.5 % of its radius
_EDGE_STOPS = (-1.0, -0.5, 0.0, 0.5, 1.0)
_HALO_STOPS = (0.1, 0.25, 0.45, 0.7, 1.0)


def paint_glow_disc(
    p: QPainter,
    centre: QPointF,
    radius: float,
    color: QColor,
    glow: float,
    look: tuple[float, float] = (0.14, 0.75),
) -> None:
    """A soft disc: lighter at its heart, a feathered edge, and a halo fading to nothing.

    `look` is (how much lighter the heart is, how far out the lightening reaches) — see `look_of`.

    The alpha profile is one smooth curve (smoothstep across the edge, then a quadratic
    fall-off) sampled at many stops, so no ring or rim shows where two pieces meet.
    """
    paint_glow_at(p, centre.x(), centre.y(), radius, color, glow, look)


def paint_glow_at(
    p: QPainter,
    x: float,
    y: float,
    radius: float,
    color: QColor,
    glow: float,
    look: tuple[float, float] = (0.14, 0.75),
) -> None:
    """`paint_glow_disc` centred at (`x`, `y`), for a caller that has the centre as numbers."""
    outer = radius * HALO
    if outer <= 0:
        return
    gradient = QRadialGradient(x, y, outer)
    gradient.setStops(_glow_stops(color.rgba(), glow, look))
    # The gradient ends fully transparent and pads beyond, so filling the square is the same
    # picture as an ellipse, without the antialiased edge that costs 3–4× as much per frame;
    # and the square is widened to whole pixels, which fills ~8× faster than a fractional one
    # (the widening is transparent: at most a level on a few pixels of the halo's rim).
    left, top = math.floor(x - outer), math.floor(y - outer)
    right, bottom = math.ceil(x + outer), math.ceil(y + outer)
    p.fillRect(QRect(left, top, right - left, bottom - top), gradient)


@functools.lru_cache(maxsize=512)  # a breath glides through a few hundred colours
def _glow_stops(rgba: int, glow: float, look: tuple[float, float]) -> list[tuple[float, QColor]]:
    """The glowing disc's gradient stops for a colour: the same for every size (the halo is a
    fixed multiple of the radius), so a frame whose colour did not change reuses them."""
    color = QColor.fromRgba(rgba)
    red, green, blue, alpha = rgb_f(color)
    heart = mix(color, with_alpha(WHITE, alpha), look[0])
    stops: list[tuple[float, QColor]] = []
    for at, share in _glow_profile(glow, look):  # the colour's share is all a new colour needs
        if share == _HEART:
            stops.append((at, heart))
        elif share == _FULL:
            stops.append((at, color))
        else:
            stops.append((at, QColor.fromRgbF(red, green, blue, share * alpha)))
    return stops


_HEART, _FULL = -1.0, -2.0  # in a glow profile: the light heart and the colour itself


@functools.lru_cache(maxsize=16)
def _glow_profile(glow: float, look: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """The glow's stops as (position, alpha share), in order, for any colour: the smooth edge
    and the halo's fall-off are worked out once per glow, not for each new colour."""
    k = 1 / HALO
    halo_alpha = 0.3 * glow
    profile = [(0.0, _HEART), (k * look[1], _FULL)]
    for u in _EDGE_STOPS:
        smooth = ease_in_out_sine((u + 1) / 2)
        profile.append((k * (1 + EDGE * u), min(max(1 - (1 - halo_alpha) * smooth, 0.0), 1.0)))
    start = k * (1 + EDGE)
    for u in _HALO_STOPS:
        profile.append((start + (1 - start) * u, min(max(halo_alpha * (1 - u) ** 2, 0.0), 1.0)))
    profile.sort(key=lambda stop: stop[0])  # setStops wants them in order (a light heart
    return tuple(profile)  # reaches past the edge's first stop)


@functools.lru_cache(maxsize=4)
def look_of(palette: Palette) -> tuple[float, float]:
    """A faint inner light on dark; on paper a broader, lighter heart, since a flat dark disc
    looks heavy there (the rim keeps the full colour, and with it the 3:1 contrast)."""
    return (0.14, 0.75) if palette.is_dark else (0.4, 0.97)


def hold_glow(moment: Moment) -> float:
    """Holds keep the size; only the glow swells and settles, very slowly and faintly."""
    if moment.kind in (SegmentKind.HOLD_IN, SegmentKind.HOLD_OUT):
        return 0.55 + 0.2 * math.sin(math.pi * moment.progress)
    return 0.55


def paint_orb(p: QPainter, area: QRectF, frame: Frame) -> None:
    """The orb: 40 % of the available size with empty lungs, 90 % full, about 97 % topped up."""
    centre, available = square(area)
    moment = frame.moment
    if moment.kind in BREATH_KINDS:
        # A faint ring where a full breath reaches, so the goal is visible without effort.
        ring = (ORB_EMPTY + ORB_SPAN) * available
        pen = QPen(with_alpha(frame.palette.color("quiet_text"), 0.16 * frame.fade), THIN)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(centre, ring, ring)
    radius = orb_fraction(frame) * available
    paint_glow_disc(p, centre, radius, frame.color, hold_glow(moment), look_of(frame.palette))


def orb_reach(area: QRectF, frame: Frame) -> float:
    """How far from the centre `paint_orb` can touch a pixel: its halo, or the guide ring."""
    _, available = square(area)
    glow = orb_fraction(frame) * available * HALO
    if frame.moment.kind not in BREATH_KINDS:
        return glow
    return max(glow, (ORB_EMPTY + ORB_SPAN) * available + THIN)


def still_reach(area: QRectF) -> float:
    """How far from the centre `paint_still` can touch a pixel: its halo, or the progress arc."""
    _, available = square(area)
    radius = STILL_FRACTION * available
    return max(radius * HALO, radius * _STILL_RING + _still_arc_width(available))


_STILL_RING = 1.22  # the progress arc, as a multiple of the still disc's radius
STILL_STEP_MS = 100  # reduced motion changes ten times a second at most: calm, and cheap


def still_sample(frame: Frame) -> Frame:
    """What reduced motion shows for `frame`: its phase as it was at the last whole step of
    STILL_STEP_MS since the phase began (so a new phase shows at once)."""
    moment, timeline = frame.moment, frame.timeline
    start = moment.segment.start_ms
    sampled = start + (moment.time_ms - start) // STILL_STEP_MS * STILL_STEP_MS
    if timeline is None or sampled == moment.time_ms:
        return frame
    return Frame(timeline.at(sampled), timeline, frame.palette)


def _still_arc_width(available: float) -> float:
    return max(2.0, available * 0.014)


def paint_still(p: QPainter, area: QRectF, frame: Frame) -> None:
    """Reduced motion: a fixed disc that brightens and dims, and a thin phase-progress arc,
    changing in steps of STILL_STEP_MS."""
    frame = still_sample(frame)
    centre, available = square(area)
    moment, palette = frame.moment, frame.palette
    radius = STILL_FRACTION * available
    brightness = 0.45 + 0.55 * min(frame.level, 1.0 + TOP_UP_SIP) / (1.0 + TOP_UP_SIP)
    disc = mix(palette.color("background"), frame.color, brightness)
    paint_glow_disc(p, centre, radius, disc, 0.35, look_of(palette))
    if moment.kind not in BREATH_KINDS:
        return
    ring = radius * _STILL_RING
    width = _still_arc_width(available)
    track = QPen(with_alpha(palette.color("quiet_text"), 0.18), THIN)
    p.setPen(track)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(centre, ring, ring)
    elapsed = moment.segment.duration_ms - moment.phase_left_ms
    # The full arc fades out as a phase ends and the next one fades in, instead of snapping;
    # half the usual fade, so even a one-second top-up shows its arc.
    visible = min(1.0, elapsed / (FADE_MS / 2), moment.phase_left_ms / (FADE_MS / 2))
    pen = QPen(with_alpha(frame.color, ease_in_out_sine(visible)), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    box = QRectF(centre.x() - ring, centre.y() - ring, 2 * ring, 2 * ring)
    p.drawArc(box, 90 * 16, -round(moment.progress * 360 * 16))
