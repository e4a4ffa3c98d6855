"""What a pelvic floor step says and shows: its captions, and the pelvic level at any moment.

The level is a calm, continuous number for the player's second visual: −1 dropped and widened
(a full release), 0 resting, +1 the gentle lift of a contraction. Each pelvic floor segment glides
(ease in and out) from where the one before it ended to its own level: a contraction to +1, a
release to −1, a rest back to 0. Outside pelvic floor steps the level is 0.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from pfrelax.core.segments import PELVIC_KINDS, Segment, SegmentKind
from pfrelax.core.session import PelvicFloorStep, PelvicKind

if TYPE_CHECKING:  # the timeline lays pelvic floor steps out with this module's captions
    from pfrelax.core.timeline import Timeline

SOFTEN = "Soften and let go"
DRAW_UP = "Gently draw up — about a third"
LET_GO = "Let go completely"
NOTHING_TO_DO = "Nothing to do now"

LEVELS = {SegmentKind.PF_CONTRACT: 1.0, SegmentKind.PF_RELEASE: -1.0, SegmentKind.PF_REST: 0.0}


def draw_up_caption(effort: int) -> str:
    """ "Gently draw up — about a third" at the default 30 %, in words for other efforts."""
    if effort <= 20:
        amount = "just a little"
    elif effort <= 40:
        return DRAW_UP
    elif effort <= 55:
        amount = "about half"
    else:
        amount = "about two thirds"
    return f"Gently draw up — {amount}"


def pelvic_caption(step: PelvicFloorStep, kind: SegmentKind) -> str:
    """The line shown for one part of a rep: the step's own prompt, else the default."""
    if kind is SegmentKind.PF_CONTRACT:
        return step.prompts.contract or draw_up_caption(step.effort)
    if kind is SegmentKind.PF_RELEASE:
        default = SOFTEN if step.pelvic_kind is PelvicKind.RELEASE else LET_GO
        return step.prompts.release or default
    return step.prompts.rest or NOTHING_TO_DO


def _ease(x: float) -> float:
    x = min(max(x, 0.0), 1.0)
    return 0.5 - 0.5 * math.cos(math.pi * x)


def _level_before(segments: tuple[Segment, ...], index: int) -> float:
    """Where the segment at `index` starts from: the level its predecessor in the step ended at."""
    if index == 0:
        return 0.0
    before = segments[index - 1]
    if before.step != segments[index].step or before.kind not in PELVIC_KINDS:
        return 0.0
    return LEVELS[before.kind]


def pelvic_level(timeline: Timeline, t_ms: float) -> float:
    """The pelvic floor's level at `t_ms`: −1 released … 0 resting … +1 gently lifted. O(log n)."""
    index = timeline.segment_index_at(int(t_ms))
    segment = timeline.segments[index]
    if segment.kind not in PELVIC_KINDS:
        return 0.0
    start = _level_before(timeline.segments, index)
    end = LEVELS[segment.kind]
    duration = segment.duration_ms
    progress = (t_ms - segment.start_ms) / duration if duration > 0 else 1.0
    return start + (end - start) * _ease(progress)
