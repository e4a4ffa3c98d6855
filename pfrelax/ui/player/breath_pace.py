"""When the breathing picture changes: its key (what a frame would show, in device pixels and
colour levels), the half-pixel rule for skipping a frame, and how long the picture stays still.

A frame is worth painting only when the picture would differ visibly from the one on screen:
something moved half a device pixel or more, a colour or an alpha moved a whole level, or reduced
motion reached its next step (ten a second, `still_sample`). The key is compared with the key of
the last *painted* frame, so slow motion still arrives, just in fewer, equal steps, and nothing
drifts.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from pfrelax.core.easing import TOP_UP_SIP
from pfrelax.core.timeline import BREATH_KINDS, Moment
from pfrelax.ui.common.theme import mix, rgb_f
from pfrelax.ui.player.breath_path import floor_look
from pfrelax.ui.player.breath_path_layout import path_frame
from pfrelax.ui.player.breath_pelvic import in_pelvic_rep
from pfrelax.ui.player.breath_styles import (
    LEVEL,
    MOVE,
    STILL_STEP_MS,
    BreathStyle,
    Frame,
    PictureKey,
    hold_glow,
    moved,
    orb_fraction,
    square,
    still_sample,
)
from pfrelax.ui.player.breath_wave import wave_look

__all__ = ["LEVEL", "MOVE", "PictureKey", "moved", "picture_key", "words_change_in_ms"]

FRAME_MS = 16  # the frame driver's tick
STILL_LEVELS = 2.0  # the reduced-motion disc brightens in steps this many colour levels apart
ARC_FADE_LEVELS = 8.0  # and fades in and out in steps of this many alpha levels
_ABSENT = -1000.0  # a part of the picture that is not drawn (unlike any real value)


def _levels(color: QColor) -> tuple[float, float, float, float]:
    """The colour's channels, one key unit per two 8-bit levels (see LEVEL)."""
    red, green, blue, alpha = rgb_f(color)  # one call: the key is worked out every frame
    return (red * LEVEL, green * LEVEL, blue * LEVEL, alpha * LEVEL)


def orb_key(area: QRectF, frame: Frame, dpr: float) -> PictureKey:
    """The orb's edge (device px), its colour, the glow's strength and the guide ring's alpha."""
    _, available = square(area)
    moment = frame.moment
    ring = 0.16 * LEVEL * frame.fade if moment.kind in BREATH_KINDS else _ABSENT
    glow = 0.3 * LEVEL * hold_glow(moment)
    radius = orb_fraction(frame) * available * dpr
    return (radius, glow, ring, *_levels(frame.color))


def still_key(area: QRectF, frame: Frame) -> PictureKey:
    """The reduced-motion picture: the disc's colour, the arc's length and fade, all as they
    are at the last step (`still_sample`)."""
    frame = still_sample(frame)
    moment, palette = frame.moment, frame.palette
    brightness = 0.45 + 0.55 * min(frame.level, 1.0 + TOP_UP_SIP) / (1.0 + TOP_UP_SIP)
    disc = mix(palette.color("background"), frame.color, brightness)
    if moment.kind not in BREATH_KINDS:
        return (_ABSENT, *_levels(disc))
    # Any new step of the same phase, or a new phase, is a new picture.
    step = moment.segment_index * 1000 + (moment.time_ms - moment.segment.start_ms) // STILL_STEP_MS
    return (float(step), *_levels(disc))


def path_key(area: QRectF, frame: Frame, dpr: float) -> PictureKey:
    """The path style: the dot and the trail's start, the tide, the colours, the cross-fade."""
    timeline, moment = frame.timeline, frame.moment
    if timeline is not None and in_pelvic_rep(moment):
        fade = frame.fade
        _, tide_y, color = floor_look(area, frame)
        orb = orb_key(area, frame, dpr) if fade < 1.0 else ()
        return (fade * LEVEL, tide_y * dpr, *_levels(color), *orb)
    if timeline is None or moment.kind not in BREATH_KINDS:
        return orb_key(area, frame, dpr)
    fade = frame.fade
    parts = path_frame(area, frame)
    _, begin, here, tide_y = parts.layout
    orb = orb_key(area, frame, dpr) if fade < 1.0 else ()
    return (
        fade * LEVEL,
        begin * dpr,
        here * dpr,
        tide_y * dpr,
        *_levels(frame.color),
        *parts.tide,
        *orb,
    )


def wave_key(area: QRectF, frame: Frame, dpr: float) -> PictureKey:
    """The wave: how far the trace has scrolled (whole device px), the dot's height, its
    colour."""
    if frame.timeline is None:
        return orb_key(area, frame, dpr)
    look = wave_look(area, frame, dpr)
    channels: tuple[float, float, float, float] = look.color.getRgbF()  # type: ignore[assignment]  # the stub says object
    red, green, blue, alpha = channels  # _levels, inline: every frame asks
    return (
        float(look.scroll),
        look.centre_y * dpr,
        red * LEVEL,
        green * LEVEL,
        blue * LEVEL,
        alpha * LEVEL,
    )


def picture_key(
    area: QRectF, frame: Frame, style: BreathStyle, *, reduced: bool, dpr: float
) -> PictureKey:
    """What a frame of `frame` would show, as numbers whose half-unit changes are visible."""
    if reduced:
        return still_key(area, frame)
    if style is BreathStyle.WAVE:
        return wave_key(area, frame, dpr)
    if style is BreathStyle.PATH:
        return path_key(area, frame, dpr)
    return orb_key(area, frame, dpr)


def words_change_in_ms(moment: Moment) -> int:
    """How long until the words or clocks beside the picture change: the phase's seconds count
    and end, and the elapsed clock (all in whole seconds)."""
    waits: Iterable[int] = (
        1000 - moment.time_ms % 1000,
        moment.phase_left_ms % 1000 or 1000,
        moment.phase_left_ms,
        moment.session_left_ms,
    )
    return max(1, min(waits))
