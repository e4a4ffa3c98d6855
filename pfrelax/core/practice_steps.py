"""Laying out pelvic floor and dilator steps in exact integer milliseconds (CLINICAL.md §2a, §2b).

A pelvic floor step is one track of rep segments (pf_contract, pf_release, pf_rest): the person
breathes naturally, unpaced, throughout, so there are no breath segments to keep in step with.
A dilator step is paced breathing in stages; each breath segment carries its stage, and the stay
is laid out at its minimum (whole breaths covering `stay`), to grow at play time (`paced_stage`).
"""

from __future__ import annotations

from pfrelax.core.pattern import Pattern
from pfrelax.core.pelvic import pelvic_caption
from pfrelax.core.segments import PacedStage, Segment, SegmentKind, Stage
from pfrelax.core.session import DilatorStep, InsertOn, PelvicFloorStep, PelvicKind

# Cues on the breath for each dilator stage: (on the in-breath, on the out-breath).
SETTLE_PROMPTS = ("Let the belly rise and the pelvic floor soften", "Let it float back on its own")
STAY_PROMPTS = (
    "Stay here and keep breathing — there's no hurry",
    "Soften around it as you breathe out",
)
MOVE_PROMPTS = ("One small, gentle movement with the breath", "Rest and keep breathing")
INSERT_MOVE = "Insert slowly as you breathe {} — only as far as feels OK today"
REMOVE_MOVE = "Remove slowly as you breathe {}"
PAUSE = "Pause and keep breathing"


def lay_out_pelvic_floor(step: PelvicFloorStep, index: int, start: int) -> list[Segment]:
    """Each rep: contract (contract_release only), release, rest (when longer than 0)."""
    parts: list[tuple[SegmentKind, int]] = []
    if step.pelvic_kind is PelvicKind.CONTRACT_RELEASE:
        parts.append((SegmentKind.PF_CONTRACT, step.contract_ms))
    parts.append((SegmentKind.PF_RELEASE, step.release_ms))
    if step.rest_ms > 0:
        parts.append((SegmentKind.PF_REST, step.rest_ms))
    segments = []
    now = start
    for rep in range(step.reps):
        for kind, ms in parts:
            caption = pelvic_caption(step, kind)
            segments.append(Segment(now, now + ms, index, kind, caption, None, None, rep))
            now += ms
    return segments


def settle_cycles(step: DilatorStep) -> int:
    """Whole breaths nearest `settle` (a breath runs when at least half of it fits), at least 1."""
    cycle = step.pattern.cycle_ms
    return max(1, (2 * step.settle_ms + cycle) // (2 * cycle))


def stay_cycles(step: DilatorStep) -> tuple[int, int]:
    """The stay's fewest breaths (covering `stay`) and most (within `stay_max`)."""
    cycle = step.pattern.cycle_ms
    fewest = max(1, -(-step.stay_ms // cycle))
    return fewest, max(fewest, step.stay_max_ms // cycle)


def _stage_prompts(step: DilatorStep) -> list[tuple[Stage, int, tuple[str, str]]]:
    on_inhale = step.insert_on is InsertOn.INHALE
    word = "in" if on_inhale else "out"

    def moving(text: str) -> tuple[str, str]:
        return (text, PAUSE) if on_inhale else (PAUSE, text)

    return [
        (Stage.SETTLE, settle_cycles(step), SETTLE_PROMPTS),
        (Stage.INSERT, step.insert_breaths, moving(INSERT_MOVE.format(word))),
        (Stage.STAY, stay_cycles(step)[0], STAY_PROMPTS),
        (Stage.MOVE, step.move_breaths, MOVE_PROMPTS),
        (Stage.REMOVE, step.remove_breaths, moving(REMOVE_MOVE.format(word))),
    ]


def _cycle(
    pattern: Pattern, index: int, cycle: int, stage: Stage, prompts: tuple[str, str], now: int
) -> list[Segment]:
    segments = []
    for phase, ms in pattern.phases():
        kind = SegmentKind(phase)
        prompt = prompts[0] if kind in (SegmentKind.INHALE, SegmentKind.TOP_UP) else prompts[1]
        if kind in (SegmentKind.HOLD_IN, SegmentKind.HOLD_OUT):
            prompt = ""
        segments.append(Segment(now, now + ms, index, kind, prompt, cycle, stage))
        now += ms
    return segments


def lay_out_dilator(step: DilatorStep, index: int, start: int) -> tuple[list[Segment], PacedStage]:
    """The step's breath segments, stage by stage, and its stay as a paced stage."""
    segments: list[Segment] = []
    cycle_ms = step.pattern.cycle_ms
    now = start
    cycle = 0
    stay_start = start
    for stage, count, prompts in _stage_prompts(step):
        if stage is Stage.STAY:
            stay_start = now
        for _ in range(count):
            segments.extend(_cycle(step.pattern, index, cycle, stage, prompts, now))
            now += cycle_ms
            cycle += 1
    fewest, most = stay_cycles(step)
    stay = PacedStage(
        step=index,
        stage=Stage.STAY,
        start_ms=stay_start,
        end_ms=stay_start + fewest * cycle_ms,
        offer_ms=stay_start + step.stay_ms,
        cycle_ms=cycle_ms,
        min_cycles=fewest,
        max_cycles=most,
    )
    return segments, stay


def practice_length_ms(step: PelvicFloorStep | DilatorStep, *, longest: bool = False) -> int:
    """A pelvic floor step's length, or a dilator step's with its stay at the minimum (or, with
    `longest`, at `stay_max`), without laying it out."""
    if isinstance(step, PelvicFloorStep):
        contract = step.contract_ms if step.pelvic_kind is PelvicKind.CONTRACT_RELEASE else 0
        return step.reps * (contract + step.release_ms + step.rest_ms)
    fewest, most = stay_cycles(step)
    stay = most if longest else fewest
    breaths = settle_cycles(step) + step.insert_breaths + stay
    return (breaths + step.move_breaths + step.remove_breaths) * step.pattern.cycle_ms
