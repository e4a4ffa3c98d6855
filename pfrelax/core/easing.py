"""Breath-like easing and lung fullness over time, shared by every breathing animation.

Each phase is one continuous movement that slows as the lungs fill and empty (VISUAL.md):
an ease-in-out sine, never linear. `segment_level` is continuous across every boundary of a
compiled timeline, so an animation driven by it never jumps.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pfrelax.core.timeline import PELVIC_KINDS, Moment, Segment, SegmentKind

TOP_UP_SIP = 0.14
"""How much fuller the lungs get on a top-up sip (an orb at 90 % swells to about 97 %)."""

REST_LEVEL = 0.3
"""Fullness shown while speaking or resting: a calm, half-sized orb."""

REST_RAMP_MS = 3000
"""How long a speak or rest step takes to settle from empty to its resting level, and back."""

REST_SWAY = 0.04
REST_SWAY_PERIOD_MS = 16_000
"""A very slow, shallow sway so a long narration does not look frozen."""


def ease_in_out_sine(x: float) -> float:
    """0→1 with zero speed at both ends; `x` is clamped to 0–1."""
    x = min(max(x, 0.0), 1.0)
    return 0.5 - 0.5 * math.cos(math.pi * x)


def segment_level(segment: Segment, t_ms: float, peak: float = 1.0) -> float:
    """Lung fullness (0 empty, 1 full, up to 1 + TOP_UP_SIP) at `t_ms` within `segment`.

    `peak` is the fullness this cycle reaches before the exhale: 1, or 1 + TOP_UP_SIP when
    the cycle has a top-up (see `cycle_peak`).
    """
    duration = segment.duration_ms
    elapsed = min(max(t_ms - segment.start_ms, 0.0), float(duration))
    progress = elapsed / duration if duration > 0 else 1.0
    kind = segment.kind
    if kind is SegmentKind.INHALE:
        return ease_in_out_sine(progress)
    if kind is SegmentKind.TOP_UP:
        return 1.0 + TOP_UP_SIP * ease_in_out_sine(progress)
    if kind is SegmentKind.HOLD_IN:
        return peak
    if kind is SegmentKind.EXHALE:
        return peak * (1.0 - ease_in_out_sine(progress))
    if kind is SegmentKind.HOLD_OUT:
        return 0.0
    return _resting_level(elapsed, duration, t_ms)


def _resting_level(elapsed: float, duration: int, t_ms: float) -> float:
    """Settle from empty to REST_LEVEL and back at the edges, so step changes glide."""
    ramp = min(REST_RAMP_MS, duration / 2)
    envelope = 1.0 if ramp <= 0 else min(1.0, elapsed / ramp, (duration - elapsed) / ramp)
    sway = REST_SWAY * math.sin(2 * math.pi * t_ms / REST_SWAY_PERIOD_MS)
    return ease_in_out_sine(envelope) * (REST_LEVEL + sway)


def cycle_peak(segments: Sequence[Segment], index: int) -> float:
    """1 + TOP_UP_SIP if the breath holding `segments[index]` has a top-up before it, else 1.

    Looks back over at most one cycle (five segments), so it is O(1).
    """
    segment = segments[index]
    for back in range(index, max(index - 5, -1), -1):
        other = segments[back]
        if other.step != segment.step or other.cycle != segment.cycle:
            break
        if other.kind is SegmentKind.TOP_UP:
            return 1.0 + TOP_UP_SIP
    return 1.0


def cycle_segments(segments: Sequence[Segment], index: int) -> Sequence[Segment]:
    """The segments of the breath (cycle) that holds `segments[index]`; O(1).

    A speak or rest segment is its own "cycle".
    """
    segment = segments[index]
    if segment.cycle is None:
        return segments[index : index + 1]
    first = index
    while first > 0 and _same_cycle(segments[first - 1], segment):
        first -= 1
    last = index
    while last + 1 < len(segments) and _same_cycle(segments[last + 1], segment):
        last += 1
    return segments[first : last + 1]


def _same_cycle(a: Segment, b: Segment) -> bool:
    return a.step == b.step and a.cycle == b.cycle


def breath_level(moment: Moment, peak: float = 1.0) -> float:
    """Lung fullness for a Moment; pass `cycle_peak(...)` as `peak` when the cycle may top up.

    In a pelvic floor step the breath is unpaced: the resting level over the whole step, so the
    picture stays calm across its many short segments instead of settling at each one.
    """
    if moment.kind in PELVIC_KINDS:
        return step_resting_level(moment.step.start_ms, moment.step.end_ms, moment.time_ms)
    return segment_level(moment.segment, moment.time_ms, peak)


def step_resting_level(start_ms: int, end_ms: int, t_ms: float) -> float:
    """The resting level (`REST_LEVEL` with its sway) over a whole unpaced step."""
    elapsed = min(max(t_ms - start_ms, 0.0), float(end_ms - start_ms))
    return _resting_level(elapsed, end_ms - start_ms, t_ms)
