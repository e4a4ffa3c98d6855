"""What sounds when, in exact session frames: cue sounds, narration spans and ambient ducking.

Every time comes from the compiled timeline in integer milliseconds and becomes a frame by one
integer division (`time_ms * rate // 1000`), so a cue lands on the same sample however long the
session has run and whichever block size asks for it.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from pfrelax.audio.format import Block
from pfrelax.audio.practice_cues import PracticeCue, practice_cues
from pfrelax.core.session import Cues
from pfrelax.core.timeline import Timeline

# Timeline cue kinds → the key of the sound in a cue bank. "speak" is narration, not a cue.
CUE_SOUND: dict[str, str] = {
    "inhale": "inhale",
    "top_up": "top_up",
    "hold_in": "hold",
    "hold_out": "hold",
    "exhale": "exhale",
    "end": "end",
}


Envelope = npt.NDArray[np.float32]  # one gain per frame


def ms_to_frame(time_ms: int, rate: int) -> int:
    """The frame a millisecond time starts on: exact integer arithmetic, never floats."""
    return time_ms * rate // 1000


@dataclass(frozen=True, slots=True)
class ScheduledCue:
    frame: int
    name: str  # the cue bank key: inhale, exhale, hold, top_up, end
    sound: Block = field(compare=False, repr=False)

    @property
    def end_frame(self) -> int:
        return self.frame + int(self.sound.shape[0])


class CueSchedule:
    """Cue sounds sorted by frame; `window` finds those sounding in a block by bisection."""

    def __init__(self, cues: Sequence[ScheduledCue]) -> None:
        self.cues = tuple(sorted(cues, key=lambda cue: cue.frame))
        self._frames = [cue.frame for cue in self.cues]
        self._longest = max((int(cue.sound.shape[0]) for cue in self.cues), default=0)
        self.end_frame = max((cue.end_frame for cue in self.cues), default=0)
        """The frame after the last cue sample (0 with no cues)."""
        self.first_frame = min((cue.frame for cue in self.cues), default=0)
        """The first cue's frame: below 0 when the count-in speaks before the session."""

    def __len__(self) -> int:
        return len(self.cues)

    def window(self, start: int, frames: int) -> list[ScheduledCue]:
        """Cues with any sample in [start, start + frames): started inside or still sounding."""
        first = bisect.bisect_right(self._frames, start - self._longest)
        last = bisect.bisect_left(self._frames, start + frames)
        return [cue for cue in self.cues[first:last] if cue.end_frame > start]


def build_cue_schedule(
    timeline: Timeline,
    tones: Mapping[str, Block],
    voice: Mapping[str, Block] | None,
    rate: int,
    count_in: Mapping[int, Block] | None = None,
    practice: Mapping[str, Block] | None = None,
) -> CueSchedule:
    """Each phase start of a paced step, sounded by its step's cue mode, and the end bell.

    tones → the chosen sound set; voice → the spoken prompts when there are any, else tones;
    none → silence. The end bell always comes from the sound set (the "none" set is silent).
    `count_in` numbers (seconds left → clip) sound before the session, at frame −seconds × rate,
    where the count-in shows that number; a shorter count-in never reaches the higher ones.
    `practice` clips (words → clip) speak pelvic floor and dilator cues (`practice_cues`); a
    stage's words stand in for the breath prompt at the same instant.
    """
    cues: list[ScheduledCue] = [
        ScheduledCue(-seconds * rate, f"count_{seconds}", sound)
        for seconds, sound in (count_in or {}).items()
        if sound.shape[0] > 0
    ]
    instead: set[int] = set()  # frames where a stage's words stand in for the breath prompt
    for item in practice_cues(timeline):
        cue = _practice_cue(item, tones, voice, practice, rate)
        if cue is not None:
            cues.append(cue)
            if item.replaces_breath:
                instead.add(cue.frame)
    for point in timeline.cue_points():
        if point.kind != "end" and ms_to_frame(point.time_ms, rate) in instead:
            continue
        name = CUE_SOUND.get(point.kind)
        if name is None or (point.cues is Cues.NONE and point.kind != "end"):
            continue
        bank = voice if point.cues is Cues.VOICE and voice and point.kind != "end" else tones
        sound = bank.get(name)
        if sound is None or sound.shape[0] == 0:
            continue
        cues.append(ScheduledCue(ms_to_frame(point.time_ms, rate), name, sound))
    return CueSchedule(cues)


def _practice_cue(
    item: PracticeCue,
    tones: Mapping[str, Block],
    voice: Mapping[str, Block] | None,
    practice: Mapping[str, Block] | None,
    rate: int,
) -> ScheduledCue | None:
    """The sound of one practice cue by its step's cue mode: its words (named "say:…", and
    standing in for a breath prompt then), its tone, or nothing."""
    frame = ms_to_frame(item.time_ms, rate)
    spoken = (practice or {}).get(item.text)
    if item.cues is Cues.VOICE and voice and spoken is not None and spoken.shape[0] > 0:
        return ScheduledCue(frame, f"say:{item.text}", spoken)
    if item.cues is Cues.NONE or item.tone is None or item.replaces_breath:
        return None
    sound = tones.get(item.tone)
    return None if sound is None or sound.shape[0] == 0 else ScheduledCue(frame, item.tone, sound)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open frame range [start, end)."""

    start: int
    end: int

    def overlaps(self, start: int, frames: int) -> bool:
        return self.start < start + frames and start < self.end


def duck_envelope(spans: Sequence[Span], start: int, frames: int, ramp: int) -> Envelope:
    """How far ambient is ducked at each frame of a block: 0 (not at all) to 1 (fully).

    A pure function of position: it rises linearly over `ramp` frames before each span starts
    and falls over `ramp` frames after it ends, so ducking is smooth and lands the same way
    after a seek or a pause as in a straight play-through.
    """
    duck = np.zeros(frames, dtype=np.float32)
    if not spans:
        return duck
    positions = np.arange(start, start + frames, dtype=np.int64)
    for span in spans:
        if not Span(span.start - ramp, span.end + ramp).overlaps(start, frames):
            continue
        rising = (positions - (span.start - ramp)) / ramp
        falling = ((span.end + ramp) - positions) / ramp
        level = np.clip(np.minimum(rising, falling), 0.0, 1.0).astype(np.float32)
        np.maximum(duck, level, out=duck)
    return duck


class Stream(Protocol):
    """What the mixer needs of an open narration file (`decode.AudioStream` is one)."""

    frames: int

    @property
    def position(self) -> int: ...

    def read(self, frames: int) -> Block: ...

    def seek(self, frame: int) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class NarrationTrack:
    """A speak step's audio, started on its step's first frame and cut at the step's end."""

    step: int
    span: Span  # the step in session frames
    stream: Stream = field(compare=False, repr=False)

    @property
    def sounding(self) -> Span:
        """Where the narration actually has sound: its length, cut at the step's end."""
        return Span(self.span.start, min(self.span.end, self.span.start + self.stream.frames))

    @property
    def cut_short(self) -> bool:
        return self.stream.frames > self.span.end - self.span.start


@dataclass(slots=True)
class SessionSound:
    """Everything one session plays, placed in frames. It owns the open narration streams."""

    rate: int
    end_frame: int  # the session's duration in frames
    cues: CueSchedule
    narration: tuple[NarrationTrack, ...] = ()
    ambient: Block | None = None  # a seamless loop, played under the whole session
    ambient_file: Stream | None = None  # or the session's own ambient recording, looped
    problems: tuple[str, ...] = ()  # narration that could not be opened (captions only)

    @property
    def last_frame(self) -> int:
        """The frame after the last sound: the end of the session or of the end bell's ring."""
        return max(self.end_frame, self.cues.end_frame)

    @property
    def silent(self) -> bool:
        """Whether there is nothing at all to hear: no cue, no narration, no ambient."""
        return (
            not self.cues.cues
            and not self.narration
            and self.ambient is None
            and self.ambient_file is None
        )

    @property
    def first_frame(self) -> int:
        """The frame of the first sound: 0, or earlier when the count-in is spoken."""
        return min(0, self.cues.first_frame)

    def close(self) -> None:
        for track in self.narration:
            track.stream.close()
        if self.ambient_file is not None:
            self.ambient_file.close()
