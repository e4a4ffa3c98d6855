"""The breathing animation: paints whatever Moment the player hands it, in the chosen style.

The view never reads a clock. The player calls `show_moment(timeline.at(now))` each frame and
the view paints exactly that moment; `painted_moment` tells tests and the frame benchmark
which moment reached the screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from pfrelax.core.timeline import Moment, Timeline
from pfrelax.ui.common.theme import DARK, Palette
from pfrelax.ui.player.breath_pace import FRAME_MS, PictureKey, moved, picture_key
from pfrelax.ui.player.breath_path import paint_path, path_change_bounds, path_reach
from pfrelax.ui.player.breath_path_layout import Bounds
from pfrelax.ui.player.breath_styles import (
    HALO,
    ORB_EMPTY,
    ORB_SCALE,
    STILL_FRACTION,
    STILL_STEP_MS,
    BreathStyle,
    Frame,
    orb_fraction,
    orb_reach,
    paint_glow_disc,
    paint_orb,
    paint_still,
    still_reach,
)
from pfrelax.ui.player.breath_wave import paint_wave, wave_band, wave_change_bounds

__all__ = ["BreathStyle", "BreathView"]

PAUSED_OPACITY = 0.7  # a paused picture dims a little; the player says "Paused" in words

_PAINTERS: dict[BreathStyle, Callable[[QPainter, QRectF, Frame, float], None]] = {
    BreathStyle.ORB: lambda p, area, frame, _dpr: paint_orb(p, area, frame),
    BreathStyle.WAVE: paint_wave,
    BreathStyle.PATH: paint_path,
}

_DESCRIPTIONS = {
    BreathStyle.ORB: "A soft circle grows as you breathe in, rests while you hold, "
    "and shrinks as you breathe out.",
    BreathStyle.WAVE: "A line rises as you breathe in, stays level while you hold, and falls "
    "as you breathe out; the next breaths are shown ahead.",
    BreathStyle.PATH: "A dot travels around a rounded box: up the left side as you breathe in, "
    "across the top while you hold, down the right as you breathe out.",
}
_REDUCED_DESCRIPTION = (
    "A still circle brightens as you breathe in and dims as you breathe out; "
    "a thin ring fills as each phase passes."
)


def _centred_square(area: QRectF, reach: float) -> QRectF:
    centre = area.center()
    return QRectF(centre - QPointF(reach, reach), centre + QPointF(reach, reach))


class BreathView(QWidget):
    """QPainter-only breathing animation (orb, wave or path), round and centred at any size."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        palette: Palette = DARK,
        style: BreathStyle = BreathStyle.ORB,
    ) -> None:
        super().__init__(parent)
        self._palette = palette
        self._background = palette.color("background")  # filled under most frames
        self._style = style
        self._reduced_motion = False
        self._timeline: Timeline | None = None
        self._moment: Moment | None = None
        self._paused = False
        self._painted: Moment | None = None
        self._on_screen: Moment | None = None
        # The Frame the picture on screen shows, and whether there is a picture at all: a frame
        # repaints only where the picture on screen and the next one reach (`_extent`), not the
        # whole view; where the one on screen reaches is worked out only when asked.
        self._painted_frame: Frame | None = None
        self._painted_any = False
        self._frame: Frame | None = None  # the moment's Frame, kept for reach and paint
        # What the picture on screen shows (breath_pace): a moment whose picture would differ
        # by less than half a device pixel is not painted again.
        self._painted_key: PictureKey | None = None
        self._keyed: tuple[Frame, PictureKey] | None = None  # the last key worked out, by frame
        self._extent_of: tuple[Frame | None, QRectF | None] | None = None  # the same, for extents
        self._skipped = False  # whether the last moment shown needed no frame (slow motion)
        # The view's rectangle (logical and whole pixels) and device pixel ratio, asked for
        # several times a frame: each ask of Qt costs microseconds, so they are kept until a
        # resize, a show or a new ratio.
        self._geometry: tuple[QRectF, QRect, float] | None = None
        self._size_px = (0, 0)  # the rectangle's width and height, kept with it
        # Every pixel is painted each frame, so Qt need not clear the background first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Breathing animation")
        self._describe()

    # -- what to show ------------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline | None) -> None:
        """The session being played; the wave and path styles read the breaths around now."""
        self._timeline = timeline
        self._painted = self._on_screen = None
        self._painted_key = self._keyed = self._extent_of = None
        self.update()

    def show_moment(
        self, moment: Moment | None, *, paused: bool = False, now: bool = False
    ) -> None:
        """Paint `moment` on the next frame (`now`: at once); an unchanged moment costs nothing.

        Only the part of the view that changes is repainted: for the orb, the square it was
        and will be in.
        """
        shown = self._moment
        if paused == self._paused and (
            moment is shown
            or (moment is not None and shown is not None and moment.same_instant(shown))
        ):
            return
        if paused != self._paused:
            self._painted_key = self._keyed = self._extent_of = None
        self._moment = moment
        self._paused = paused
        key = self._key()
        self._skipped = key is not None and not moved(self._painted_key, key)
        if self._skipped:
            # The picture on screen already is this moment's, to within half a pixel.
            self._on_screen = moment
            return
        changed = self._changed_rect()
        if now and self.isVisible():
            self.repaint(changed)
        else:
            self.update(changed)

    def set_style(self, style: BreathStyle) -> None:
        self._style = BreathStyle(style)
        self._painted_key = self._keyed = self._extent_of = None
        self._describe()
        self.update()

    def style_name(self) -> BreathStyle:
        return self._style

    def set_reduced_motion(self, reduced: bool) -> None:
        """No size or position changes: a still disc that brightens, and a thin progress arc."""
        self._reduced_motion = reduced
        self._painted_key = self._keyed = self._extent_of = None
        self._describe()
        self.update()

    def reduced_motion(self) -> bool:
        return self._reduced_motion

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self._background = palette.color("background")
        self._painted_key = self._keyed = self._extent_of = None
        self.update()

    def breath_palette(self) -> Palette:
        return self._palette

    @property
    def painted_moment(self) -> Moment | None:
        """The last Moment actually painted (None before the first paint of a moment)."""
        return self._painted

    @property
    def on_screen_moment(self) -> Moment | None:
        """The Moment the picture on screen shows: the last painted, or a later one whose
        picture differs from it by less than half a pixel (so it was not painted again)."""
        return self._on_screen

    @property
    def moved_a_step(self) -> bool:
        """Whether the last moment shown moved the picture a visible step (it was painted), so
        the next frame will move it too: `still_for_ms` is one frame, without working it out.
        Not in reduced motion, whose steps come at their own pace."""
        return not self._skipped and not self._reduced_motion

    def size_fraction(self) -> float:
        """The orb's diameter relative to the available size, for the moment being shown.

        The same figure the orb style paints; fixed at the still disc's size in reduced motion.
        """
        if self._reduced_motion:
            return STILL_FRACTION
        frame = self._current_frame()
        if frame is None:
            return ORB_EMPTY
        return orb_fraction(frame)

    # -- Qt ----------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(480, 480)

    def minimumSizeHint(self) -> QSize:
        # Small on purpose: on a small screen at 200 % the words and controls need the room,
        # and the picture takes all the rest anyway (it expands).
        return QSize(48, 48)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            area, _, dpr = self._geometry_now()
            moment = self._moment
            frame = self._current_frame()
            # The path sets antialiasing itself (its tide is filled without, first): each
            # setting passes an enum through the binding, at a few calls each.
            if frame is None or self._reduced_motion or self._style is not BreathStyle.PATH:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            if not self._paints_background(frame):
                painter.fillRect(area, self._background)
            if self._paused:
                painter.setOpacity(PAUSED_OPACITY)
            if frame is None:
                self._paint_idle(painter, area)
            else:
                if self._reduced_motion:
                    paint_still(painter, area, frame)
                elif self._style is BreathStyle.WAVE:
                    # Only what reaches the part repainted is drawn (the stub says object).
                    rect: tuple[int, int, int, int] = event.rect().getRect()  # type: ignore[assignment]
                    x, y, width, height = rect
                    paint_wave(painter, area, frame, dpr, (x, y, x + width, y + height))
                else:
                    _PAINTERS[self._style](painter, area, frame, dpr)
            self._painted = self._on_screen = moment
            self._painted_frame = frame
            self._painted_any = True
            self._painted_key = self._key()
        finally:
            painter.end()

    def _paints_background(self, frame: Frame | None) -> bool:
        """Whether the style paints the background itself (the wave's backdrop is cached)."""
        return (
            frame is not None
            and frame.timeline is not None
            and not self._reduced_motion
            and not self._paused
            and self._style is BreathStyle.WAVE
        )

    def _paint_idle(self, painter: QPainter, area: QRectF) -> None:
        """Before a session starts: a small resting orb in the out-breath colour."""
        color = self._palette.color("breath_out")
        paint_glow_disc(painter, area.center(), self._idle_radius(area), color, 0.5)

    def _idle_radius(self, area: QRectF) -> float:
        radius = (STILL_FRACTION if self._reduced_motion else ORB_EMPTY) * ORB_SCALE
        return radius * min(area.width(), area.height()) / 2

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A new size paints everything anew.
        self._painted_key = self._keyed = self._extent_of = self._geometry = None
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._geometry = None  # perhaps on another screen now
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.DevicePixelRatioChange:  # moved to another screen
            self._painted_key = self._keyed = self._extent_of = self._geometry = None
            self.update()
        super().changeEvent(event)

    def _geometry_now(self) -> tuple[QRectF, QRect, float]:
        """The view's rectangle (logical, and in whole pixels) and its device pixel ratio."""
        geometry = self._geometry
        if geometry is None:
            rect = self.rect()
            geometry = self._geometry = (QRectF(rect), rect, self.devicePixelRatioF())
            self._size_px = (rect.width(), rect.height())
        return geometry

    def still_for_ms(self, limit_ms: int) -> int:
        """How long (in whole frames, at most `limit_ms`) the picture on screen stays what the
        coming moments would paint, so the frame driver can sleep that long.

        Worked out by looking ahead one frame at a time: a moving picture answers after one.
        """
        moment, timeline, key = self._moment, self._timeline, self._painted_key
        if moment is None or timeline is None or key is None or self._paused:
            return FRAME_MS
        if self._reduced_motion:
            # Reduced motion changes only at its steps (still_sample): sleep to the frame after
            # the next one, or the phase's end.
            into = moment.time_ms - moment.segment.start_ms
            wait = min(STILL_STEP_MS - into % STILL_STEP_MS, moment.phase_left_ms, limit_ms)
            return max(1, -(-wait // FRAME_MS)) * FRAME_MS
        if not self._skipped:
            return FRAME_MS  # it moved a visible step in one frame: it will move in the next
        ahead = FRAME_MS
        while ahead + FRAME_MS <= limit_ms:
            coming = Frame(timeline.at(moment.time_ms + ahead), timeline, self._palette)
            if moved(key, self._key_of(coming)):
                break
            ahead += FRAME_MS
        return ahead

    def _key(self) -> PictureKey | None:
        """The key of the moment shown, worked out once however often it is asked for."""
        frame = self._current_frame()
        if frame is None:
            return None
        if self._keyed is None or self._keyed[0] is not frame:
            self._keyed = (frame, self._key_of(frame))
        return self._keyed[1]

    def _key_of(self, frame: Frame) -> PictureKey:
        area, _, dpr = self._geometry_now()
        return picture_key(area, frame, self._style, reduced=self._reduced_motion, dpr=dpr)

    def _extent(self) -> QRectF | None:
        """Where the current picture can touch a pixel: a centred square for the orb, the path
        and the still disc, the band of rows the wave runs in; None: anywhere. Worked out once
        per frame (the dirty rectangle and the paint both ask)."""
        frame = self._current_frame()
        known = self._extent_of
        if known is None or known[0] is not frame or frame is None:
            known = self._extent_of = (frame, self._extent_of_frame(frame))
        return known[1]

    def _painted_extent(self) -> QRectF | None:
        """Where the picture on screen reaches (None: anywhere, or nothing painted yet)."""
        if not self._painted_any:
            return None
        frame, known = self._painted_frame, self._extent_of
        if known is not None and known[0] is frame and frame is not None:
            return known[1]  # worked out for it before it was painted
        return self._extent_of_frame(frame)

    def _extent_of_frame(self, frame: Frame | None) -> QRectF | None:
        area = self._geometry_now()[0]
        if frame is None:
            return _centred_square(area, self._idle_radius(area) * HALO)
        if self._reduced_motion:
            return _centred_square(area, still_reach(area))
        if self._style is BreathStyle.ORB:
            return _centred_square(area, orb_reach(area, frame))
        if self._style is BreathStyle.PATH:
            return _centred_square(area, path_reach(area, frame))
        if frame.timeline is not None:
            return wave_band(area)
        return None

    def _current_frame(self) -> Frame | None:
        """The Frame of the moment shown, built once however often it is asked for."""
        moment, frame = self._moment, self._frame
        if moment is None:
            return None
        if (
            frame is None
            or frame.moment is not moment
            or frame.timeline is not self._timeline
            or frame.palette is not self._palette
        ):
            frame = self._frame = Frame(moment, self._timeline, self._palette)
        return frame

    def _changed_rect(self) -> QRect:
        """The part of the view holding both the picture on screen and the one to paint next."""
        rect = self._geometry_now()[1]
        # The moved parts first: when only they changed (most frames of the wave and the path),
        # the extents are not needed.
        changed = self._moved_part()
        if changed is None:
            before, after = self._painted_extent(), self._extent()
            if before is None or after is None:
                return rect
            changed = before.united(after).getCoords()  # type: ignore[assignment]  # stub: object
        assert changed is not None  # (for mypy: set just above)
        # Antialiased edges spill into the next pixel; whole pixels, within the view (the
        # arithmetic of QRectF.adjusted, toAlignedRect and intersected, without three calls).
        left, top = max(math.floor(changed[0] - 2), 0), max(math.floor(changed[1] - 2), 0)
        width, height = self._size_px  # (set with rect)
        right = min(math.ceil(changed[2] + 2), width)
        bottom = min(math.ceil(changed[3] + 2), height)
        if right <= left or bottom <= top:
            return QRect()
        return QRect(left, top, right - left, bottom - top)

    def _moved_part(self) -> Bounds | None:
        """For the wave and path, the parts that moved since the painted frame, when only the
        dot, its trail or the tide's top did (None: the whole extent)."""
        before, after = self._painted_frame, self._current_frame()
        if before is None or after is None or self._painted_key is None:
            return None
        if self._reduced_motion or self._paused:
            return None
        area, _, dpr = self._geometry_now()
        if self._style is BreathStyle.WAVE:
            return wave_change_bounds(area, before, after, dpr)
        if self._style is BreathStyle.PATH:
            return path_change_bounds(area, before, after)
        return None

    def _describe(self) -> None:
        description = _REDUCED_DESCRIPTION if self._reduced_motion else _DESCRIPTIONS[self._style]
        self.setAccessibleDescription(description)
