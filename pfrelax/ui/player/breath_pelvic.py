"""The pelvic floor in the wave and path styles: how high their line or tide stands, and its colour.

During a pelvic floor rep the breath is unpaced, so instead of resting the wave's line and the
path's tide follow the floor, calmly: they dip as it lets go, lift a little as it gently draws up
and float back at rest, in the bowl's colours (teal letting go, sand drawing up, lavender at
rest), around the resting breath level. The same `pelvic_level` drives the bowl beneath.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from pfrelax.core.easing import step_resting_level
from pfrelax.core.pelvic import pelvic_level
from pfrelax.core.timeline import PELVIC_KINDS, Moment, Timeline
from pfrelax.ui.common.theme import Palette, mix

DROP = 0.22  # a full release lowers the line this much (of full lungs): calm, not a plunge
LIFT = DROP / 3  # a gentle draw-up lifts it a third as far (as the bowl: never more)


def bowl_color(palette: Palette, level: float) -> QColor:
    """Lavender at rest (where every breath ends), gliding to teal as the floor lets go and to
    sand as it draws up: the breath's own colours, so the two pictures read as one."""
    rest = palette.color("breath_out")
    if level < 0:
        return mix(rest, palette.color("breath_in"), -level)
    return mix(rest, palette.color("hold"), level)


def in_pelvic_rep(moment: Moment) -> bool:
    return moment.kind in PELVIC_KINDS


def floor_line(timeline: Timeline, step_start_ms: int, step_end_ms: int, t_ms: float) -> float:
    """Where the line stands at `t_ms` of a pelvic floor step, in the wave's lung-fullness
    units: the resting breath level, lowered by a release and raised a little by a draw-up."""
    level = pelvic_level(timeline, t_ms)
    swing = DROP * level if level < 0 else LIFT * level
    return step_resting_level(step_start_ms, step_end_ms, t_ms) + swing


def floor_line_at(timeline: Timeline, moment: Moment) -> float:
    step = moment.step
    return floor_line(timeline, step.start_ms, step.end_ms, moment.time_ms)


def floor_color(palette: Palette, timeline: Timeline, t_ms: float) -> QColor:
    return bowl_color(palette, pelvic_level(timeline, t_ms))
