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


class PelvicKind(StrEnum):
    RELEASE = "release"  # soften, drop and widen; no contraction (the only kind in built-ins)
    CONTRACT_RELEASE = "contract_release"  # a PT's pack only: gentle draw-up, longer let-go


@dataclass(frozen=True, slots=True)
class PelvicPrompts:
    """Optional wording for each part of a pelvic floor rep (defaults in `core.pelvic`)."""

    contract: str = ""
    release: str = ""
    rest: str = ""


@dataclass(frozen=True, slots=True)
class PelvicFloorStep:
    """Timed reps while the person keeps breathing naturally (CLINICAL.md §2a).

    Each rep is: contract (contract_release only), release, then rest (skipped when 0).
    """

    title: str
    pelvic_kind: PelvicKind = PelvicKind.RELEASE  # the file's `kind` key
    reps: int = 5
    effort: int = 30  # percent of maximum; contract_release only
    contract_ms: int = 3_000
    release_ms: int = 10_000
    rest_ms: int = 5_000  # "one easy breath"
    prompts: PelvicPrompts = PelvicPrompts()
    cues: Cues = Cues.TONES
    kind: str = field(default="pelvic_floor", init=False)  # the step type, as for every step


class InsertOn(StrEnum):
    INHALE = "inhale"
    EXHALE = "exhale"  # a PT's pack only


@dataclass(frozen=True, slots=True)
class DilatorStep:
    """Breath-paced dilator practice (CLINICAL.md §2b): settle, insert, stay, move, remove.

    Every stage runs whole breaths of `pattern`. The stay is patient-paced: it lasts at least
    `stay_ms` (rounded up to whole breaths), then breathes on until Continue, at most `stay_max_ms`.
    """

    title: str
    pattern: Pattern
    settle_ms: int = 120_000
    insert_breaths: int = 3
    insert_on: InsertOn = InsertOn.INHALE
    stay_ms: int = 30_000
    stay_max_ms: int = 900_000
    move_breaths: int = 0
    remove_breaths: int = 3
    log: bool = True
    cues: Cues = Cues.TONES
    kind: str = field(default="dilator", init=False)


Step = SpeakStep | BreatheStep | RestStep | PelvicFloorStep | DilatorStep


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
    origin: Path | None = None  # the file it was read from
    pack_id: str | None = None
    pack_version: str | None = None
    pack_title: str = ""  # the pack's title and author as its manifest gives them
    pack_author: str = ""
    # The folder its audio paths are relative to: a pack's top folder, or a loose file's own.
    media_root: Path | None = None
    # Lengths of its recorded narration, by the path written in the file, as the pack reader
    # measured them (empty for a loose file: the catalog reads those headers itself).
    narration_ms: tuple[tuple[str, int], ...] = ()
    personal: bool = False  # one of the person's own sessions ("My sessions"), theirs to change

    @property
    def has_holds(self) -> bool:
        return any(isinstance(s, BreatheStep) and _ramp_has_holds(s) for s in self.steps)

    @property
    def has_contractions(self) -> bool:
        """Whether a step asks for a pelvic floor contraction (allowed only in a PT's pack)."""
        return any(
            isinstance(s, PelvicFloorStep) and s.pelvic_kind is PelvicKind.CONTRACT_RELEASE
            for s in self.steps
        )

    @property
    def safety_first(self) -> bool:
        """Whether the player must show `safety` before starting (holds or contractions)."""
        return self.has_holds or self.has_contractions

    @property
    def address(self) -> str:
        """How the CLI names it: `id`, or `PACKID/id` for a pack's session."""
        return f"{self.pack_id}/{self.id}" if self.pack_id else self.id


def media_folder(session: Session) -> Path | None:
    """The folder `session`'s audio paths start at: its media root (a pack's top folder, set
    by whoever read it), else the folder of the file it was read from."""
    if session.media_root is not None:
        return session.media_root
    return None if session.origin is None else session.origin.parent


def recorded_file(session: Session, relative: str) -> Path | None:
    """The recording `relative` (as written in the session file), or None without a folder."""
    folder = media_folder(session)
    return None if folder is None else folder / relative


def _ramp_has_holds(step: BreatheStep) -> bool:
    return step.pattern.has_holds or (step.ramp is not None and step.ramp.target.has_holds)
