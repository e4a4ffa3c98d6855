"""The pieces a compiled timeline is made of: segments, step spans, captions, paced stages."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pfrelax.core.session import Cues


class SegmentKind(StrEnum):
    INHALE = "inhale"
    TOP_UP = "top_up"
    HOLD_IN = "hold_in"
    EXHALE = "exhale"
    HOLD_OUT = "hold_out"
    SPEAK = "speak"
    REST = "rest"
    PF_CONTRACT = "pf_contract"  # a gentle pelvic floor draw-up (contract_release reps only)
    PF_RELEASE = "pf_release"  # soften, drop and widen
    PF_REST = "pf_rest"  # nothing to do; the floor floats back on its own


BREATH_KINDS = frozenset(
    {
        SegmentKind.INHALE,
        SegmentKind.TOP_UP,
        SegmentKind.HOLD_IN,
        SegmentKind.EXHALE,
        SegmentKind.HOLD_OUT,
    }
)

PELVIC_KINDS = frozenset({SegmentKind.PF_CONTRACT, SegmentKind.PF_RELEASE, SegmentKind.PF_REST})


class Stage(StrEnum):
    """The stages of a dilator step; its breath segments carry one."""

    SETTLE = "settle"
    INSERT = "insert"
    STAY = "stay"
    MOVE = "move"
    REMOVE = "remove"


@dataclass(frozen=True, slots=True)
class Segment:
    start_ms: int
    end_ms: int
    step: int
    kind: SegmentKind
    prompt: str = ""
    cycle: int | None = None  # which breath of its step, from 0
    stage: Stage | None = None  # dilator steps only
    rep: int | None = None  # pelvic floor steps only: which rep, from 0

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms

    def shifted(self, by_ms: int, cycles: int = 0) -> Segment:
        """The same segment `by_ms` later, its breath number moved on by `cycles`."""
        cycle = None if self.cycle is None else self.cycle + cycles
        return Segment(
            self.start_ms + by_ms,
            self.end_ms + by_ms,
            self.step,
            self.kind,
            self.prompt,
            cycle,
            self.stage,
            self.rep,
        )


@dataclass(frozen=True, slots=True)
class StepSpan:
    """A chapter: one step of the session placed in time."""

    index: int
    title: str
    kind: str  # "speak" | "breathe" | "rest" | "pelvic_floor" | "dilator"
    start_ms: int
    end_ms: int
    cues: Cues = Cues.NONE
    audio: str | None = None
    cycles: int = 0  # breaths (breathe, dilator) or reps (pelvic_floor)


@dataclass(frozen=True, slots=True)
class Caption:
    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True, slots=True)
class PacedStage:
    """A patient-paced stage (a dilator step's stay) as laid out in one timeline.

    It runs `min_cycles` breaths of `cycle_ms`, plus `extra_cycles` appended while the person
    had not yet pressed Continue, never more than `max_cycles` in all. Continue is offered from
    `offer_ms` (the step's minimum stay in seconds after `start_ms`).
    """

    step: int
    stage: Stage
    start_ms: int
    end_ms: int
    offer_ms: int
    cycle_ms: int
    min_cycles: int
    max_cycles: int
    extra_cycles: int = 0

    @property
    def cycles(self) -> int:
        return self.min_cycles + self.extra_cycles

    @property
    def can_extend(self) -> bool:
        return self.cycles < self.max_cycles

    def contains(self, t_ms: int) -> bool:
        return self.start_ms <= t_ms < self.end_ms
