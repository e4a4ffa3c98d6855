"""Patient-paced stages: a stay that breathes on, whole breath by whole breath, until Continue.

A compiled timeline holds each paced stage at its minimum. While the person has not pressed
Continue and the position reaches the stage's end, whole cycles are appended (a new, equally
exact timeline in which everything after the stage is exactly those cycles later), up to the
stage's maximum. How many cycles are appended is a pure function of the position reached, so a
late or missed tick, a pause or a stalled GUI can never change what is heard or seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pfrelax.core.segments import Caption, PacedStage, Segment, StepSpan

if TYPE_CHECKING:  # the timeline builds on this module; only its methods are used here
    from pfrelax.core.timeline import Timeline

TimelineParts = tuple[
    tuple[Segment, ...], tuple[StepSpan, ...], tuple[Caption, ...], tuple[PacedStage, ...]
]


def extend_stage(
    segments: Sequence[Segment],
    steps: Sequence[StepSpan],
    captions: Sequence[Caption],
    stages: Sequence[PacedStage],
    stage_index: int,
    n: int,
) -> TimelineParts:
    """The timeline's parts with `n` whole cycles added to (or, n < 0, taken from) a stage."""
    stage = stages[stage_index]
    if not stage.min_cycles <= stage.cycles + n <= stage.max_cycles:
        raise ValueError(
            f"a paced stage runs {stage.min_cycles}–{stage.max_cycles} cycles; "
            f"it has {stage.cycles}, so {n:+d} is out of range"
        )
    shift = n * stage.cycle_ms
    end = stage.end_ms
    inside = [s for s in segments if stage.start_ms <= s.start_ms < end]
    last_cycle = inside[-1].cycle or 0
    template = [s for s in inside if s.cycle == last_cycle]
    kept = [s for s in segments if s.start_ms < end + min(shift, 0)]
    added = [s.shifted((k + 1) * stage.cycle_ms, k + 1) for k in range(max(n, 0)) for s in template]
    later = [
        s.shifted(shift, n if s.step == stage.step else 0) for s in segments if s.start_ms >= end
    ]
    new_segments = (*kept, *added, *later)
    return (
        new_segments,
        tuple(_shift_step(span, stage, end, shift, n) for span in steps),
        tuple(
            Caption(c.start_ms + shift, c.end_ms + shift, c.text) if c.start_ms >= end else c
            for c in captions
        ),
        tuple(
            _shift_stage(other, index, stage_index, end, shift, n)
            for index, other in enumerate(stages)
        ),
    )


def _shift_step(span: StepSpan, stage: PacedStage, end: int, shift: int, n: int) -> StepSpan:
    if span.index == stage.step:
        return replace(span, end_ms=span.end_ms + shift, cycles=span.cycles + n)
    if span.start_ms >= end:
        return replace(span, start_ms=span.start_ms + shift, end_ms=span.end_ms + shift)
    return span


def _shift_stage(
    other: PacedStage, index: int, stage_index: int, end: int, shift: int, n: int
) -> PacedStage:
    if index == stage_index:
        return replace(other, end_ms=other.end_ms + shift, extra_cycles=other.extra_cycles + n)
    if other.start_ms >= end:
        return replace(
            other,
            start_ms=other.start_ms + shift,
            end_ms=other.end_ms + shift,
            offer_ms=other.offer_ms + shift,
        )
    return other


def cycles_to_reach(stage: PacedStage, position_ms: int) -> int:
    """How many cycles to append so that `position_ms` lies inside the stage again (0 when it
    already does or lies before it), never past the stage's maximum."""
    if position_ms < stage.end_ms:
        return 0
    # At exactly the end one more cycle is needed: the position is then that cycle's start.
    wanted = (position_ms - stage.end_ms) // stage.cycle_ms + 1
    return min(wanted, stage.max_cycles - stage.cycles)


@dataclass(frozen=True, slots=True)
class StageWait:
    """What the player shows about the paced stage at the current position."""

    stage_index: int
    stage: PacedStage
    offered: bool  # Continue may be pressed (the minimum stay has passed)
    continued: bool  # Continue was pressed: the current breath is the last
    waiting: bool  # the position is in a cycle appended while waiting
    at_limit: bool  # the stage has reached its maximum and will end on its own


class PacedWaits:
    """Which paced stages the person has released with Continue; what the transport asks.

    Each method takes the current timeline and position and returns a new timeline when the
    stage layout must change, else None. Continue ends a stage after the breath in progress.
    """

    def __init__(self) -> None:
        self._continued: set[int] = set()

    def reached(self, timeline: Timeline, position_ms: int) -> Timeline | None:
        """Append whole cycles to an open stage whose end the position has reached."""
        for index, stage in enumerate(timeline.paced_stages):
            if index in self._continued or position_ms < stage.start_ms:
                continue
            extra = cycles_to_reach(stage, position_ms)
            if extra > 0:
                return timeline.with_extra_cycles(index, extra)
        return None

    def continue_stage(self, timeline: Timeline, position_ms: int) -> Timeline | None:
        """Continue pressed: the stage holding the position ends after its current breath."""
        grown = self.reached(timeline, position_ms)
        current = grown or timeline
        index = current.paced_stage_at(position_ms)
        if index is not None:
            self._continued.add(index)
        return grown

    def seeked(self, timeline: Timeline, target_ms: int) -> Timeline | None:
        """A jump past a stage releases it; a jump back before it resets it to its minimum;
        a jump into it reopens it."""
        current = timeline
        for index in range(len(timeline.paced_stages)):
            stage = current.paced_stages[index]  # as moved by any reset before it
            if target_ms >= stage.end_ms:
                self._continued.add(index)
            else:
                self._continued.discard(index)
                if target_ms < stage.start_ms and stage.extra_cycles:
                    current = current.with_extra_cycles(index, -stage.extra_cycles)
        return None if current is timeline else current

    def restart(self, timeline: Timeline) -> Timeline | None:
        """Back to the top: every stage open again, at its minimum."""
        return self.seeked(timeline, 0)

    def status(self, timeline: Timeline, position_ms: int) -> StageWait | None:
        index = timeline.paced_stage_at(position_ms)
        if index is None:
            return None
        stage = timeline.paced_stages[index]
        waiting_from = stage.start_ms + stage.min_cycles * stage.cycle_ms
        return StageWait(
            stage_index=index,
            stage=stage,
            offered=position_ms >= stage.offer_ms,
            continued=index in self._continued,
            waiting=position_ms >= waiting_from,
            at_limit=not stage.can_extend,
        )
