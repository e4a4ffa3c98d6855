"""The pelvic floor picture under the breath: a shallow bowl that drops and widens on a release.

It is shown only for sessions with a pelvic floor or dilator step, and only while one plays: it
fades in over the step's first half second and out over its last. Like the breath view it never
reads a clock; the player hands it each Moment. Its depth comes from the pure
`pelvic_level(timeline, t_ms)` (−1 dropped and wide … 0 at rest … +1 gently drawn up), so a
paused picture is completely still. It repaints only its own small rect, and only when the
picture would change by half a device pixel or a colour level (the breath view's rule).

Reduced motion keeps the bowl's shape fixed: only its colour says what the floor is doing —
teal as it lets go, sand as it draws up, lavender at rest — beside the words, never alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from pfrelax.core.easing import ease_in_out_sine, segment_level
from pfrelax.core.pelvic import pelvic_level
from pfrelax.core.timeline import BREATH_KINDS, PELVIC_KINDS, Moment, Timeline
from pfrelax.ui.common.theme import DARK, Palette
from pfrelax.ui.player.breath_pace import FRAME_MS, PictureKey, moved
from pfrelax.ui.player.breath_pelvic import bowl_color
from pfrelax.ui.player.breath_styles import FADE_MS, STILL_STEP_MS, with_alpha
from pfrelax.ui.player.breath_view import PAUSED_OPACITY

__all__ = ["PELVIC_STEP_KINDS", "PelvicLook", "PelvicView", "has_pelvic_steps", "presence"]

PELVIC_STEP_KINDS = frozenset({"pelvic_floor", "dilator"})
BREATH_DROP = 0.6  # how far the floor drops with a full in-breath in a dilator step
HEIGHT_EM = 4.0  # the picture's height, in lines of body text: calm and small beside the breath
_DESCRIPTION = (
    "A shallow bowl for the pelvic floor: it drops and widens as you let go, lifts a little "
    "when you gently draw up, and rests in between."
)
_REDUCED_DESCRIPTION = (
    "A still bowl for the pelvic floor: teal as you let go, sand when you gently draw up, "
    "lavender at rest."
)


def has_pelvic_steps(timeline: Timeline | None) -> bool:
    """Whether the session has a step the pelvic floor picture belongs to."""
    return timeline is not None and any(step.kind in PELVIC_STEP_KINDS for step in timeline.steps)


def level_at(timeline: Timeline, moment: Moment) -> float:
    """−1 dropped … +1 drawn up. A pelvic floor rep follows `pelvic_level`; in a dilator step
    the floor moves with the breath (CLINICAL.md §2): down and wide as the belly rises, floating
    back as it falls."""
    if moment.kind in PELVIC_KINDS:
        return pelvic_level(timeline, moment.time_ms)
    if moment.kind in BREATH_KINDS:
        return -BREATH_DROP * min(segment_level(moment.segment, moment.time_ms), 1.0)
    return 0.0


def presence(timeline: Timeline, moment: Moment) -> float:
    """0–1: how visible the picture is — eased in over a pelvic step's first FADE_MS, out over
    its last (not between two such steps, where it stays), and 0 outside such steps."""
    step, steps = moment.step, timeline.steps
    if step.kind not in PELVIC_STEP_KINDS or moment.finished:
        return 0.0
    joined_before = step.index > 0 and steps[step.index - 1].kind in PELVIC_STEP_KINDS
    joined_after = step.index + 1 < len(steps) and steps[step.index + 1].kind in PELVIC_STEP_KINDS
    into = 1.0 if joined_before else (moment.time_ms - step.start_ms) / FADE_MS
    left = 1.0 if joined_after else (step.end_ms - moment.time_ms) / FADE_MS
    return ease_in_out_sine(min(1.0, into, left))


@dataclass(frozen=True, slots=True)
class PelvicLook:
    """Everything one painted bowl depends on: its level, how visible it is, and its colour."""

    level: float  # −1 dropped and widened … +1 drawn up
    alpha: float  # 0–1, the fade in and out at the step's edges
    color: QColor

    @staticmethod
    def of(moment: Moment, timeline: Timeline, palette: Palette, *, reduced: bool) -> PelvicLook:
        shown = presence(timeline, moment)
        if reduced:
            # Like the still disc: the colour changes in steps of STILL_STEP_MS, the shape never.
            start = moment.segment.start_ms
            sampled = start + (moment.time_ms - start) // STILL_STEP_MS * STILL_STEP_MS
            moment = timeline.at(sampled)
        level = level_at(timeline, moment) if shown > 0 else 0.0
        return PelvicLook(0.0 if reduced else level, shown, bowl_color(palette, level))


@dataclass(frozen=True, slots=True)
class BowlGeometry:
    left: QPointF  # the rims: the sit bones, drifting apart as the floor widens
    right: QPointF
    bottom: float  # the lowest point of the bowl's curve
    width: float  # the stroke


def bowl_geometry(area: QRectF, level: float) -> BowlGeometry:
    """Rims and depth for `level`: a release drops the bowl and widens it; a gentle
    contraction lifts it a little and makes it shallower (never more than a third of a drop)."""
    height = area.height()
    drop, lift = max(-level, 0.0), max(level, 0.0)
    half = min(area.width() * 0.3, height * 1.8) * (1.0 + 0.22 * drop - 0.06 * lift)
    rim = area.top() + height * (0.24 - 0.12 * lift)
    depth = height * (0.18 + 0.5 * drop - 0.06 * lift)
    centre = area.center().x()
    width = max(2.0, height * 0.07)
    return BowlGeometry(
        QPointF(centre - half, rim), QPointF(centre + half, rim), rim + depth, width
    )


def paint_bowl(p: QPainter, area: QRectF, look: PelvicLook) -> None:
    """The bowl: a soft wash inside, a rounded stroke, and a small dot at each rim."""
    if look.alpha <= 0:
        return
    g = bowl_geometry(area, look.level)
    curve = QPainterPath(g.left)
    # A cubic whose lowest point is `bottom`: both controls sit 4/3 of the depth below the rims.
    below = g.left.y() + (g.bottom - g.left.y()) * 4 / 3
    span = g.right.x() - g.left.x()
    curve.cubicTo(
        QPointF(g.left.x() + span * 0.12, below), QPointF(g.right.x() - span * 0.12, below), g.right
    )
    wash = QPainterPath(curve)
    wash.closeSubpath()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(with_alpha(look.color, 0.18 * look.alpha))
    p.drawPath(wash)
    pen = QPen(with_alpha(look.color, look.alpha), g.width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(curve)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(with_alpha(look.color, look.alpha))
    for rim in (g.left, g.right):
        p.drawEllipse(rim, g.width * 1.1, g.width * 1.1)


def look_key(area: QRectF, look: PelvicLook, dpr: float) -> PictureKey:
    """The bowl's depth and rims in device pixels, its colour and alpha in whole levels."""
    g = bowl_geometry(area, look.level)
    levels = 255.0 * 0.5
    return (
        g.bottom * dpr,
        g.left.x() * dpr,
        g.left.y() * dpr,
        look.alpha * levels,
        look.color.redF() * levels,
        look.color.greenF() * levels,
        look.color.blueF() * levels,
    )


class PelvicView(QWidget):
    """The pelvic floor picture: a short strip under the breath, for pelvic sessions only."""

    def __init__(self, parent: QWidget | None = None, *, palette: Palette = DARK) -> None:
        super().__init__(parent)
        self._palette = palette
        self._reduced = False
        self._timeline: Timeline | None = None
        self._moment: Moment | None = None
        self._paused = False
        self._painted_key: PictureKey | None = None
        self._painted_look: PelvicLook | None = None
        self._painted_moment: Moment | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        # Up to HEIGHT_EM tall; in a short window (200 %) it gives way, down to half that.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self._height = round(self.fontMetrics().height() * HEIGHT_EM)
        self.setAccessibleName("Letting-go picture")
        self.setAccessibleDescription(_DESCRIPTION)
        self.hide()

    # -- what to show ------------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline | None) -> None:
        """Shown (its height kept for the whole session, so nothing jumps) only when the session
        has a pelvic floor or dilator step."""
        self._timeline = timeline
        self._moment = None
        self._painted_key = None
        self.setVisible(has_pelvic_steps(timeline))
        self.update()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self._painted_key = None
        self.update()

    def set_reduced_motion(self, reduced: bool) -> None:
        self._reduced = reduced
        self._painted_key = None
        self.setAccessibleDescription(_REDUCED_DESCRIPTION if reduced else _DESCRIPTION)
        self.update()

    def show_moment(self, moment: Moment, *, paused: bool = False, now: bool = False) -> None:
        """Paint `moment`'s bowl, if it differs visibly from the one on screen."""
        if paused != self._paused:
            self._painted_key = None
        self._moment, self._paused = moment, paused
        if not self.isVisible() or self._timeline is None:
            return
        if not moved(self._painted_key, self._key_of(moment)):
            return
        if now:
            self.repaint()
        else:
            self.update()

    @property
    def painted_look(self) -> PelvicLook | None:
        """What the picture on screen shows (None before its first paint)."""
        return self._painted_look

    @property
    def painted_moment(self) -> Moment | None:
        """The moment whose bowl was painted last (tests wait on it)."""
        return self._painted_moment

    def still_for_ms(self, limit_ms: int) -> int:
        """How long (whole frames, at most `limit_ms`) the bowl on screen stays as it is."""
        moment, timeline = self._moment, self._timeline
        if moment is None or timeline is None or not self.isVisible() or self._paused:
            return limit_ms
        ahead = FRAME_MS
        while ahead < limit_ms:
            if moved(self._painted_key, self._key_of(timeline.at(moment.time_ms + ahead))):
                return ahead
            ahead += FRAME_MS
        return limit_ms

    # -- Qt ----------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(self._height * 4, self._height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._height * 2, self._height // 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._painted_key = None
        super().resizeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            area = QRectF(self.rect())
            painter.fillRect(area, self._palette.color("background"))
            if self._paused:
                painter.setOpacity(PAUSED_OPACITY)
            look = self._look(self._moment)
            if look is not None:
                paint_bowl(painter, area, look)
            self._painted_look, self._painted_moment = look, self._moment
            self._painted_key = self._key_of(self._moment) if self._moment else None
        finally:
            painter.end()

    def _look(self, moment: Moment | None) -> PelvicLook | None:
        if moment is None or self._timeline is None:
            return None
        return PelvicLook.of(moment, self._timeline, self._palette, reduced=self._reduced)

    def _key_of(self, moment: Moment) -> PictureKey:
        look = self._look(moment)
        if look is None:
            return ()
        return look_key(QRectF(self.rect()), look, self.devicePixelRatioF())
