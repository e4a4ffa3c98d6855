"""Spoken cues for pelvic floor reps and dilator stages, placed on the timeline's own boundaries.

A pelvic floor rep says what to do at the start of each part ("Soften and let go", "Gently draw
up — about a third", "Let go completely", "Nothing to do now"). A dilator step says what each
stage asks at its first breath, instead of that breath's "Breathe in", and, once the minimum stay
has passed, "Press Continue whenever you're ready" at the next phase start of the stay (none when
the stay's breaths end exactly there). The stage after a stay keeps the plain breath prompt (the
stay may still grow there). Everything else sounds as the breath prompts do.
"""

from __future__ import annotations

from dataclasses import dataclass

from pfrelax.core.pelvic import DRAW_UP, LET_GO, NOTHING_TO_DO, SOFTEN, draw_up_caption
from pfrelax.core.practice_steps import INSERT_MOVE, MOVE_PROMPTS, REMOVE_MOVE, STAY_PROMPTS
from pfrelax.core.session import Cues, DilatorStep, InsertOn, PelvicFloorStep
from pfrelax.core.timeline import PELVIC_KINDS, Segment, SegmentKind, Stage, Timeline

OFFER = "Press Continue whenever you're ready"
_STAGE_WORDS = {
    Stage.STAY: STAY_PROMPTS[0],
    Stage.MOVE: MOVE_PROMPTS[0],
}
_PELVIC_DEFAULTS = {SegmentKind.PF_RELEASE: SOFTEN, SegmentKind.PF_REST: NOTHING_TO_DO}
# Every practice cue the player may speak, so `make voices` renders each one.
PRACTICE_TEXTS: tuple[str, ...] = (
    SOFTEN,
    LET_GO,
    NOTHING_TO_DO,
    *(draw_up_caption(effort) for effort in (10, 30, 50, 70)),
    *(move.format(word) for move in (INSERT_MOVE, REMOVE_MOVE) for word in ("in", "out")),
    *_STAGE_WORDS.values(),
    OFFER,
)
assert DRAW_UP in PRACTICE_TEXTS  # the default contraction is among them

# A pelvic floor part's tone when the step sounds tones: a contraction on the out-breath, a
# release on the in-breath (CLINICAL.md §2a); a rest is quiet.
PELVIC_TONES = {SegmentKind.PF_CONTRACT: "exhale", SegmentKind.PF_RELEASE: "inhale"}


@dataclass(frozen=True, slots=True)
class PracticeCue:
    """A cue at `time_ms`: spoken as `text` with voice cues, else the tone `tone` (if any)."""

    time_ms: int
    text: str
    tone: str | None
    cues: Cues
    replaces_breath: bool  # it stands in for the breath prompt at the same instant


def practice_cues(timeline: Timeline) -> list[PracticeCue]:
    """The pelvic floor and dilator cues of `timeline`, in time order."""
    found: list[PracticeCue] = []
    previous: Segment | None = None
    # Where a stay may still grow, the next stage's words would be heard before the sound
    # is prepared again for the grown stay ("Remove…" while the person stays): that breath
    # keeps its plain prompt, and the words show on screen.
    open_ends = {stage.end_ms for stage in timeline.paced_stages}
    for segment in timeline.segments:
        cues = timeline.steps[segment.step].cues
        if segment.kind in PELVIC_KINDS:
            text = _pelvic_words(timeline, segment)
            tone = PELVIC_TONES.get(segment.kind)
            found.append(PracticeCue(segment.start_ms, text, tone, cues, False))
        elif (
            segment.stage is not None
            and (previous is None or previous.stage != segment.stage)
            and segment.start_ms not in open_ends
        ):
            words = _stage_words(timeline, segment)
            if words:
                found.append(PracticeCue(segment.start_ms, words, None, cues, True))
        previous = segment
    found.extend(_offers(timeline))
    return sorted(found, key=lambda cue: cue.time_ms)


def _pelvic_words(timeline: Timeline, segment: Segment) -> str:
    """The part's own line when it is one the voice knows, else the default for its kind."""
    if segment.prompt in PRACTICE_TEXTS:
        return segment.prompt
    if segment.kind is SegmentKind.PF_CONTRACT:
        step = timeline.session.steps[segment.step]
        return draw_up_caption(step.effort if isinstance(step, PelvicFloorStep) else 30)
    return _PELVIC_DEFAULTS.get(segment.kind, NOTHING_TO_DO)


def _stage_words(timeline: Timeline, segment: Segment) -> str:
    """What a dilator stage asks, said at its first breath ("" for settling: just breathe)."""
    if segment.stage in (Stage.INSERT, Stage.REMOVE):
        step = timeline.session.steps[segment.step]
        on_exhale = isinstance(step, DilatorStep) and step.insert_on is InsertOn.EXHALE
        template = INSERT_MOVE if segment.stage is Stage.INSERT else REMOVE_MOVE
        return template.format("out" if on_exhale else "in")
    return _STAGE_WORDS.get(segment.stage, "") if segment.stage is not None else ""


def _offers(timeline: Timeline) -> list[PracticeCue]:
    """ "Press Continue…" at the first phase start inside each stay once Continue is offered."""
    found = []
    for stage in timeline.paced_stages:
        cues = timeline.steps[stage.step].cues
        for segment in timeline.segments[timeline.segment_index_at(stage.offer_ms) :]:
            if segment.start_ms >= stage.end_ms:
                break
            if segment.start_ms >= stage.offer_ms:
                found.append(PracticeCue(segment.start_ms, OFFER, None, cues, True))
                break
    return found
