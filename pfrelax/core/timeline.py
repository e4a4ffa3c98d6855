"""A session compiled to exact segments in integer milliseconds, and `at(t)` to read it.

Every boundary is a sum of whole milliseconds, never of floats added frame by frame, so an
eight-hour session ends exactly where arithmetic says and the picture, the labels and the cue
sounds (scheduled from the same segments) cannot drift apart.

Rounding rule for a breathing step given in minutes or seconds: it runs whole cycles only, and
stops at the cycle boundary nearest the requested time — a cycle is run when at least half of it
fits (so a tie runs the longer way), and there is always at least one cycle. With a ramp the
cycles change length as they glide, and the same rule applies cycle by cycle.

Pelvic floor and dilator steps are laid out by `core.practice_steps`; a dilator step's stay is
patient-paced and grows at play time through `with_extra_cycles` (`core.paced_stage`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from pfrelax.core.paced_stage import extend_stage
from pfrelax.core.pattern import Pattern
from pfrelax.core.practice_steps import lay_out_dilator, lay_out_pelvic_floor
from pfrelax.core.segments import (
    BREATH_KINDS,
    PELVIC_KINDS,
    Caption,
    PacedStage,
    Segment,
    SegmentKind,
    Stage,
    StepSpan,
)
from pfrelax.core.session import (
    BreatheStep,
    Cues,
    DilatorStep,
    PelvicFloorStep,
    RestStep,
    Session,
    SpeakStep,
    Step,
)
from pfrelax.errors import InputError

__all__ = [
    "BREATH_KINDS",
    "PELVIC_KINDS",
    "Caption",
    "CuePoint",
    "Moment",
    "PacedStage",
    "Segment",
    "SegmentKind",
    "Stage",
    "StepSpan",
    "Timeline",
    "TimelineError",
    "breath_cycles",
    "caption_lines",
    "compile_session",
]


class TimelineError(InputError, ValueError):
    """A session that cannot be laid out in time (e.g. narration audio of unknown length)."""


@dataclass(frozen=True, slots=True)
class Moment:
    """What is happening at one instant."""

    time_ms: int
    segment_index: int
    segment: Segment
    step: StepSpan
    progress: float  # 0–1 within the segment (the phase)
    phase_left_ms: int
    step_left_ms: int
    session_left_ms: int
    caption: str
    finished: bool

    @property
    def kind(self) -> SegmentKind:
        return self.segment.kind

    @property
    def prompt(self) -> str:
        return self.segment.prompt

    def same_instant(self, other: Moment) -> bool:
        """What `==` says, without comparing every field: the same time of the same segment
        (a paused or finished session is shown the same moment again, asked each frame)."""
        return self is other or (
            self.time_ms == other.time_ms
            and self.segment is other.segment
            and self.session_left_ms == other.session_left_ms
        )


@dataclass(frozen=True, slots=True)
class CuePoint:
    """A sound the audio engine schedules at an exact time: a phase start, or the end bell."""

    time_ms: int
    kind: str  # a SegmentKind value for breaths, "speak" for narration, "end" for the bell
    step: int
    cues: Cues


class Timeline:
    """Immutable; built by `compile_session`."""

    def __init__(
        self,
        session: Session,
        segments: tuple[Segment, ...],
        steps: tuple[StepSpan, ...],
        captions: tuple[Caption, ...],
        paced_stages: tuple[PacedStage, ...] = (),
    ) -> None:
        if not segments:
            raise TimelineError(f"session {session.id!r} has no steps")
        self.session = session
        self.segments = segments
        self.steps = steps
        self.captions = captions
        self.paced_stages = paced_stages
        self.duration_ms = segments[-1].end_ms
        self._starts = [segment.start_ms for segment in segments]
        self._caption_starts = [caption.start_ms for caption in captions]
        self._step_starts = [step.start_ms for step in steps]

    def __len__(self) -> int:
        return len(self.segments)

    def segment_index_at(self, t_ms: int) -> int:
        t = min(max(t_ms, 0), self.duration_ms)
        return (
            max(bisect.bisect_right(self._starts, t) - 1, 0)
            if t < self.duration_ms
            else len(self.segments) - 1
        )

    def step_index_at(self, t_ms: int) -> int:
        t = min(max(t_ms, 0), self.duration_ms)
        if t >= self.duration_ms:
            return len(self.steps) - 1
        return max(bisect.bisect_right(self._step_starts, t) - 1, 0)

    def caption_at(self, t_ms: int) -> str:
        index = bisect.bisect_right(self._caption_starts, t_ms) - 1
        if index < 0:
            return ""
        caption = self.captions[index]
        return caption.text if caption.start_ms <= t_ms < caption.end_ms else ""

    def at(self, t_ms: int) -> Moment:
        """What is happening at `t_ms` (clamped to the session). O(log n)."""
        t = min(max(int(t_ms), 0), self.duration_ms)
        index = self.segment_index_at(t)
        segment = self.segments[index]
        step = self.steps[segment.step]
        finished = t >= self.duration_ms
        progress = 1.0 if finished else (t - segment.start_ms) / segment.duration_ms
        caption = "" if finished else self.caption_at(t)
        return Moment(
            time_ms=t,
            segment_index=index,
            segment=segment,
            step=step,
            progress=progress,
            phase_left_ms=segment.end_ms - t,
            step_left_ms=step.end_ms - t,
            session_left_ms=self.duration_ms - t,
            caption=caption,
            finished=finished,
        )

    def with_extra_cycles(self, stage_index: int, n: int) -> Timeline:
        """A new timeline whose paced stage `stage_index` runs `n` more whole breaths (or fewer,
        for negative `n`, down to its minimum); everything after it is exactly `n` cycles later.

        Raises ValueError beyond the stage's maximum or below its minimum.
        """
        parts = extend_stage(
            self.segments, self.steps, self.captions, self.paced_stages, stage_index, n
        )
        return Timeline(self.session, *parts)

    def paced_stage_at(self, t_ms: int) -> int | None:
        """The index in `paced_stages` of the stage holding `t_ms`, if any."""
        for index, stage in enumerate(self.paced_stages):
            if stage.contains(t_ms):
                return index
        return None

    def cue_points(self) -> list[CuePoint]:
        """Phase starts of paced and pelvic floor steps, narration starts, and the end bell,
        in time order."""
        points = []
        for segment in self.segments:
            step = self.steps[segment.step]
            if (
                segment.kind in BREATH_KINDS
                or segment.kind in PELVIC_KINDS
                or (segment.kind is SegmentKind.SPEAK and step.start_ms == segment.start_ms)
            ):
                points.append(
                    CuePoint(segment.start_ms, segment.kind.value, segment.step, step.cues)
                )
        points.append(CuePoint(self.duration_ms, "end", len(self.steps) - 1, Cues.TONES))
        return points


AudioLength = Callable[[str], int]


def compile_session(session: Session, audio_length_ms: AudioLength | None = None) -> Timeline:
    """Lay `session` out in time. `audio_length_ms(path)` gives recorded narration lengths."""
    segments: list[Segment] = []
    steps: list[StepSpan] = []
    captions: list[Caption] = []
    paced: list[PacedStage] = []
    now = 0
    for index, step in enumerate(session.steps):
        start = now
        if isinstance(step, BreatheStep):
            cycles = breath_cycles(step)
            for cycle, pattern in enumerate(cycles):
                now = _append_cycle(segments, step, index, cycle, pattern, now)
            steps.append(
                StepSpan(index, step.title, "breathe", start, now, step.cues, None, len(cycles))
            )
        elif isinstance(step, PelvicFloorStep):
            segments.extend(lay_out_pelvic_floor(step, index, start))
            now = segments[-1].end_ms
            steps.append(
                StepSpan(index, step.title, step.kind, start, now, step.cues, None, step.reps)
            )
        elif isinstance(step, DilatorStep):
            laid, stay = lay_out_dilator(step, index, start)
            segments.extend(laid)
            paced.append(stay)
            now = segments[-1].end_ms
            count = (laid[-1].cycle or 0) + 1
            steps.append(StepSpan(index, step.title, step.kind, start, now, step.cues, None, count))
        else:
            length = _fixed_length(step, audio_length_ms)
            now = start + length
            kind = SegmentKind.SPEAK if isinstance(step, SpeakStep) else SegmentKind.REST
            segments.append(Segment(start, now, index, kind, ""))
            audio = step.audio if isinstance(step, SpeakStep) else None
            steps.append(StepSpan(index, step.title, kind.value, start, now, Cues.NONE, audio))
            captions.extend(_captions_for(step.text, start, now))
    return Timeline(session, tuple(segments), tuple(steps), tuple(captions), tuple(paced))


def breath_cycles(step: BreatheStep) -> list[Pattern]:
    """The pattern of every breath in the step, following the ramp and the rounding rule."""
    cycles: list[Pattern] = []
    elapsed = 0
    while True:
        pattern = _pattern_at(step, elapsed)
        if step.cycles is not None:
            if len(cycles) >= step.cycles:
                return cycles
        elif cycles and elapsed + pattern.cycle_ms / 2 > (step.target_ms or 0):
            return cycles
        cycles.append(pattern)
        elapsed += pattern.cycle_ms


def _pattern_at(step: BreatheStep, elapsed_ms: int) -> Pattern:
    if step.ramp is None or step.ramp.over_ms <= 0:
        return step.pattern if step.ramp is None else step.ramp.target
    return step.pattern.glide_to(step.ramp.target, elapsed_ms / step.ramp.over_ms)


def _append_cycle(
    segments: list[Segment], step: BreatheStep, index: int, cycle: int, pattern: Pattern, now: int
) -> int:
    for phase, ms in pattern.phases():
        kind = SegmentKind(phase)
        segments.append(Segment(now, now + ms, index, kind, step.prompts.for_phase(phase), cycle))
        now += ms
    return now


def _fixed_length(step: Step, audio_length_ms: AudioLength | None) -> int:
    if isinstance(step, SpeakStep) and step.audio and audio_length_ms is not None:
        return audio_length_ms(step.audio)
    if isinstance(step, SpeakStep | RestStep) and step.seconds_ms:
        return step.seconds_ms
    raise TimelineError(f"step {step.title!r} needs `seconds` or an audio file of known length")


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_CAPTION_CHARS = 110  # about two lines at caption size


def caption_lines(text: str) -> list[str]:
    """Split narration into short caption chunks at sentence ends (at most ~two lines each)."""
    chunks: list[str] = []
    for sentence in _SENTENCE_END.split(" ".join(text.split())):
        if chunks and len(chunks[-1]) + 1 + len(sentence) <= _CAPTION_CHARS:
            chunks[-1] = f"{chunks[-1]} {sentence}"
        elif sentence:
            chunks.append(sentence)
    return chunks


def _captions_for(text: str, start: int, end: int) -> list[Caption]:
    """Spread caption chunks over the step in proportion to their length (like speech)."""
    chunks = caption_lines(text)
    total = sum(len(chunk) for chunk in chunks)
    captions = []
    done = 0
    for chunk in chunks:
        begin = start + (end - start) * done // total
        done += len(chunk)
        captions.append(Caption(begin, start + (end - start) * done // total, chunk))
    return captions
