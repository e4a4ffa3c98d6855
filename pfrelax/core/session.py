"""The session model: what a session file describes, already validated and typed."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from pfrelax.core.pattern import Pattern


class Cues(StrEnum):
    TONES = "tones"
    VOICE = "voice"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Prompts:
    """On-screen (and captioned) lines for each phase of a paced breath."""

    inhale: str = ""
    top_up: str = ""
    hold: str = ""
    exhale: str = ""

    def for_phase(self, phase: str) -> str:
        if phase in ("hold_in", "hold_out"):
            return self.hold
        return str(getattr(self, phase, ""))


@dataclass(frozen=True, slots=True)
class Ramp:
    """Glide from the step's pattern to `target` over `over_ms`, one cycle at a time."""

    target: Pattern
    over_ms: int


@dataclass(frozen=True, slots=True)
class SpeakStep:
    title: str
    text: str
    seconds_ms: int | None = None
    audio: str | None = None
    captions: str | None = None
    kind: str = field(default="speak", init=False)


@dataclass(frozen=True, slots=True)
class BreatheStep:
    """Paced breathing. Exactly one of `target_ms` (minutes/seconds) and `cycles` is set."""

    title: str
    pattern: Pattern
    target_ms: int | None = None
    cycles: int | None = None
    cues: Cues = Cues.TONES
    prompts: Prompts = Prompts()
    ramp: Ramp | None = None
    kind: str = field(default="breathe", init=False)


@dataclass(frozen=True, slots=True)
class RestStep:
    title: str
    seconds_ms: int
    text: str = ""
    kind: str = field(default="rest", init=False)


Step = SpeakStep | BreatheStep | RestStep


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    title: str
    steps: tuple[Step, ...]
    summary: str = ""
    language: str = "en"
    tags: tuple[str, ...] = ()
    checkin: tuple[str, ...] = ("before", "after")
    ambient: str | None = None
    source: str = ""
    safety: str = ""
    origin: Path | None = None  # the file it was read from; audio paths are relative to its pack
    pack_id: str | None = None
    pack_version: str | None = None
    personal: bool = False  # one of the person's own sessions ("My sessions"), theirs to change

    @property
    def has_holds(self) -> bool:
        return any(isinstance(s, BreatheStep) and _ramp_has_holds(s) for s in self.steps)

    @property
    def address(self) -> str:
        """How the CLI names it: `id`, or `PACKID/id` for a pack's session."""
        return f"{self.pack_id}/{self.id}" if self.pack_id else self.id


def _ramp_has_holds(step: BreatheStep) -> bool:
    return step.pattern.has_holds or (step.ramp is not None and step.ramp.target.has_holds)
